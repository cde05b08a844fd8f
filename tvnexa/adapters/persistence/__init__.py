"""Peewee persistence: the catalogue store, the run history and the job leases."""

from tvnexa.adapters.persistence.catalog_reader import PeeweeCatalogReader
from tvnexa.adapters.persistence.catalog_writer import PeeweeCatalogWriter
from tvnexa.adapters.persistence.database import open_database
from tvnexa.adapters.persistence.locks import PeeweeJobLock
from tvnexa.adapters.persistence.migrations import migrate
from tvnexa.adapters.persistence.runs import PeeweeRunHistory, PeeweeRunLog

__all__ = [
    "PeeweeCatalogReader",
    "PeeweeCatalogWriter",
    "PeeweeJobLock",
    "PeeweeRunHistory",
    "PeeweeRunLog",
    "migrate",
    "open_database",
]
