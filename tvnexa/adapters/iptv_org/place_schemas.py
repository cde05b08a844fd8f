"""Upstream schemas of the reference datasets: categories, languages and places."""

from __future__ import annotations

from typing import Any

from tvnexa.adapters.iptv_org.schema_base import (
    UpstreamSchema,
    legacy_text,
    optional_text,
    required_text,
    text_list,
    text_with_default,
)
from tvnexa.domain import catalogue as c


class CategorySchema(UpstreamSchema):
    """`{id, name, description}`; description is absent before 2025-07-30."""

    record_type = c.Category

    id = required_text()
    name = required_text()
    description = optional_text()


class LanguageSchema(UpstreamSchema):
    """`{code, name}` in every era."""

    record_type = c.Language

    code = required_text()
    name = required_text()


class CountrySchema(UpstreamSchema):
    """`{name, code, languages, flag}`; until 2022-10 a single `lang` string."""

    record_type = c.Country

    code = required_text()
    name = required_text()
    languages = text_list()
    flag = text_with_default("")
    lang = legacy_text("lang")

    def build(self, data: dict[str, Any]) -> c.Country:
        single_language = data.pop("lang", None)
        if single_language and not data["languages"]:
            data["languages"] = (single_language,)
        return c.Country(**data)


class SubdivisionSchema(UpstreamSchema):
    """`{country, code, name, parent}`; parent is absent before 2025-08-20."""

    record_type = c.Subdivision

    code = required_text()
    country = required_text()
    name = required_text()
    parent = optional_text()


class RegionSchema(UpstreamSchema):
    """`{code, name, countries}` (2022 put name first; keys are read by name)."""

    record_type = c.Region

    code = required_text()
    name = required_text()
    countries = text_list()


class CitySchema(UpstreamSchema):
    """`{country, subdivision, code, name, wikidata_id}`, published since 2025-08."""

    record_type = c.City

    code = required_text()
    country = required_text()
    name = required_text()
    subdivision = optional_text()
    wikidata_id = optional_text()


class TimezoneSchema(UpstreamSchema):
    """`{id, utc_offset, countries}`, published since 2025-04."""

    record_type = c.Timezone

    id = required_text()
    utc_offset = required_text()
    countries = text_list()
