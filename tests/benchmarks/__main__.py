"""Run every benchmark: `python -m tests.benchmarks` (what `make bench` does).

Each `bench_*.py` module has a `main()` that measures its subject and a baseline in the same
run and prints both with their ratio. Benchmarks are not tests: nothing here fails on time.
"""

import importlib
import pkgutil
import sys
import time

import tests.benchmarks as package


def main() -> int:
    only = set(sys.argv[1:])
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (only and info.name not in only):
            continue
        print(f"== {info.name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"tests.benchmarks.{info.name}").main()
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
