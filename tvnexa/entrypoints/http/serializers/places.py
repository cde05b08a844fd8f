"""JSON of languages, categories, countries, regions and subdivisions (old names)."""

from __future__ import annotations

from typing import Any

from tvnexa.application.catalogue import (
    CategoryView,
    CountryView,
    LanguageView,
    RegionView,
    SubdivisionView,
)


def language(view: LanguageView) -> dict[str, Any]:
    return {"code": view.code, "name": view.name}


def category(view: CategoryView) -> dict[str, Any]:
    return {"id": view.id, "name": view.name}


def country(view: CountryView) -> dict[str, Any]:
    return {
        "code": view.code,
        "name": view.name,
        "flag": view.flag,
        "languages": [language(item) for item in view.languages],
    }


def region(view: RegionView) -> dict[str, Any]:
    return {
        "code": view.code,
        "name": view.name,
        "countries": [country(item) for item in view.countries],
    }


def subdivision(view: SubdivisionView) -> dict[str, Any]:
    return {"code": view.code, "name": view.name, "country": country(view.country)}
