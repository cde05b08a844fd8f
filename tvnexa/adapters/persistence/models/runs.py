"""The ingestion run history table."""

from __future__ import annotations

import peewee

from tvnexa.adapters.persistence.fields import UtcDateTimeField
from tvnexa.adapters.persistence.models.base import UnboundModel, code_field


class IngestionRunRow(UnboundModel):
    id = peewee.AutoField()
    dataset = code_field()
    status = peewee.CharField(max_length=32)
    started_at = UtcDateTimeField()
    finished_at = UtcDateTimeField(null=True)
    added = peewee.IntegerField(default=0)
    updated = peewee.IntegerField(default=0)
    removed = peewee.IntegerField(default=0)
    unchanged = peewee.IntegerField(default=0)
    rejected = peewee.IntegerField(default=0)
    dangling = peewee.IntegerField(default=0)
    error = peewee.TextField(null=True)
    problems = peewee.TextField(default="[]")
    etag = peewee.TextField(null=True)
    last_modified = peewee.TextField(null=True)
    digest = peewee.TextField(null=True)

    class Meta:
        table_name = "ingestion_runs"
        indexes = ((("dataset", "started_at"), False), (("status",), False))
