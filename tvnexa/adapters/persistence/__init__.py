"""Peewee persistence: catalogue, run history, job leases and programme guides."""

from tvnexa.adapters.persistence.catalog_reader import PeeweeCatalogReader
from tvnexa.adapters.persistence.catalog_writer import PeeweeCatalogWriter
from tvnexa.adapters.persistence.database import open_database
from tvnexa.adapters.persistence.locks import PeeweeJobLock
from tvnexa.adapters.persistence.migrations import migrate
from tvnexa.adapters.persistence.programmes_reader import PeeweeProgrammeReader
from tvnexa.adapters.persistence.programmes_writer import PeeweeProgrammeWriter
from tvnexa.adapters.persistence.runs import PeeweeRunHistory, PeeweeRunLog

__all__ = [
    "PeeweeCatalogReader",
    "PeeweeCatalogWriter",
    "PeeweeJobLock",
    "PeeweeProgrammeReader",
    "PeeweeProgrammeWriter",
    "PeeweeRunHistory",
    "PeeweeRunLog",
    "migrate",
    "open_database",
]
