"""Matching guide channels to the catalogue: each rule, in its order."""

from __future__ import annotations

import pytest

from tvnexa.domain.catalogue import Channel, Guide
from tvnexa.domain.matching import MatchIndex, match_channel, normalise_name
from tvnexa.domain.programmes import GuideChannel, LangText
from tvnexa.domain.schedules import ChannelMatch, GuideSourceSettings, MatchMethod

CHANNELS = [
    Channel("BBCOne.uk", "BBC One", "UK", alt_names=("BBC 1",)),
    Channel("France3.fr", "France 3", "FR"),
    Channel("AMCEurope.uk", "AMC Europe", "UK"),
    Channel("CanalPlus.fr", "Canal+", "FR"),
    Channel("Canal.fr", "Canal", "FR"),
    Channel("TeleQuebec.ca", "Télé-Québec", "CA"),
    Channel("Rai1.it", "Rai 1", "IT"),
    Channel("Rai1.sm", "Rai 1", "SM"),
    Channel("VantageMusic.ee", "Vantage Music", "EE"),
]
FEEDS = ["BBCOne.uk@HD", "France3.fr@ParisIledeFrance", "VantageMusic.ee@SD"]
GUIDES = [
    Guide("vantagetv.ee", "vmusic", "VantageMusic.ee", "SD", "Vantage Music"),
    Guide("vantagetv.ee", "vdance", None, None, "Vantage Dance"),
    Guide("vantagetv.ee", "gone", "Closed.ee", "SD", "Closed"),
    Guide("vantagetv.ee", "bbc", "BBCOne.uk", "HD", "BBC One", "en"),
    Guide("vantagetv.ee", "bbc", "BBCOne.uk", "SD", "BBC One", "et"),
    Guide("vantagetv.ee", "shared", "Rai1.it", None, "Rai"),
    Guide("vantagetv.ee", "shared", "Rai1.sm", None, "Rai"),
    Guide("other.site", "f3", "France3.fr", None, "France 3"),
]


def index(site: str | None = None) -> MatchIndex:
    return MatchIndex.build(CHANNELS, FEEDS, GUIDES, site)


def source(
    site: str | None = None, id_map: dict[str, str] | None = None
) -> GuideSourceSettings:
    return GuideSourceSettings(
        name="test", location="guide.xml", site=site, id_map=id_map or {}
    )


def channel(guide_id: str, *names: str) -> GuideChannel:
    return GuideChannel(guide_id, tuple(LangText(name) for name in names))


def matched(
    guide_id: str,
    *names: str,
    site: str | None = None,
    settings: GuideSourceSettings | None = None,
) -> tuple[str | None, str | None, MatchMethod | None]:
    found = match_channel(
        index(site), settings or source(site=site), channel(guide_id, *names)
    )
    return found.channel, found.feed, found.method


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("BBC One", "bbcone"),
        ("bbc-one", "bbcone"),
        ("  BBC   ONE ", "bbcone"),
        ("Télé-Québec", "telequebec"),
        ("STRASSE tv", "strassetv"),
        ("Straße TV", "strassetv"),
        ("Canal+", "canalplus"),
        ("Canal Plus", "canalplus"),
        ("CCTV-5+", "cctv5plus"),
        ("AT&T SportsNet", "atandtsportsnet"),
        ("Arte HD", "arte"),
        ("Sky Cinema UHD 4K", "skycinema"),
        ("HD", "hd"),
        ("Canal 13 TV", "canal13tv"),
        ("4K健身(CN)", "4k健身cn"),
        ("---", ""),
    ],
)
def test_names_are_normalised_for_comparison(name: str, normalised: str) -> None:
    assert normalise_name(name) == normalised


def test_the_id_map_comes_first() -> None:
    settings = source(id_map={"France3.fr": "BBCOne.uk@HD"})

    assert matched("France3.fr", settings=settings) == (
        "BBCOne.uk",
        "HD",
        MatchMethod.ID_MAP,
    )


def test_an_id_map_entry_for_an_unknown_channel_lets_the_other_rules_decide() -> None:
    settings = source(id_map={"France3.fr": "Nowhere.xx", "bbc": "Gone.uk@HD"})

    assert matched("France3.fr", settings=settings)[2] is MatchMethod.EXACT
    assert matched("bbc", "BBC One", settings=settings)[2] is MatchMethod.NAME


def test_an_id_map_entry_with_an_unknown_feed_keeps_the_channel() -> None:
    settings = source(id_map={"one": "BBCOne.uk@Nowhere"})

    assert matched("one", settings=settings) == ("BBCOne.uk", None, MatchMethod.ID_MAP)


def test_an_exact_channel_id_matches_the_channel_without_a_feed() -> None:
    assert matched("France3.fr") == ("France3.fr", None, MatchMethod.EXACT)


def test_exact_ids_are_case_sensitive_as_catalogue_ids_are() -> None:
    assert matched("france3.fr") == (None, None, None)


def test_a_channel_at_feed_id_matches_channel_and_feed() -> None:
    assert matched("France3.fr@ParisIledeFrance") == (
        "France3.fr",
        "ParisIledeFrance",
        MatchMethod.CHANNEL_FEED,
    )


def test_a_channel_at_an_unknown_feed_keeps_the_channel_with_no_feed() -> None:
    assert matched("France3.fr@Nowhere") == (
        "France3.fr",
        None,
        MatchMethod.CHANNEL_FEED,
    )


def test_a_channel_at_feed_id_is_split_on_its_first_at_only() -> None:
    assert matched("AMCEurope.uk@Portugal@Hungary") == (
        "AMCEurope.uk",
        None,
        MatchMethod.CHANNEL_FEED,
    )


def test_a_channel_at_feed_id_of_an_unknown_channel_does_not_match() -> None:
    assert matched("Nowhere.xx@HD") == (None, None, None)


def test_a_site_id_matches_through_guides_json_for_a_source_of_that_site() -> None:
    assert matched("vmusic", site="vantagetv.ee") == (
        "VantageMusic.ee",
        "SD",
        MatchMethod.GUIDES_JSON,
    )


def test_site_ids_are_only_looked_up_for_a_source_that_names_its_site() -> None:
    assert matched("vmusic") == (None, None, None)


def test_site_ids_are_unique_per_site_only() -> None:
    assert matched("f3", site="vantagetv.ee") == (None, None, None)
    assert matched("f3", site="other.site") == (
        "France3.fr",
        None,
        MatchMethod.GUIDES_JSON,
    )


def test_a_site_id_of_no_channel_or_of_an_unknown_channel_does_not_match() -> None:
    assert matched("vdance", site="vantagetv.ee") == (None, None, None)
    assert matched("gone", site="vantagetv.ee") == (None, None, None)


def test_a_site_id_of_two_channels_matches_neither() -> None:
    assert matched("shared", site="vantagetv.ee") == (None, None, None)


def test_a_site_id_of_two_feeds_of_one_channel_matches_the_channel() -> None:
    assert matched("bbc", site="vantagetv.ee") == (
        "BBCOne.uk",
        None,
        MatchMethod.GUIDES_JSON,
    )


def test_a_display_name_matches_a_channel_name_once_normalised() -> None:
    assert matched("tq", "TELE QUEBEC HD") == ("TeleQuebec.ca", None, MatchMethod.NAME)


def test_a_display_name_matches_an_alternative_name() -> None:
    assert matched("b1", "BBC-1") == ("BBCOne.uk", None, MatchMethod.NAME)


def test_plus_keeps_channels_apart_that_differ_by_it() -> None:
    assert matched("c", "Canal +")[0] == "CanalPlus.fr"
    assert matched("c", "Canal")[0] == "Canal.fr"


def test_a_name_two_catalogue_channels_share_matches_neither() -> None:
    assert matched("r", "Rai 1") == (None, None, None)


def test_an_ambiguous_name_is_outvoted_by_an_unambiguous_one() -> None:
    assert matched("r", "Rai 1", "BBC One")[0] == "BBCOne.uk"


def test_display_names_that_lead_to_two_channels_match_neither() -> None:
    assert matched("x", "BBC One", "France 3") == (None, None, None)


def test_a_guide_channel_without_names_or_known_ids_is_unmatched() -> None:
    found = match_channel(index(), source(), channel("nothing"))

    assert found == ChannelMatch("test", channel("nothing"))
    assert not found.matched


def test_the_index_counts_a_channel_once_whatever_names_it_repeats() -> None:
    built = MatchIndex.build(
        [Channel("Arte.fr", "Arte", "FR", alt_names=("ARTE", "Arte HD"))], []
    )

    assert built.names == {"arte": "Arte.fr"}


def test_the_index_keeps_only_the_guides_of_its_site() -> None:
    assert set(index("other.site").site_ids) == {"f3"}
    assert index().site_ids == {}
