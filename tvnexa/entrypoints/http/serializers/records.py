"""JSON of plain catalogue records, with upstream's field names."""

from __future__ import annotations

import dataclasses
from typing import Any

from tvnexa.domain.catalogue import (
    BlocklistEntry,
    CatalogueRecord,
    Category,
    Guide,
    Logo,
    Stream,
)

# These have no id upstream; their key is a digest of their natural key, and
# clients need it to fetch one again.
DIGEST_KEYED = (Logo, Stream, Guide, BlocklistEntry)


FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def field_names(record_type: type[Any]) -> tuple[str, ...]:
    names = FIELD_NAMES.get(record_type)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(record_type))
        FIELD_NAMES[record_type] = names
    return names


def record(item: CatalogueRecord) -> dict[str, Any]:
    """Every field as upstream names it; tuples become lists."""
    body: dict[str, Any] = {}
    if isinstance(item, DIGEST_KEYED):
        body["id"] = item.key
    for name in field_names(type(item)):
        value = getattr(item, name)
        body[name] = list(value) if isinstance(value, tuple) else value
    return body


def category(item: CatalogueRecord) -> dict[str, Any]:
    """A category as the old contract has it: id and name only."""
    if not isinstance(item, Category):
        raise TypeError(f"expected a Category, got {type(item).__name__}")
    return {"id": item.id, "name": item.name}
