"""PeeweeCatalogWriter: makes a stored dataset equal a new one in one transaction."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

import peewee

from tvnexa.adapters.persistence.bulk import BulkStatements
from tvnexa.adapters.persistence.codecs import CODECS
from tvnexa.adapters.persistence.database import write_transaction
from tvnexa.adapters.persistence.errors import storage_errors
from tvnexa.adapters.persistence.linking import links_of
from tvnexa.adapters.persistence.models import bind_models, table_name
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import ChangeCounts, ChangeSet, diff_records

logger = logging.getLogger(__name__)


class PeeweeCatalogWriter:
    """The CatalogWriter port on a Peewee database (SQLite, MySQL or MariaDB).

    Each `replace` runs in one transaction, so readers on other connections
    see the old dataset or the new one, never a mix, and a failure leaves the
    stored dataset as it was.
    """

    def __init__(self, database: peewee.Database) -> None:
        # Peewee types execute_sql() loosely; it returns a DB-API cursor.
        self._database: Any = database
        self._models = bind_models(database)
        self._bulk = BulkStatements(database)

    def replace(
        self, dataset: Dataset, records: Sequence[CatalogueRecord]
    ) -> ChangeCounts:
        """Make the stored dataset equal `records`, atomically, and count changes.

        Only added, changed and vanished rows (and their link rows) are written;
        when nothing changed, nothing is written at all.
        """
        started = time.perf_counter()
        with (
            storage_errors(f"replacing {dataset.value}"),
            write_transaction(self._database),
        ):
            if self._is_empty(dataset):
                counts = self._load_into_empty(dataset, records)
            else:
                changes = diff_records(self._stored(dataset), records)
                if changes.counts.changed:
                    self._apply(dataset, changes)
                counts = changes.counts

        logger.debug(
            "dataset %s replaced in %.3fs: %s",
            dataset.value,
            time.perf_counter() - started,
            counts,
        )
        return counts

    def _is_empty(self, dataset: Dataset) -> bool:
        model = self._models.dataset(dataset)
        sql, params = model.select(peewee.SQL("1")).limit(1).sql()
        return self._database.execute_sql(sql, params).fetchone() is None

    def _stored(self, dataset: Dataset) -> Mapping[str, CatalogueRecord]:
        codec = CODECS[dataset]
        model = self._models.dataset(dataset)
        columns = (codec.key_column, *codec.record_columns)
        query = model.select(*(model._meta.fields[name] for name in columns))
        sql, params = query.sql()
        cursor = self._database.execute_sql(sql, params)
        return {row[0]: codec.record(row[1:]) for row in cursor}

    def _load_into_empty(
        self, dataset: Dataset, records: Sequence[CatalogueRecord]
    ) -> ChangeCounts:
        # Nothing stored means nothing to compare: everything is added, and the
        # primary key still rejects two records with one key.
        codec = CODECS[dataset]
        table = table_name(self._models.dataset(dataset))
        added = self._bulk.insert(table, codec.columns, codec.rows(records))
        for link in links_of(dataset):
            self._bulk.insert(link.table, link.columns, link.rows_of(records))
        return ChangeCounts(added=added)

    def _apply(self, dataset: Dataset, changes: ChangeSet[CatalogueRecord]) -> None:
        codec = CODECS[dataset]
        table = table_name(self._models.dataset(dataset))
        links = links_of(dataset)
        rewritten = (*changes.removed_keys, *(record.key for record in changes.updated))

        self._bulk.delete(table, codec.key_column, changes.removed_keys)
        for link in links:
            self._bulk.delete(link.table, link.owner_column, rewritten, link.fixed)

        self._bulk.update(
            table,
            codec.update_columns,
            codec.key_column,
            map(codec.update_row, changes.updated),
        )
        self._bulk.insert(table, codec.columns, codec.rows(changes.added))
        current = (*changes.added, *changes.updated)
        for link in links:
            self._bulk.insert(link.table, link.columns, link.rows_of(current))
