"""`tvnexa worker`: a Huey consumer, with its scheduler, on the configured queue."""

from __future__ import annotations

import logging

from tvnexa.containers import Application

logger = logging.getLogger(__name__)

# A SQLite queue is polled; an idle worker waits at most this long between
# polls, so jobs queued by another process start promptly.
MAX_POLL_SECONDS = 1.0


def consume(application: Application, workers: int) -> None:
    """Run the consumer until SIGTERM (running tasks finish) or SIGINT (at once)."""
    application.storage.migrator()
    tasks = application.jobs.tasks()
    consumer = tasks.huey.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=True,
        max_delay=MAX_POLL_SECONDS,
        graceful_signal="TERM",
    )
    # Huey logs every enqueue and every task at INFO; each task logs its own
    # summary line instead.
    logging.getLogger("huey").setLevel(logging.WARNING)

    guide_tasks = application.jobs.guide_tasks()
    logger.info(
        "worker on the %s queue %r: %d threads, %d scheduled datasets, "
        "%d guide sources (%d scheduled)",
        application.config.queue.backend(),
        tasks.huey.name,
        workers,
        len(tasks.triggers),
        len(guide_tasks.sources),
        len(guide_tasks.triggers),
    )
    consumer.run()
