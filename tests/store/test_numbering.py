"""Application numbers under concurrency: 4 processes × 25 submissions on one database."""

import json
import multiprocessing
import re

import pytest

from onewindow.cli.main import main as cli_main

SAMPLE = "gas-only-resident.json"


def _submit_many(config_file: str, form: str, n: int) -> list[str]:
    import contextlib
    import io

    numbers = []
    for _ in range(n):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = cli_main(
                ["--config", config_file, "submit", form, "--clerk", "zhangwei", "--json"]
            )
        assert code == 0
        numbers.append(json.loads(out.getvalue())["application_no"])
    return numbers


@pytest.mark.slow
def test_four_processes_get_one_hundred_distinct_numbers(config_file, samples, users):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        batches = pool.starmap(_submit_many, [(str(config_file), str(samples / SAMPLE), 25)] * 4)
    numbers = [n for batch in batches for n in batch]
    assert len(numbers) == 100
    assert len(set(numbers)) == 100
    assert all(re.fullmatch(r"LBGX-\d{8}-\d{4}", n) for n in numbers)
