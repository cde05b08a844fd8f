"""The WHERE clause of a ChannelQuery, each filter an indexed lookup."""

from __future__ import annotations

from typing import Any

import peewee

from tvnexa.adapters.persistence.codecs import fold
from tvnexa.adapters.persistence.models import BoundModels
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.queries import ChannelQuery


def channel_conditions(models: BoundModels, query: ChannelQuery) -> list[Any]:
    """Conditions on the channels table that together express `query`."""
    channel = models.dataset(Dataset.CHANNELS)
    conditions: list[Any] = []

    if query.country is not None:
        conditions.append(channel.country == query.country)
    if query.region is not None:
        members = models.link("region_countries")
        countries = members.select(members.country).where(
            members.region == query.region
        )
        conditions.append(channel.country.in_(countries))
    if query.subdivision is not None:
        conditions.append(channel.id.in_(_broadcast_to(models, "s", query.subdivision)))
    if query.city is not None:
        conditions.append(channel.id.in_(_broadcast_to(models, "ct", query.city)))
    if query.category is not None:
        conditions.append(
            channel.id.in_(
                _linked(models, "channel_categories", "category", query.category)
            )
        )
    if query.language is not None:
        conditions.append(
            channel.id.in_(
                _linked(models, "channel_languages", "language", query.language)
            )
        )
    if query.timezone is not None:
        conditions.append(
            channel.id.in_(
                _linked(models, "channel_timezones", "timezone", query.timezone)
            )
        )

    if query.nsfw is not None:
        conditions.append(channel.is_nsfw == query.nsfw)
    if query.closed is not None:
        conditions.append(channel.closed.is_null(not query.closed))
    if query.blocked is not None:
        blocklist = models.dataset(Dataset.BLOCKLIST)
        blocked = blocklist.select(blocklist.channel)
        conditions.append(
            channel.id.in_(blocked) if query.blocked else channel.id.not_in(blocked)
        )
    if query.text:
        conditions.append(peewee.fn.INSTR(channel.search_text, fold(query.text)) > 0)
    return conditions


def _linked(models: BoundModels, table: str, column: str, value: str) -> Any:
    link = models.link(table)
    return link.select(link.channel).where(getattr(link, column) == value)


def _broadcast_to(models: BoundModels, kind: str, code: str) -> Any:
    area = models.link("channel_areas")
    return area.select(area.channel).where((area.kind == kind) & (area.code == code))
