"""`tvnexa run`: the worker and the API as two supervised child processes."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType

from tvnexa.containers import Application
from tvnexa.domain.datasets import dependency_order

logger = logging.getLogger(__name__)

TVNEXA = (sys.executable, "-m", "tvnexa.entrypoints.cli")
POLL_SECONDS = 0.2
# Long enough for a running ingest to commit and for gunicorn's graceful
# shutdown; a child still running after that is killed.
STOP_GRACE_SECONDS = 30.0
PR_SET_PDEATHSIG = 1


class Child:
    """One supervised `tvnexa` command."""

    def __init__(self, role: str, arguments: Sequence[str]) -> None:
        self.role = role
        self.arguments = [*TVNEXA, *arguments]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        # Its own process group keeps a terminal's Ctrl-C for the supervisor,
        # which stops the children in order; dying with the supervisor keeps
        # a killed supervisor from leaving them behind.
        self.process = subprocess.Popen(
            self.arguments, process_group=0, preexec_fn=die_with_parent(os.getpid())
        )
        logger.info("started the %s (pid %d)", self.role, self.process.pid)

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def wait_or_kill(self, deadline: float) -> int:
        assert self.process is not None
        try:
            return self.process.wait(max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            logger.warning("the %s did not stop in time; killing it", self.role)
            self.process.kill()
            return self.process.wait()


def die_with_parent(parent: int) -> Callable[[], None]:
    """What a child runs before `tvnexa`: ask Linux for SIGTERM when `parent`
    dies, and leave at once if it already has."""

    def in_child() -> None:
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)

    return in_child


class StopRequest:
    """Records SIGINT and SIGTERM instead of letting them end the process."""

    def __init__(self) -> None:
        self.received = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self.handle)

    def handle(self, signum: int, frame: FrameType | None) -> None:
        logger.info("received %s; stopping", signal.Signals(signum).name)
        self.received.set()


def run_embedded(application: Application, bind: str | None, workers: int) -> int:
    """Start the worker and the API, queue every dataset's and every guide
    source's first ingest, and supervise both until a signal (exit 0) or
    until either dies (exit 1)."""
    application.storage.migrator()
    queue = application.jobs.tasks().queue
    # All at once: the job graph holds each child back until its parents have
    # succeeded, and a parent that changed enqueues its children again.
    for dataset in dependency_order():
        queue.enqueue_ingest(dataset, reason="startup")
    # Guide sources wait for the catalogue in the same way; one held back now
    # runs when the guides dataset changes, or at its own schedule.
    application.jobs.guide_tasks().enqueue_all(reason="startup")

    stop = StopRequest()
    serve = ["serve", "--bind", bind] if bind else ["serve"]
    children = [
        Child("worker", ["worker", "--workers", str(workers)]),
        Child("API", serve),
    ]
    for child in children:
        child.start()

    died = None
    while died is None and not stop.received.wait(POLL_SECONDS):
        died = next((c for c in children if c.exit_code() is not None), None)
    if died is not None:
        logger.error("the %s exited with %s; stopping", died.role, died.exit_code())

    for child in children:
        child.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    codes = [child.wait_or_kill(deadline) for child in children]
    for child, code in zip(children, codes, strict=True):
        logger.info("the %s stopped with %d", child.role, code)
    return 1 if died is not None or any(codes) else 0
