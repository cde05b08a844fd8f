"""`tvnexa run`: the API and the worker together, filling the catalogue by
themselves, supervised and stopped cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.support import (
    TVNEXA_COMMAND,
    environment,
    free_port,
    get_json,
    wait_until_ready,
)
from tests.integration.worker.tiny_catalogue import (
    TINY_CATALOGUE,
    write_tiny_catalogue,
)

pytestmark = pytest.mark.e2e

FILL_DEADLINE_SECONDS = 60.0
STOP_DEADLINE_SECONDS = 40.0


@dataclass
class Running:
    process: subprocess.Popen[str]
    base: str
    port: int
    log: Path

    def descendants(self) -> list[int]:
        """The supervisor's children and theirs (gunicorn's workers)."""
        found, pending = [], [self.process.pid]
        while pending:
            parent = pending.pop()
            children = [pid for pid in all_pids() if parent_of(pid) == parent]
            found.extend(children)
            pending.extend(children)
        return found

    def role_pid(self, role: str) -> int:
        [pid] = [
            pid
            for pid in self.descendants()
            if parent_of(pid) == self.process.pid and role in command_line(pid)
        ]
        return pid


def all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may hold spaces; the fields follow it.
    return int(stat.rsplit(")", 1)[1].split()[1])


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds}s")


def answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def tvnexa_run(tmp_path: Path) -> Iterator[Running]:
    """Start `tvnexa run` on a free loopback port with a local catalogue source;
    stop it, and anything it left, afterwards."""
    port = free_port()
    env = {
        **environment(tmp_path / "data"),
        "TVNEXA_IPTV_ORG_URL": str(write_tiny_catalogue(tmp_path / "source")),
        "TVNEXA_QUEUE_BACKEND": "sqlite",
        "TVNEXA_JOBS_WAITING_DELAY_SECONDS": "0.2",
    }
    log = tmp_path / "run.log"
    process = subprocess.Popen(
        [*TVNEXA_COMMAND, "run", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        text=True,
    )
    running = Running(process, f"http://127.0.0.1:{port}/api/v1", port, log)
    started: list[int] = []
    try:
        wait_until_ready(running.base, process)
        started = running.descendants()
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in started:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def total(base: str, dataset: str) -> int:
    with urllib.request.urlopen(f"{base}/{dataset}?limit=1", timeout=10) as response:
        return int(response.headers["X-Total-Count"])


def catalogue_is_full(base: str) -> bool:
    return all(
        total(base, name) == len(records) for name, records in TINY_CATALOGUE.items()
    )


def test_run_serves_the_catalogue_it_ingests_by_itself_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    with tvnexa_run(tmp_path) as running:
        wait_for(lambda: catalogue_is_full(running.base), FILL_DEADLINE_SECONDS, "fill")
        channels, _ = get_json(f"{running.base}/channels")
        children = running.descendants()

        running.process.send_signal(signal.SIGTERM)
        code = running.process.wait(STOP_DEADLINE_SECONDS)

        assert code == 0, running.log.read_text()[-3000:]
        assert sorted(c["channel_id"] for c in channels["data"]) == ["One.fr", "Two.fr"]
        assert len(children) >= 2
        assert not [pid for pid in children if alive(pid)]
        assert not answers(running.port)


def test_run_stops_the_worker_and_exits_non_zero_when_the_api_dies(
    tmp_path: Path,
) -> None:
    with tvnexa_run(tmp_path) as running:
        worker = running.role_pid(" worker ")

        os.kill(running.role_pid(" serve "), signal.SIGKILL)
        code = running.process.wait(STOP_DEADLINE_SECONDS)

        assert code != 0
        wait_for(lambda: not alive(worker), 5, "the worker stopping")


def test_the_children_stop_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    with tvnexa_run(tmp_path) as running:
        children = [running.role_pid(" worker "), running.role_pid(" serve ")]

        running.process.kill()
        running.process.wait()

        wait_for(
            lambda: not any(alive(pid) for pid in children),
            STOP_DEADLINE_SECONDS,
            "the children stopping",
        )
