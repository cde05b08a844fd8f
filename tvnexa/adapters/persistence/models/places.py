"""Tables of the reference datasets: categories, languages, places, time zones."""

from __future__ import annotations

import peewee

from tvnexa.adapters.persistence.fields import JsonListField
from tvnexa.adapters.persistence.models.base import (
    UnboundModel,
    code_field,
    key_field,
)


class CategoryRow(UnboundModel):
    id = key_field()
    name = peewee.TextField()
    description = peewee.TextField(null=True)
    search_name = peewee.TextField()

    class Meta:
        table_name = "categories"


class LanguageRow(UnboundModel):
    code = key_field()
    name = peewee.TextField()
    search_name = peewee.TextField()

    class Meta:
        table_name = "languages"


class CountryRow(UnboundModel):
    code = key_field()
    name = peewee.TextField()
    languages = JsonListField()
    flag = peewee.TextField()
    search_name = peewee.TextField()

    class Meta:
        table_name = "countries"


class SubdivisionRow(UnboundModel):
    code = key_field()
    country = code_field()
    name = peewee.TextField()
    parent = code_field(null=True)
    search_name = peewee.TextField()

    class Meta:
        table_name = "subdivisions"
        indexes = ((("country",), False),)


class RegionRow(UnboundModel):
    code = key_field()
    name = peewee.TextField()
    countries = JsonListField()
    search_name = peewee.TextField()

    class Meta:
        table_name = "regions"


class CityRow(UnboundModel):
    code = key_field()
    country = code_field()
    name = peewee.TextField()
    subdivision = code_field(null=True)
    wikidata_id = code_field(null=True)
    search_name = peewee.TextField()

    class Meta:
        table_name = "cities"
        indexes = ((("country",), False), (("subdivision",), False))


class TimezoneRow(UnboundModel):
    id = key_field()
    utc_offset = code_field()
    countries = JsonListField()

    class Meta:
        table_name = "timezones"
