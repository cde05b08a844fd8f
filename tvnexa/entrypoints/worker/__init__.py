"""The Huey worker: ingest tasks, scheduled triggers, the consumer and `tvnexa run`."""
