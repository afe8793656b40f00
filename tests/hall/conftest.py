"""Fixtures for the hall tests: a PostgreSQL cluster of the test's own, which it may stop and
restart (the session's shared cluster must stay up for every other test)."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from onewindow.store import db
from tests.helpers.pg_cluster import Cluster, find_bin_dir


class OwnCluster(Cluster):
    """A cluster that can be stopped and started again with its data kept: unlike the shared
    one it commits synchronously, so that a crash loses nothing that was committed (as on a
    real server)."""

    def start(self) -> None:
        super().start()
        self.pg_ctl("-m", "fast", "stop")
        self.resume()

    def pg_ctl(self, *args: str) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), *args)

    def halt(self) -> None:
        """Stop at once, as a crash or a power cut would (connections are cut)."""
        self.pg_ctl("-m", "immediate", "stop")

    def resume(self) -> None:
        self.pg_ctl(
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off "
            "-c max_connections=200",
            "start",
        )


@pytest.fixture
def own_pg() -> Iterator[OwnCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    cluster = OwnCluster(bin_dir)
    cluster.start()
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE hall"))
    admin.dispose()
    engine = db.make_engine(cluster.url("hall"))
    db.upgrade(engine)
    engine.dispose()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped by the test
            cluster.stop()
