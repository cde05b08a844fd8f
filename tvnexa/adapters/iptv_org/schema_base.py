"""The base of every upstream schema and the few field shapes iptv-org uses."""

from __future__ import annotations

from typing import Any, ClassVar

from marshmallow import EXCLUDE, Schema, fields, post_load

from tvnexa.domain.catalogue import CatalogueRecord


class UpstreamSchema(Schema):
    """A tolerant reader of one iptv-org object: unknown keys are left out.

    Subclasses name their `record_type` and override `build` when an older
    format's keys must be folded into the current ones.
    """

    record_type: ClassVar[type[CatalogueRecord]]

    class Meta:
        unknown = EXCLUDE

    @post_load
    def make_record(self, data: dict[str, Any], **_: Any) -> CatalogueRecord:
        return self.build(data)

    def build(self, data: dict[str, Any]) -> CatalogueRecord:
        """Turn deserialised fields (keyed by attribute name) into the record."""
        return self.record_type(**data)


def _as_tuple(items: Any) -> Any:
    return tuple(items)


def required_text(**options: Any) -> fields.String:
    """A string every record must carry: part of its key or its name."""
    return fields.String(required=True, **options)


def optional_text(**options: Any) -> fields.String:
    """A string upstream may leave null or (in older formats) leave out."""
    return fields.String(allow_none=True, load_default=None, **options)


def text_with_default(default: str, **options: Any) -> fields.String:
    """A non-null string that older formats leave out."""
    return fields.String(load_default=default, **options)


def text_list(**options: Any) -> fields.List[str]:
    """A list of strings, read into a tuple; an absent list is empty."""
    return fields.List(fields.String(), load_default=(), post_load=_as_tuple, **options)


def flag(default: bool) -> fields.Boolean:
    return fields.Boolean(load_default=default)


def legacy_text(data_key: str) -> fields.String:
    """A nullable string only older formats carry; absent, it stays absent."""
    return fields.String(allow_none=True, data_key=data_key)


def legacy_text_list(data_key: str) -> fields.List[str]:
    """A list only older formats carry; absent, it stays absent."""
    return fields.List(fields.String(), data_key=data_key, post_load=_as_tuple)
