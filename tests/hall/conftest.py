"""Fixtures for the hall tests: a PostgreSQL cluster of the test's own, which it may stop and
restart (the session's shared cluster must stay up for every other test)."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from onewindow.store import db
from tests.hall.cluster import OwnCluster
from tests.helpers.pg_cluster import find_bin_dir


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
