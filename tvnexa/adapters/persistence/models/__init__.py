"""Peewee models of the catalogue, declared unbound and bound per database."""

from tvnexa.adapters.persistence.models.binding import (
    DATASET_MODELS,
    LINK_MODELS,
    LOCK_MODEL,
    PROGRAMME_MODELS,
    RUN_MODEL,
    BoundModels,
    bind_models,
    table_name,
)

__all__ = [
    "DATASET_MODELS",
    "LINK_MODELS",
    "LOCK_MODEL",
    "PROGRAMME_MODELS",
    "RUN_MODEL",
    "BoundModels",
    "bind_models",
    "table_name",
]
