"""A synthetic XMLTV guide of any size, written as it is made (bounded memory).

Run `python -m bench.xmltv_synthetic OUT --megabytes 100 [--gzip]`. The guide
looks like real ones: a few hundred channels (some declared twice), each with
its own UTC offset (+0530, +0545, -0330, +1245 among them), programmes with
titles in several languages, HTML entities and bare ampersands, multi-line
descriptions, credits, categories, episode numbers in two systems, ratings and
icons; a few programmes lack a stop, and a few are repeated.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

OFFSETS = [
    "+0000",
    "+0100",
    "+0200",
    "+0530",
    "+0545",
    "-0330",
    "+1245",
    "-0500",
    "+0800",
    "+0900",
    "-0300",
    "+0300",
]
WORDS = [
    "news",
    "weather",
    "sport",
    "live",
    "final",
    "night",
    "morning",
    "show",
    "world",
    "city",
    "kitchen",
    "garden",
    "travel",
    "story",
    "island",
    "secret",
    "family",
    "doctor",
    "police",
    "ocean",
]
ENTITY_WORDS = [
    "Caf&eacute;",
    "Tom &amp; Jerry",
    "Rock & Roll",
    "&Uuml;ber",
    "na&iuml;ve",
    "&quot;Live&quot;",
    "5 &lt; 6",
    "Cr&egrave;me",
]
CJK = ["新闻联播", "天气预报", "体育新闻", "电视剧", "ニュース", "뉴스"]
LANGS = ["en", "fr", "de", "es", "zh", "ja"]
CATEGORIES = ["News", "Sport", "Movie", "Series", "Documentary", "Kids", "Music"]
ROLES = ["director", "actor", "actor", "actor", "writer", "producer", "presenter"]
NAMES = [
    "Ann Smith",
    "Bob Jones",
    "Chen Wei",
    "Dana Okafor",
    "Emil Novak",
    "Fatima Zahra",
    "Gus Pérez",
    "Hana Sato",
    "Ivo Petrov",
    "Jo Müller",
]

BATCH_PROGRAMMES = 500


def guide_chunks(megabytes: float, channels: int, seed: int) -> Iterator[bytes]:
    """The guide's bytes in batches, about `megabytes` in all."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    ids = [f"Channel{n:04d}.xx" for n in range(channels)]
    zones = {cid: rng.choice(OFFSETS) for cid in ids}
    clocks = {cid: datetime(2026, 8, 1, tzinfo=UTC) for cid in ids}

    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tv generator-info-name="tvnexa synthetic">\n',
    ]
    for index, cid in enumerate(ids):
        head.append(_channel(cid, index))
        if index % 50 == 0:
            head.append(_channel(cid, index, alternate=True))
    data = "".join(head).encode()
    written = len(data)
    yield data

    while written < target:
        batch: list[str] = []
        for _ in range(BATCH_PROGRAMMES):
            cid = rng.choice(ids)
            start = clocks[cid]
            stop = start + timedelta(minutes=rng.choice([5, 15, 25, 30, 45, 60, 90]))
            clocks[cid] = stop
            programme = _programme(rng, cid, start, stop, zones[cid])
            batch.append(programme)
            if rng.random() < 0.002:
                batch.append(programme)
        data = "".join(batch).encode()
        written += len(data)
        yield data
    yield b"</tv>\n"


def _channel(cid: str, index: int, alternate: bool = False) -> str:
    name = f"Channel {index} HD" if alternate else f"Channel {index}"
    return (
        f'  <channel id="{cid}">\n'
        f'    <display-name lang="en">{name}</display-name>\n'
        f'    <icon src="https://logos.example.org/{index}.png?size=200&amp;v=2"/>\n'
        f"    <url>https://tv.example.org/{index}</url>\n"
        "  </channel>\n"
    )


def _programme(
    rng: random.Random, cid: str, start: datetime, stop: datetime, zone: str
) -> str:
    parts = [f'  <programme start="{_local(start, zone)}"']
    if rng.random() > 0.01:
        parts.append(f' stop="{_local(stop, zone)}"')
    parts.append(f' channel="{cid}">\n')
    lang = rng.choice(LANGS)
    parts.append(f'    <title lang="{lang}">{_title(rng)}</title>\n')
    if rng.random() < 0.3:
        parts.append(f'    <title lang="en">{_title(rng)}</title>\n')
    if rng.random() < 0.5:
        parts.append(f'    <sub-title lang="{lang}">{_words(rng, 3)}</sub-title>\n')
    desc = "\n      ".join(
        _words(rng, rng.randint(6, 14)) for _ in range(rng.randint(1, 5))
    )
    parts.append(f'    <desc lang="{lang}">{desc}</desc>\n')
    if rng.random() < 0.4:
        parts.append("    <credits>\n")
        for _ in range(rng.randint(1, 8)):
            role = rng.choice(ROLES)
            extra = ' role="Self"' if role == "actor" and rng.random() < 0.3 else ""
            parts.append(f"      <{role}{extra}>{rng.choice(NAMES)}</{role}>\n")
        parts.append("    </credits>\n")
    for category in rng.sample(CATEGORIES, rng.randint(1, 3)):
        parts.append(f'    <category lang="en">{category}</category>\n')
    parts.append(
        f'    <icon src="https://img.example.org/{rng.randrange(10**9)}.jpg"/>\n'
    )
    if rng.random() < 0.5:
        season, episode = rng.randrange(12), rng.randrange(40)
        parts.append(
            f'    <episode-num system="xmltv_ns">{season}.{episode}.0/1</episode-num>\n'
        )
        parts.append(
            f'    <episode-num system="onscreen">S{season + 1:02d}'
            f"E{episode + 1:02d}</episode-num>\n"
        )
    if rng.random() < 0.3:
        parts.append(
            "    <video><aspect>16:9</aspect><quality>HDTV</quality></video>\n"
        )
    if rng.random() < 0.2:
        parts.append('    <rating system="FSK"><value>12</value></rating>\n')
    if rng.random() < 0.2:
        parts.append(
            f"    <star-rating><value>{rng.randint(1, 5)}/5</value></star-rating>\n"
        )
    if rng.random() < 0.3:
        parts.append("    <previously-shown/>\n")
    parts.append("  </programme>\n")
    return "".join(parts)


def _title(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(ENTITY_WORDS) + " " + rng.choice(WORDS).title()
    if roll < 0.25:
        return rng.choice(CJK)
    return _words(rng, rng.randint(1, 4)).title()


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _local(moment: datetime, zone: str) -> str:
    sign = -1 if zone[0] == "-" else 1
    offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
    return moment.astimezone(timezone(offset)).strftime("%Y%m%d%H%M%S ") + zone


def write_guide(
    path: Path,
    megabytes: float,
    channels: int = 300,
    seed: int = 1,
    compress: bool = False,
) -> int:
    """Write the guide to `path`; returns the uncompressed bytes written."""
    written = 0
    with gzip.open(path, "wb") if compress else path.open("wb") as output:
        for chunk in guide_chunks(megabytes, channels, seed):
            output.write(chunk)
            written += len(chunk)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--megabytes", type=float, default=100.0)
    parser.add_argument("--channels", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gzip", action="store_true")
    arguments = parser.parse_args(argv)
    written = write_guide(
        arguments.output,
        arguments.megabytes,
        arguments.channels,
        arguments.seed,
        arguments.gzip,
    )
    print(f"wrote {arguments.output}: {written} bytes of XML", file=sys.stderr)


if __name__ == "__main__":
    main()
