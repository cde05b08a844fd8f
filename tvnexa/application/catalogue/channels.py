"""Use cases that read channels: lists, search and the full detail of one."""

from __future__ import annotations

import logging

from tvnexa.application.catalogue.assembly import (
    channel_detail_view,
    simple_channel_views,
)
from tvnexa.application.catalogue.batches import load_channel_batch, load_detail_batch
from tvnexa.application.catalogue.detail_codec import (
    FORMAT_VERSION,
    decode_detail,
    encode_detail,
)
from tvnexa.application.catalogue.records import not_found, required_term
from tvnexa.application.catalogue.rules import replacement_id
from tvnexa.application.catalogue.views import ChannelDetailView, SimpleChannelView
from tvnexa.application.ports import Cache, CatalogReader, RunHistory
from tvnexa.domain.catalogue import Channel
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import ChannelQuery

logger = logging.getLogger(__name__)


class ListChannels:
    """A page of channels matching the filters; five reads whatever its size."""

    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(
        self, query: ChannelQuery, page: PageRequest
    ) -> Page[SimpleChannelView]:
        found = self.reader.channels(query, page)

        batch = load_channel_batch(self.reader, found.items)

        views = simple_channel_views(found.items, batch)
        return Page(views, found.total, found.offset, found.limit)


class SearchChannels:
    """Channels whose name or an alternative name contains the term."""

    def __init__(self, reader: CatalogReader) -> None:
        self.channels = ListChannels(reader)

    def execute(self, term: str | None, page: PageRequest) -> Page[SimpleChannelView]:
        query = ChannelQuery(text=required_term(term))
        return self.channels.execute(query, page)


class GetChannelDetail:
    """One channel with everything the old contract embeds; raises NotFound.

    With a cache, views are kept under the data's revision, so an ingestion
    that changes the catalogue makes every older entry unreachable at once.
    "Not found" is never cached: the channel may arrive with the next run.
    """

    def __init__(
        self,
        reader: CatalogReader,
        runs: RunHistory | None = None,
        cache: Cache | None = None,
        ttl_seconds: int = 300,
    ) -> None:
        self.reader = reader
        self.runs = runs
        self.cache = cache
        self.ttl_seconds = ttl_seconds

    def execute(self, channel_id: str) -> ChannelDetailView:
        key = self.cache_key(channel_id)
        cached = self.cached(key)
        if cached is not None:
            return cached

        view = self.build(channel_id)

        self.store(key, view)
        return view

    def build(self, channel_id: str) -> ChannelDetailView:
        channel = self.reader.get(Dataset.CHANNELS, channel_id)
        if not isinstance(channel, Channel):
            raise not_found(Dataset.CHANNELS, channel_id)

        replacement = self.replacement(channel)
        channels = [channel] if replacement is None else [channel, replacement]
        batch = load_detail_batch(self.reader, channels)

        replaced_by = None
        if replacement is not None:
            replaced_by = channel_detail_view(replacement, batch)
        return channel_detail_view(channel, batch, replaced_by)

    def replacement(self, channel: Channel) -> Channel | None:
        replacement_key = replacement_id(channel)
        if replacement_key is None:
            return None
        replacement = self.reader.get(Dataset.CHANNELS, replacement_key)
        return replacement if isinstance(replacement, Channel) else None

    def cache_key(self, channel_id: str) -> str | None:
        if self.cache is None or self.runs is None:
            return None
        revision = self.runs.revision()
        return f"catalogue:channel-detail:v{FORMAT_VERSION}:{revision}:{channel_id}"

    def cached(self, key: str | None) -> ChannelDetailView | None:
        if key is None or self.cache is None:
            return None
        # A cache that fails or holds garbage only costs a rebuild; it must not
        # fail the read.
        try:
            data = self.cache.get(key)
            return decode_detail(data) if data is not None else None
        except Exception:
            logger.warning("channel detail cache read failed", exc_info=True)
            return None

    def store(self, key: str | None, view: ChannelDetailView) -> None:
        if key is None or self.cache is None:
            return
        try:
            self.cache.set(key, encode_detail(view), self.ttl_seconds)
        except Exception:
            logger.warning("channel detail cache write failed", exc_info=True)
