"""The benchmark's synthetic guide: valid, realistic, and as big as asked."""

from __future__ import annotations

import gzip
from pathlib import Path

from bench.xmltv_synthetic import write_guide
from tvnexa.adapters.xmltv.parser import LxmlXmltvParser
from tvnexa.adapters.xmltv.sources import FileGuideSource
from tvnexa.domain.guide_reports import Anomaly
from tvnexa.domain.programmes import Programme


def test_the_synthetic_guide_reads_with_the_quirks_it_promises(tmp_path: Path) -> None:
    path = tmp_path / "guide.xml"

    written = write_guide(path, megabytes=1, channels=60, seed=7)

    assert 1 << 20 <= written < (1 << 20) + (1 << 19)
    source = FileGuideSource(path)
    with source.open() as stream:
        reading = LxmlXmltvParser().parse(stream, source.origin)
        programmes = [i for i in reading if isinstance(i, Programme)]
    report = reading.report
    assert report.channels == 60
    assert report.programmes == len(programmes) > 1000
    assert report.rejected == 0
    for anomaly in (
        Anomaly.HTML_ENTITY,
        Anomaly.BARE_AMPERSAND,
        Anomaly.MISSING_STOP,
        Anomaly.DUPLICATE_CHANNEL,
    ):
        assert report.count(anomaly) > 0, anomaly
    assert any(p.credits for p in programmes)
    assert any(p.episode_numbers.onscreen for p in programmes)
    # Programmes start on UTC 5-minute marks, written in odd local offsets:
    # read exactly, they land back on the marks.
    text = path.read_text()
    assert " +0545" in text and " -0330" in text and " +1245" in text
    assert {p.start.minute % 5 for p in programmes} == {0}


def test_the_synthetic_guide_can_be_written_gzipped(tmp_path: Path) -> None:
    plain, packed = tmp_path / "guide.xml", tmp_path / "guide.xml.gz"

    write_guide(plain, megabytes=0.2, seed=3)
    write_guide(packed, megabytes=0.2, seed=3, compress=True)

    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
