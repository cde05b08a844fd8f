"""The guide export: catalogue channels and their programmes, ready for XMLTV."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TypeVar

from tvnexa.application.catalogue.rules import choose_logo, grouped, main_feed, of_type
from tvnexa.application.epg.windows import AskedWindow, WindowPolicy
from tvnexa.application.guide_ports import ProgrammeReader
from tvnexa.application.ports import CatalogReader, Clock
from tvnexa.domain.catalogue import Channel, Feed, Logo
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.programmes import GuideChannel, LangText, Programme
from tvnexa.domain.queries import ChannelQuery
from tvnexa.domain.schedules import TimeWindow

GuideItem = GuideChannel | Programme
R = TypeVar("R")


def playlist_id(channel: Channel, main: Feed | None) -> str:
    """The `tvg-id` a playlist gives the channel: `Channel.cc@Feed` with its
    main feed, or the bare channel id when the catalogue knows no main feed."""
    return f"{channel.id}@{main.id}" if main is not None else channel.id


class ExportGuide:
    """Every channel matching the filters, then every programme of those channels
    that overlaps the window, in that order (the order XMLTV requires).

    Channel ids are the playlists' `tvg-id`s (see `playlist_id`), and every
    programme carries the id of a channel exported before it. Memory holds
    one batch of channels and their programmes, plus the exported ids.
    """

    def __init__(
        self,
        catalogue: CatalogReader,
        programmes: ProgrammeReader,
        clock: Clock,
        policy: WindowPolicy,
        batch_size: int = 200,
    ) -> None:
        self.catalogue = catalogue
        self.programmes = programmes
        self.clock = clock
        self.policy = policy
        self.batch_size = batch_size

    def execute(self, query: ChannelQuery, asked: AskedWindow) -> Iterator[GuideItem]:
        """Check the window now, so a bad request fails before anything is sent;
        the catalogue and the programmes are read as the items are taken."""
        window = self.policy.resolve(asked, self.clock.now())
        return self.items(query, window)

    def items(self, query: ChannelQuery, window: TimeWindow) -> Iterator[GuideItem]:
        exported: list[tuple[str, str]] = []
        seen: set[str] = set()
        for channels in self.channel_batches(query):
            feeds = grouped(self.related(Dataset.FEEDS, channels, Feed), _channel_of)
            logos = grouped(self.related(Dataset.LOGOS, channels, Logo), _channel_of)
            for channel in channels:
                # Pages read while an ingestion runs may shift and repeat a
                # channel; it is declared once.
                if channel.id in seen:
                    continue
                seen.add(channel.id)
                main = main_feed(feeds.get(channel.id, ()))
                tvg_id = playlist_id(channel, main)
                exported.append((channel.id, tvg_id))
                logo = choose_logo(channel, logos.get(channel.id, ()), main)
                yield guide_channel(channel, tvg_id, logo)

        # Programmes follow the channels declared above, never the catalogue
        # as it may be by now, so each one belongs to an exported channel.
        for start in range(0, len(exported), self.batch_size):
            batch = exported[start : start + self.batch_size]
            found = self.programmes.schedules([c for c, _ in batch], window)
            for channel_id, tvg_id in batch:
                for scheduled in found.get(channel_id, []):
                    yield dataclasses.replace(scheduled.programme, channel_ref=tvg_id)

    def channel_batches(self, query: ChannelQuery) -> Iterator[Sequence[Channel]]:
        offset = 0
        while True:
            page = self.catalogue.channels(query, PageRequest(offset, self.batch_size))
            if not page.items:
                return
            yield page.items
            offset += len(page.items)
            if offset >= page.total:
                return

    def related(
        self, dataset: Dataset, channels: Sequence[Channel], record_type: type[R]
    ) -> list[R]:
        ids = [channel.id for channel in channels]
        return of_type(self.catalogue.where_in(dataset, "channel", ids), record_type)


def guide_channel(channel: Channel, tvg_id: str, logo: str | None) -> GuideChannel:
    names = [channel.name, *(n for n in channel.alt_names if n != channel.name)]
    return GuideChannel(
        id=tvg_id,
        display_names=tuple(LangText(name) for name in names if name),
        icons=(logo,) if logo else (),
        urls=(channel.website,) if channel.website else (),
    )


def _channel_of(record: Feed | Logo) -> str:
    return record.channel
