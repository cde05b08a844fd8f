"""The registry of runtime models and their per-database bound subclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import peewee

from tvnexa.adapters.persistence.models import (
    channels,
    links,
    locks,
    places,
    programmes,
    runs,
)
from tvnexa.adapters.persistence.models.base import UnboundModel
from tvnexa.domain.datasets import Dataset

DATASET_MODELS: Mapping[Dataset, type[UnboundModel]] = MappingProxyType(
    {
        Dataset.CATEGORIES: places.CategoryRow,
        Dataset.LANGUAGES: places.LanguageRow,
        Dataset.TIMEZONES: places.TimezoneRow,
        Dataset.COUNTRIES: places.CountryRow,
        Dataset.SUBDIVISIONS: places.SubdivisionRow,
        Dataset.REGIONS: places.RegionRow,
        Dataset.CITIES: places.CityRow,
        Dataset.CHANNELS: channels.ChannelRow,
        Dataset.FEEDS: channels.FeedRow,
        Dataset.LOGOS: channels.LogoRow,
        Dataset.STREAMS: channels.StreamRow,
        Dataset.GUIDES: channels.GuideRow,
        Dataset.BLOCKLIST: channels.BlocklistRow,
    }
)

LINK_MODELS: tuple[type[UnboundModel], ...] = (
    links.ChannelCategoryRow,
    links.ChannelLanguageRow,
    links.ChannelTimezoneRow,
    links.ChannelAreaRow,
    links.RegionCountryRow,
)

RUN_MODEL: type[UnboundModel] = runs.IngestionRunRow

LOCK_MODEL: type[UnboundModel] = locks.JobLockRow

PROGRAMME_MODELS: tuple[type[UnboundModel], ...] = (
    programmes.ProgrammeRow,
    programmes.GuideChannelMatchRow,
)

# A model class made at run time: its columns are attributes mypy cannot see.
BoundModel = Any


def table_name(model: type[peewee.Model]) -> str:
    return str(model._meta.table_name)


@dataclass(frozen=True, slots=True)
class BoundModels:
    """Every runtime model bound to one database."""

    database: peewee.Database
    datasets: Mapping[Dataset, BoundModel]
    links: Mapping[str, BoundModel]
    runs: BoundModel
    locks: BoundModel
    # The programme guide tables, by table name.
    programmes: Mapping[str, BoundModel] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def dataset(self, dataset: Dataset) -> BoundModel:
        return self.datasets[dataset]

    def link(self, name: str) -> BoundModel:
        return self.links[name]

    def programme(self, name: str) -> BoundModel:
        return self.programmes[name]

    def all(self) -> list[BoundModel]:
        return [
            *self.datasets.values(),
            *self.links.values(),
            self.runs,
            self.locks,
            *self.programmes.values(),
        ]


def bind_models(database: peewee.Database) -> BoundModels:
    """Make subclasses of every runtime model bound to `database` alone."""
    return BoundModels(
        database=database,
        datasets=MappingProxyType(
            {
                dataset: _bound(model, database)
                for dataset, model in DATASET_MODELS.items()
            }
        ),
        links=MappingProxyType(
            {table_name(model): _bound(model, database) for model in LINK_MODELS}
        ),
        runs=_bound(RUN_MODEL, database),
        locks=_bound(LOCK_MODEL, database),
        programmes=MappingProxyType(
            {table_name(model): _bound(model, database) for model in PROGRAMME_MODELS}
        ),
    )


def _bound(model: type[UnboundModel], database: peewee.Database) -> BoundModel:
    # The table name is not inherited by Peewee subclasses, so it is restated.
    meta = type("Meta", (), {"database": database, "table_name": table_name(model)})
    return type(model.__name__, (model,), {"Meta": meta, "__module__": __name__})
