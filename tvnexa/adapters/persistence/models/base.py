"""The unbound base of every runtime model; binding happens per database."""

from __future__ import annotations

from typing import Any

import peewee


class UnboundModel(peewee.Model):
    """Declares columns only: subclasses are bound per database (see binding.py).

    Peewee binds a model class to one database for the whole process, so the
    declared classes stay unbound and each reader or writer gets its own bound
    subclasses; a reader and a writer in one process can never cross.
    """

    class Meta:
        database = None
        legacy_table_names = False


def code_field(*, null: bool = False) -> peewee.CharField[Any]:
    """An identifier or code: short enough to index on every engine."""
    if null:
        return peewee.CharField(max_length=255, null=True)
    return peewee.CharField(max_length=255)


def key_field() -> peewee.CharField[Any]:
    """The primary key column: the record's domain `key`."""
    return peewee.CharField(max_length=255, primary_key=True)
