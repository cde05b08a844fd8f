"""DirectoryCatalogSource and the factory that picks a source for a location."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from tvnexa.adapters.iptv_org.source import (
    DirectoryCatalogSource,
    RequestsCatalogSource,
    catalog_source_for,
)
from tvnexa.application.ports import FetchedDataset, NotModified
from tvnexa.domain.catalogue import Language
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import DatasetNotPublished, SourceError, SourceFormatError

LANGUAGES = [{"code": "fra", "name": "French"}, {"code": "deu", "name": "German"}]
BODY = json.dumps(LANGUAGES).encode()


def fetched(result: FetchedDataset | NotModified) -> FetchedDataset:
    assert isinstance(result, FetchedDataset), result
    return result


def test_a_plain_file_is_read_with_its_version(tmp_path: Path) -> None:
    published = tmp_path / "languages.json"
    published.write_bytes(BODY)
    stat = published.stat()

    result = fetched(DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES))

    assert result.records == [Language("fra", "French"), Language("deu", "German")]
    assert result.total == 2
    assert result.version.etag == f"{stat.st_mtime_ns}:{stat.st_size}"
    assert result.version.digest == hashlib.sha256(BODY).hexdigest()
    assert result.version.last_modified is not None
    modified = datetime.fromisoformat(result.version.last_modified)
    assert abs(modified.timestamp() - stat.st_mtime) < 0.001


def test_a_gzip_file_is_read_when_only_it_exists(tmp_path: Path) -> None:
    (tmp_path / "languages.json.gz").write_bytes(gzip.compress(BODY))

    result = fetched(DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES))

    assert len(result.records) == 2
    assert result.version.digest == hashlib.sha256(BODY).hexdigest()


def test_the_plain_file_wins_over_the_gzip_one(tmp_path: Path) -> None:
    (tmp_path / "languages.json").write_bytes(BODY)
    (tmp_path / "languages.json.gz").write_bytes(gzip.compress(b"[]"))

    result = fetched(DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES))

    assert result.total == 2


def test_gzip_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    (tmp_path / "languages.json").write_bytes(gzip.compress(BODY))

    result = fetched(DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES))

    assert len(result.records) == 2


def test_an_unchanged_file_is_not_modified(tmp_path: Path) -> None:
    (tmp_path / "languages.json").write_bytes(BODY)
    source = DirectoryCatalogSource(tmp_path)
    first = fetched(source.fetch(Dataset.LANGUAGES))

    second = source.fetch(Dataset.LANGUAGES, first.version)

    assert second == NotModified(first.version)


def test_a_touched_file_is_read_again(tmp_path: Path) -> None:
    published = tmp_path / "languages.json"
    published.write_bytes(BODY)
    source = DirectoryCatalogSource(tmp_path)
    first = fetched(source.fetch(Dataset.LANGUAGES))
    stat = published.stat()
    os.utime(published, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    second = fetched(source.fetch(Dataset.LANGUAGES, first.version))

    assert second.version.digest == first.version.digest
    assert second.version.etag != first.version.etag


def test_a_file_of_another_size_is_read_again(tmp_path: Path) -> None:
    published = tmp_path / "languages.json"
    published.write_bytes(BODY)
    source = DirectoryCatalogSource(tmp_path)
    first = fetched(source.fetch(Dataset.LANGUAGES))
    mtime_ns = published.stat().st_mtime_ns
    published.write_bytes(json.dumps(LANGUAGES[:1]).encode())
    os.utime(published, ns=(mtime_ns, mtime_ns))

    second = fetched(source.fetch(Dataset.LANGUAGES, first.version))

    assert second.records == [Language("fra", "French")]


def test_a_missing_dataset_is_not_published(tmp_path: Path) -> None:
    with pytest.raises(DatasetNotPublished, match=r"feeds\.json"):
        DirectoryCatalogSource(tmp_path).fetch(Dataset.FEEDS)


def test_a_missing_directory_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is not a directory") as raised:
        DirectoryCatalogSource(tmp_path / "nowhere").fetch(Dataset.FEEDS)

    assert not isinstance(raised.value, DatasetNotPublished)


def test_invalid_json_names_the_file_and_the_place(tmp_path: Path) -> None:
    (tmp_path / "languages.json").write_bytes(b'[{"code": "fra",\n "name": }]')

    with pytest.raises(SourceFormatError) as raised:
        DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES)

    assert "languages.json" in str(raised.value)
    assert "line 2, column 10" in str(raised.value)


def test_a_truncated_gzip_file_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / "languages.json.gz").write_bytes(gzip.compress(BODY)[:-12])

    with pytest.raises(SourceFormatError, match="not a complete gzip stream"):
        DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES)


def test_text_that_is_not_utf8_is_a_format_error(tmp_path: Path) -> None:
    (tmp_path / "languages.json").write_bytes(
        b'[{"code": "fra", "name": "Fran\xe7ais"}]'
    )

    with pytest.raises(SourceFormatError, match="not UTF-8"):
        DirectoryCatalogSource(tmp_path).fetch(Dataset.LANGUAGES)


@pytest.mark.parametrize("location", ["http://127.0.0.1:9/api", "HTTPS://x.org/api/"])
def test_the_factory_picks_http_for_web_addresses(location: str) -> None:
    source = catalog_source_for(location, timeout=(1.0, 2.0), retries=1)

    assert isinstance(source, RequestsCatalogSource)
    assert source.base_url == location.rstrip("/")
    assert source.timeout == (1.0, 2.0)


def test_the_factory_reads_file_urls_and_paths_as_directories(tmp_path: Path) -> None:
    (tmp_path / "languages.json").write_bytes(BODY)

    by_url = catalog_source_for(tmp_path.as_uri(), timeout=(1.0, 2.0))
    by_path = catalog_source_for(str(tmp_path))

    assert isinstance(by_url, DirectoryCatalogSource)
    assert isinstance(by_path, DirectoryCatalogSource)
    assert by_url.path == by_path.path == tmp_path
    assert fetched(by_url.fetch(Dataset.LANGUAGES)).total == 2


def test_the_factory_refuses_a_file_url_on_another_host() -> None:
    with pytest.raises(ValueError, match="local path"):
        catalog_source_for("file://server/share/api")
