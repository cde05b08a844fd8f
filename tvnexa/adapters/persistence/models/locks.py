"""The job lease table: one row per named lease, until it is released or swept."""

from __future__ import annotations

import peewee

from tvnexa.adapters.persistence.fields import UtcDateTimeField
from tvnexa.adapters.persistence.models.base import UnboundModel, key_field


class JobLockRow(UnboundModel):
    name = key_field()
    holder = peewee.CharField(max_length=255)
    expires_at = UtcDateTimeField()

    class Meta:
        table_name = "job_locks"
        indexes = ((("expires_at",), False),)
