"""Channel views built from a channel and the batch loaded for its page."""

from __future__ import annotations

from collections.abc import Sequence

from tvnexa.application.catalogue.batches import ChannelBatch, DetailBatch
from tvnexa.application.catalogue.places import (
    language_views,
    placeholder_country,
    subdivision_view,
)
from tvnexa.application.catalogue.rules import (
    channel_areas,
    channel_languages,
    choose_logo,
    city_name,
    subdivision_code,
)
from tvnexa.application.catalogue.views import (
    CategoryView,
    ChannelDetailView,
    GuideView,
    SimpleChannelView,
    StreamView,
    SubdivisionView,
)
from tvnexa.domain.catalogue import Channel, Guide, Stream


def stream_view(stream: Stream) -> StreamView:
    return StreamView(
        code=stream.channel or "",
        url=stream.url,
        http_referrer=stream.referrer,
        user_agent=stream.user_agent,
    )


def guide_view(guide: Guide) -> GuideView:
    # Upstream copies site names untrimmed from channels.xml; clients show them.
    return GuideView(
        code=guide.channel or "",
        site=guide.site,
        site_id=guide.site_id,
        site_name=guide.site_name.strip(),
        lang=guide.lang,
    )


def streams_of(channel: Channel, batch: ChannelBatch) -> tuple[StreamView, ...]:
    return tuple(stream_view(s) for s in batch.streams.get(channel.id, ()))


def simple_channel_view(channel: Channel, batch: ChannelBatch) -> SimpleChannelView:
    main = batch.main_feed(channel)
    return SimpleChannelView(
        channel_id=channel.id,
        name=channel.name,
        city=city_name(channel, main, batch.cities),
        is_nsfw=channel.is_nsfw,
        website=channel.website,
        logo=choose_logo(channel, batch.logos.get(channel.id, ()), main),
        streams=streams_of(channel, batch),
    )


def simple_channel_views(
    channels: Sequence[Channel], batch: ChannelBatch
) -> list[SimpleChannelView]:
    return [simple_channel_view(channel, batch) for channel in channels]


def subdivision_of(channel: Channel, batch: DetailBatch) -> SubdivisionView | None:
    code = subdivision_code(channel, batch.channels.main_feed(channel))
    subdivision = batch.subdivisions.get(code or "")
    if subdivision is None:
        return None
    return subdivision_view(subdivision, batch.countries)


def channel_detail_view(
    channel: Channel, batch: DetailBatch, replaced_by: ChannelDetailView | None = None
) -> ChannelDetailView:
    channels = batch.channels
    main = channels.main_feed(channel)
    categories = (batch.categories.get(code) for code in channel.categories)
    country = batch.countries.get(channel.country) or placeholder_country(
        channel.country
    )
    return ChannelDetailView(
        channel_id=channel.id,
        name=channel.name,
        network=channel.network,
        country=country,
        subdivision=subdivision_of(channel, batch),
        city=city_name(channel, main, channels.cities),
        is_nsfw=channel.is_nsfw,
        website=channel.website,
        logo=choose_logo(channel, channels.logos.get(channel.id, ()), main),
        launched=channel.launched,
        closed=channel.closed,
        replaced_by=replaced_by,
        streams=streams_of(channel, channels),
        guides=tuple(guide_view(g) for g in batch.guides.get(channel.id, ())),
        languages=language_views(channel_languages(channel, main), batch.languages),
        categories=tuple(CategoryView(c.id, c.name) for c in categories if c),
        alt_names=channel.alt_names,
        owners=channel.owners,
        broadcast_areas=channel_areas(channel, main),
    )
