"""A PostgreSQL cluster of a test's own, which it may stop and restart (the session's shared
cluster must stay up for every other test); also used by tests/benchmarks/bench_hall.py."""

from __future__ import annotations

from tests.helpers.pg_cluster import Cluster


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
