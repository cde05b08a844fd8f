"""LxmlXmltvWriter: channels and programmes out as an XMLTV document, streamed."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from tvnexa.domain.programmes import (
    Credit,
    EpisodeNumber,
    GuideChannel,
    LangText,
    Programme,
)
from tvnexa.domain.xmltv_time import format_xmltv_time

Element = Any  # lxml's _Element; its stubs are not installed.

DOCTYPE = '<!DOCTYPE tv SYSTEM "xmltv.dtd">'

# The DTD lists the people of <credits> in this order, each role grouped.
CREDIT_ROLES = (
    "director",
    "actor",
    "writer",
    "adapter",
    "producer",
    "composer",
    "editor",
    "presenter",
    "commentator",
    "guest",
)
_ROLE_ORDER = {role: index for index, role in enumerate(CREDIT_ROLES)}

# Programme attributes the DTD declares besides start, stop and channel; a
# guide's own attributes (catchup-id...) would make the document invalid.
_PROGRAMME_ATTRIBUTES = ("pdc-start", "vps-start", "showview", "videoplus", "clumpidx")

# Characters XML 1.0 forbids, even escaped: lxml refuses them outright.
_NOT_XML = re.compile(
    "[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class LxmlXmltvWriter:
    """Writes XMLTV with lxml's incremental `xmlfile`, one element at a time.

    `write` takes every channel, then every programme, as the DTD orders
    them (a channel after a programme raises ValueError), and yields the
    document in chunks of about `chunk_bytes`, so memory holds one chunk
    whatever the guide's size. Times are written in UTC with
    `format_xmltv_time`; a programme's children follow the DTD's order.
    Only what `Programme` models is written: its raw `extra` XML (keyword,
    video, audio...) is left out, since nothing checks it against the DTD.
    """

    def __init__(
        self, chunk_bytes: int = 64 * 1024, generator_name: str = "TVNexa"
    ) -> None:
        self.chunk_bytes = chunk_bytes
        self.generator_name = generator_name

    def write(self, items: Iterable[GuideChannel | Programme]) -> Iterator[bytes]:
        buffer = io.BytesIO()
        with etree.xmlfile(buffer, encoding="utf-8", buffered=False) as xf:
            xf.write_declaration()
            xf.write_doctype(DOCTYPE)
            with xf.element("tv", {"generator-info-name": self.generator_name}):
                in_programmes = False
                for item in items:
                    if isinstance(item, Programme):
                        in_programmes = True
                        xf.write("\n", programme_element(item))
                    elif in_programmes:
                        raise ValueError(f"channel {item.id!r} comes after programmes")
                    else:
                        xf.write("\n", channel_element(item))
                    if buffer.tell() >= self.chunk_bytes:
                        yield _take(buffer)
                xf.write("\n")
        buffer.write(b"\n")
        yield _take(buffer)


def channel_element(channel: GuideChannel) -> Element:
    element = etree.Element("channel", id=clean(channel.id))
    # The DTD needs a display-name; the id is the only name some guides give.
    names = channel.display_names or (LangText(channel.id),)
    for name in names:
        _text(element, "display-name", name)
    for icon in channel.icons:
        etree.SubElement(element, "icon", src=clean(icon))
    for url in channel.urls:
        etree.SubElement(element, "url").text = clean(url)
    return element


def programme_element(programme: Programme) -> Element:
    element = etree.Element("programme", start=format_xmltv_time(programme.start))
    if programme.stop is not None:
        element.set("stop", format_xmltv_time(programme.stop))
    element.set("channel", clean(programme.channel_ref))
    for name, value in programme.extra_attributes:
        if name in _PROGRAMME_ATTRIBUTES:
            element.set(name, clean(value))

    for title in programme.titles or (LangText(""),):
        _text(element, "title", title)
    for sub_title in programme.sub_titles:
        _text(element, "sub-title", sub_title)
    for desc in programme.descs:
        _text(element, "desc", desc)
    if programme.credits:
        _credits(element, programme.credits)
    if programme.date:
        etree.SubElement(element, "date").text = clean(programme.date)
    for category in programme.categories:
        _text(element, "category", category)
    if programme.length_seconds is not None:
        length = etree.SubElement(element, "length", units="seconds")
        length.text = str(programme.length_seconds)
    for icon in programme.icons:
        etree.SubElement(element, "icon", src=clean(icon))
    _episode_numbers(element, programme.episode_numbers)
    _after_episodes(element, programme)
    return element


def _after_episodes(element: Element, programme: Programme) -> None:
    shown = programme.previously_shown
    if shown is not None:
        attributes = {"start": shown.start, "channel": shown.channel}
        etree.SubElement(
            element,
            "previously-shown",
            {name: clean(value) for name, value in attributes.items() if value},
        )
    if programme.premiere is not None:
        _text(element, "premiere", programme.premiere)
    if programme.is_new:
        etree.SubElement(element, "new")
    for rating in programme.ratings:
        rated = etree.SubElement(element, "rating")
        if rating.system:
            rated.set("system", clean(rating.system))
        etree.SubElement(rated, "value").text = clean(rating.value)
        if rating.icon:
            etree.SubElement(rated, "icon", src=clean(rating.icon))
    for star_rating in programme.star_ratings:
        stars = etree.SubElement(element, "star-rating")
        if star_rating.system:
            stars.set("system", clean(star_rating.system))
        etree.SubElement(stars, "value").text = clean(star_rating.value)


def xmltv_ns(numbers: EpisodeNumber) -> str | None:
    """`season.episode.part`, zero-based, each with `/total` when known."""
    parts = (
        (numbers.season, numbers.total_seasons),
        (numbers.episode, numbers.total_episodes),
        (numbers.part, numbers.total_parts),
    )
    if all(index is None and total is None for index, total in parts):
        return None
    return ".".join(
        ("" if index is None else str(index)) + ("" if total is None else f"/{total}")
        for index, total in parts
    )


def _episode_numbers(element: Element, numbers: EpisodeNumber) -> None:
    systems: list[tuple[str, str]] = []
    ns = xmltv_ns(numbers)
    if ns is not None:
        systems.append(("xmltv_ns", ns))
    if numbers.onscreen:
        systems.append(("onscreen", numbers.onscreen))
    systems.extend(numbers.other)
    for system, text in systems:
        number = etree.SubElement(element, "episode-num", system=clean(system))
        number.text = clean(text)


def _credits(element: Element, credits: tuple[Credit, ...]) -> None:
    known = [credit for credit in credits if credit.role in _ROLE_ORDER]
    if not known:
        return
    people = etree.SubElement(element, "credits")
    for credit in sorted(known, key=lambda credit: _ROLE_ORDER[credit.role]):
        person = etree.SubElement(people, credit.role)
        person.text = clean(credit.name)
        for name, value in credit.extra:
            if name in ("image", "url"):
                etree.SubElement(person, name).text = clean(value)
            elif credit.role == "actor" and _actor_attribute(name, value):
                person.set(name, clean(value))


def _actor_attribute(name: str, value: str) -> bool:
    return name == "role" or (name == "guest" and value in ("yes", "no"))


def _text(parent: Element, tag: str, text: LangText) -> None:
    child = etree.SubElement(parent, tag)
    child.text = clean(text.text)
    if text.lang:
        child.set("lang", clean(text.lang))


def clean(text: str) -> str:
    """The text without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)


def _take(buffer: io.BytesIO) -> bytes:
    data = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return data
