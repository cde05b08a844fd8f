"""Job queues: the JobQueue port on Huey."""

from tvnexa.adapters.queue.huey_queue import HueyJobQueue

__all__ = ["HueyJobQueue"]
