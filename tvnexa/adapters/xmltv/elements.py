"""Read XMLTV `<channel>` and `<programme>` elements into guide entities."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from lxml import etree

from tvnexa.domain.guide_reports import Anomaly
from tvnexa.domain.programmes import (
    Credit,
    EpisodeNumber,
    GuideChannel,
    LangText,
    PreviouslyShown,
    Programme,
    Rating,
    StarRating,
    read_xmltv_ns,
)

Element = Any  # lxml's _Element; its stubs are not installed.
Note = Callable[[Anomaly], None]

_NO_EPISODE_NUMBER = EpisodeNumber()
_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600}
_PROGRAMME_ATTRIBUTES = frozenset({"start", "stop", "channel"})


def read_channel(element: Element) -> GuideChannel | None:
    """The channel an element declares; None when it has no id."""
    channel_id = element.get("id")
    if not channel_id:
        return None
    names: list[LangText] = []
    icons: list[str] = []
    urls: list[str] = []
    extra: list[str] = []
    for child in element:
        tag = child.tag
        if tag == "display-name":
            _add_text(names, child)
        elif tag == "icon":
            _add_icon(icons, child)
        elif tag == "url":
            text = _text(child)
            if text:
                urls.append(text)
        elif isinstance(tag, str):
            extra.append(_raw(child))
    return GuideChannel(
        id=channel_id,
        display_names=tuple(names),
        icons=tuple(icons),
        urls=tuple(urls),
        extra="".join(extra),
    )


def read_programme(
    element: Element,
    channel_ref: str,
    start: datetime,
    stop: datetime | None,
    note: Note,
) -> Programme:
    """The programme an element describes, its times already read.

    Texts are stripped (the DTD says their edges carry no meaning) and empty
    ones skipped, as are icons without a source. Children not modelled by
    Programme are kept as raw XML in `extra`.
    """
    titles: list[LangText] = []
    sub_titles: list[LangText] = []
    descs: list[LangText] = []
    categories: list[LangText] = []
    icons: list[str] = []
    ratings: list[Rating] = []
    star_ratings: list[StarRating] = []
    credits: list[Credit] = []
    extra: list[str] = []
    episodes: _Episodes | None = None
    fields: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        if tag == "title":
            _add_text(titles, child)
        elif tag == "desc":
            _add_text(descs, child)
        elif tag == "category":
            _add_text(categories, child)
        elif tag == "sub-title":
            _add_text(sub_titles, child)
        elif tag == "episode-num":
            episodes = episodes or _Episodes(note)
            episodes.add(child)
        elif tag == "icon":
            _add_icon(icons, child)
        elif tag == "credits":
            credits.extend(_credits(child))
        elif tag == "rating":
            ratings.append(_rating(child))
        elif tag == "star-rating":
            star_ratings.append(_star_rating(child))
        elif tag == "date":
            fields["date"] = _text(child) or None
        elif tag == "length" and (seconds := _length_seconds(child)) is not None:
            fields["length_seconds"] = seconds
        elif tag == "previously-shown":
            fields["previously_shown"] = PreviouslyShown(
                child.get("start"), child.get("channel")
            )
        elif tag == "new":
            fields["is_new"] = True
        elif tag == "premiere":
            fields["premiere"] = LangText(_text(child), child.get("lang") or None)
        elif isinstance(tag, str):
            extra.append(_raw(child))
    attributes = tuple(
        (str(name), str(value))
        for name, value in element.items()
        if name not in _PROGRAMME_ATTRIBUTES
    )
    return Programme(
        channel_ref=channel_ref,
        start=start,
        stop=stop,
        titles=tuple(titles),
        sub_titles=tuple(sub_titles),
        descs=tuple(descs),
        categories=tuple(categories),
        episode_numbers=episodes.result() if episodes else _NO_EPISODE_NUMBER,
        icons=tuple(icons),
        ratings=tuple(ratings),
        star_ratings=tuple(star_ratings),
        credits=tuple(credits),
        extra="".join(extra),
        extra_attributes=attributes,
        **fields,
    )


class _Episodes:
    """Gathers a programme's episode-num elements into one EpisodeNumber."""

    def __init__(self, note: Note) -> None:
        self._note = note
        self._numbers = EpisodeNumber()
        self._onscreen: str | None = None
        self._other: list[tuple[str, str]] = []
        self._has_xmltv_ns = False

    def add(self, element: Element) -> None:
        # The DTD makes 'onscreen' the system when none is named.
        system = (element.get("system") or "onscreen").strip()
        text = _text(element)
        if not text:
            return
        if system == "xmltv_ns" and not self._has_xmltv_ns:
            try:
                self._numbers = read_xmltv_ns(text)
            except ValueError:
                self._note(Anomaly.BAD_EPISODE_NUMBER)
                self._other.append((system, text))
            else:
                self._has_xmltv_ns = True
        elif system == "onscreen" and self._onscreen is None:
            self._onscreen = text
        else:
            self._other.append((system, text))

    def result(self) -> EpisodeNumber:
        numbers = self._numbers
        if self._onscreen is None and not self._other:
            return numbers
        return EpisodeNumber(
            season=numbers.season,
            episode=numbers.episode,
            part=numbers.part,
            total_seasons=numbers.total_seasons,
            total_episodes=numbers.total_episodes,
            total_parts=numbers.total_parts,
            onscreen=self._onscreen,
            other=tuple(self._other),
        )


def _credits(element: Element) -> list[Credit]:
    credits = []
    for person in element:
        role = person.tag
        if not isinstance(role, str):
            continue
        attributes = person.items()
        if not attributes and not len(person):
            # Most credits are a bare name; this path keeps them cheap.
            name = (person.text or "").strip()
            if name:
                credits.append(Credit(role, name))
            continue
        parts = [person.text or ""]
        extra = [(str(key), str(value)) for key, value in attributes]
        for child in person:
            if isinstance(child.tag, str):
                extra.append((child.tag, _text(child) or child.get("src") or ""))
            parts.append(child.tail or "")
        name = " ".join("".join(parts).split())
        if name:
            credits.append(Credit(role, name, tuple(extra)))
    return credits


def _rating(element: Element) -> Rating:
    icons: list[str] = []
    value = ""
    for child in element:
        if child.tag == "value":
            value = _text(child)
        elif child.tag == "icon":
            _add_icon(icons, child)
    return Rating(element.get("system") or None, value, icons[0] if icons else None)


def _star_rating(element: Element) -> StarRating:
    value = element.findtext("value") or ""
    return StarRating("".join(value.split()), element.get("system") or None)


def _length_seconds(element: Element) -> int | None:
    factor = _UNIT_SECONDS.get((element.get("units") or "").strip())
    try:
        amount = float(_text(element))
    except ValueError:
        return None
    if factor is None or amount < 0:
        return None
    return round(amount * factor)


def _add_text(texts: list[LangText], element: Element) -> None:
    text = _text(element)
    if text:
        texts.append(LangText(text, (element.get("lang") or "").strip() or None))


def _add_icon(icons: list[str], element: Element) -> None:
    source = (element.get("src") or "").strip()
    if source:
        icons.append(source)


def _text(element: Element) -> str:
    if len(element):
        return "".join(element.itertext()).strip()
    return (element.text or "").strip()


def _raw(element: Element) -> str:
    return str(etree.tostring(element, encoding="unicode", with_tail=False))
