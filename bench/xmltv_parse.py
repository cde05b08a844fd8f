"""Benchmark: LxmlXmltvParser against bare iterparse, on real and synthetic guides.

Run `python -m bench.xmltv_parse [--megabytes 100] [GUIDE ...]`. Each
measurement runs in a fresh child process, so its peak memory (max RSS) is
its own. For each guide (by default the biggest real one, and a synthetic one
of `--megabytes`) it prints:

- parse: source (decompression) + LxmlXmltvParser, every field read into
  Programme values, every check counted; storing nothing;
- iterparse: the parser's ceiling, lxml's iterparse over the same
  decompressed bytes, clearing elements, reading nothing;
- programmes per second, peak RSS, and the parse / iterparse time ratio.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SHARED_XMLTV = Path(__file__).resolve().parents[2] / "shared/data/xmltv"
BIGGEST_REAL = SHARED_XMLTV / "big/chengxue2020-TV-Guide_merged_2026-04-12.xml.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_parse(path: Path) -> dict[str, Any]:
    from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
    from tvnexa.adapters.xmltv.sources import FileGuideSource
    from tvnexa.domain.programmes import Programme

    started = time.perf_counter()
    source = FileGuideSource(path)
    programmes = 0
    with source.open() as stream:
        reading = LxmlXmltvParser().parse(stream, source.origin)
        for item in reading:
            if isinstance(item, Programme):
                programmes += 1
    seconds = time.perf_counter() - started
    return {
        "programmes": programmes,
        "seconds": seconds,
        "bytes": reading.report.bytes_read,
        "anomalies": reading.report.as_counts(),
    }


def child_iterparse(path: Path) -> dict[str, Any]:
    from lxml import etree

    from tvnexa.adapters.xmltv.sources import FileGuideSource

    started = time.perf_counter()
    programmes = 0
    with FileGuideSource(path).open() as stream:
        for _, element in etree.iterparse(
            stream,
            events=("end",),
            tag=("channel", "programme"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            recover=True,
        ):
            programmes += element.tag == "programme"
            element.clear(keep_tail=False)
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
    return {"programmes": programmes, "seconds": time.perf_counter() - started}


CHILDREN = {"parse": child_parse, "iterparse": child_iterparse}


def measure(mode: str, path: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.xmltv_parse", "--child", mode, str(path)]
    output = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(output.stdout))


def report(path: Path) -> None:
    parse = measure("parse", path)
    ceiling = measure("iterparse", path)
    megabytes = parse["bytes"] / 1024 / 1024
    print(f"{path.name}: {megabytes:.1f} MB of XML, {parse['programmes']} programmes")
    for name, result in (("parse", parse), ("iterparse", ceiling)):
        rate = result["programmes"] / result["seconds"]
        print(
            f"  {name:<10} {result['seconds']:7.2f} s  {rate:9.0f} programmes/s"
            f"  {megabytes / result['seconds']:6.1f} MB/s"
            f"  peak RSS {result['peak_rss_mb']:6.1f} MB"
        )
    print(f"  parse / iterparse time: {parse['seconds'] / ceiling['seconds']:.2f}x")
    print(f"  counts: {parse['anomalies']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("guides", nargs="*", type=Path)
    parser.add_argument("--megabytes", type=float, default=100.0)
    parser.add_argument("--child", choices=sorted(CHILDREN))
    arguments = parser.parse_args(argv)

    if arguments.child:
        result = CHILDREN[arguments.child](arguments.guides[0])
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return

    guides = arguments.guides or [BIGGEST_REAL]
    with tempfile.TemporaryDirectory() as folder:
        if not arguments.guides:
            from bench.xmltv_synthetic import write_guide

            synthetic = Path(folder) / f"synthetic-{arguments.megabytes:g}MB.xml"
            write_guide(synthetic, arguments.megabytes)
            guides.append(synthetic)
        for guide in guides:
            report(guide)


if __name__ == "__main__":
    main()
