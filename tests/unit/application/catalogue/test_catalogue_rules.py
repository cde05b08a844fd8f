"""The pure rules that fill old fields from the current schema."""

from __future__ import annotations

from tvnexa.application.catalogue.rules import (
    choose_logo,
    city_name,
    first_area,
    main_feed,
    replacement_id,
)
from tvnexa.domain.catalogue import Channel, City, Feed, Logo

CHANNEL = Channel("A.uk", "A", "UK", legacy_logo="https://legacy.png")
MAIN = Feed("A.uk", "HD", "HD", is_main=True, broadcast_area=("c/UK", "ct/GBLON"))
OTHER = Feed("A.uk", "SD", "SD", broadcast_area=("ct/GBMAN",))


def test_logo_choice_does_not_depend_on_input_order():
    logos = [
        Logo("A.uk", "https://c.png", feed="SD"),
        Logo("A.uk", "https://b.png", feed="HD"),
        Logo("A.uk", "https://z.png", in_use=False),
    ]

    chosen = {choose_logo(CHANNEL, order, MAIN) for order in (logos, logos[::-1])}

    assert chosen == {"https://b.png"}


def test_logo_in_use_beats_channel_level_out_of_use():
    logos = [
        Logo("A.uk", "https://a.png", in_use=False),
        Logo("A.uk", "https://b.png", feed="SD"),
    ]

    assert choose_logo(CHANNEL, logos, MAIN) == "https://b.png"


def test_logo_url_breaks_ties():
    logos = [Logo("A.uk", "https://b.png"), Logo("A.uk", "https://a.png")]

    assert choose_logo(CHANNEL, logos, MAIN) == "https://a.png"


def test_logo_falls_back_to_legacy_logo():
    assert choose_logo(CHANNEL, [], MAIN) == "https://legacy.png"


def test_main_feed_is_the_one_marked_main():
    assert main_feed([OTHER, MAIN]) == MAIN
    assert main_feed([OTHER]) is None


def test_first_area_of_kind():
    assert first_area(("c/UK", "ct/GBLON", "ct/GBMAN"), "ct") == "GBLON"
    assert first_area(("c/UK",), "s") is None


def test_city_name_resolves_codes_and_keeps_legacy_names():
    cities = {"GBLON": City("GBLON", "UK", "London")}

    assert city_name(CHANNEL, MAIN, cities) == "London"
    assert city_name(CHANNEL, OTHER, cities) is None
    legacy = Channel("B.us", "B", "US", legacy_city="Springfield")
    assert city_name(legacy, None, cities) == "Springfield"


def test_replacement_splits_on_the_first_at_only():
    channel = Channel("A.uk", "A", "UK", replaced_by="B.uk@HD@Extra")

    assert replacement_id(channel) == "B.uk"
    assert replacement_id(CHANNEL) is None
