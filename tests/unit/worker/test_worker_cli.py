"""The `run` and `worker` commands' arguments."""

from __future__ import annotations

import pytest

from tvnexa.entrypoints.cli import build_parser, run_embedded_mode, run_worker


def test_run_takes_the_address_the_api_listens_on() -> None:
    arguments = build_parser().parse_args(["run", "--bind", "127.0.0.1:9000"])

    assert arguments.handler is run_embedded_mode
    assert arguments.bind == "127.0.0.1:9000"


def test_worker_takes_a_number_of_threads_or_leaves_it_to_configuration() -> None:
    parser = build_parser()

    assert parser.parse_args(["worker", "--workers", "4"]).workers == 4
    assert parser.parse_args(["worker"]).workers is None
    assert parser.parse_args(["worker"]).handler is run_worker


@pytest.mark.parametrize("workers", ["0", "-1", "two", "1.5"])
def test_worker_refuses_a_number_of_threads_that_is_not_positive(
    workers: str,
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["worker", "--workers", workers])
