"""Page limits per resource, from ApiSettings."""

from __future__ import annotations

import pytest

from tvnexa.entrypoints.http import ApiSettings, PageLimits


def test_old_client_whole_lists_default_to_the_whole_list_limit():
    settings = ApiSettings(whole_list_limit=6000)

    for name in ("categories", "countries", "regions", "subdivisions"):
        assert settings.limits_for(name) == PageLimits(6000, 6000)


def test_other_lists_use_the_default_and_maximum():
    settings = ApiSettings(default_limit=20, max_limit=200)

    assert settings.limits_for("channels") == PageLimits(20, 200)
    assert settings.limits_for("cities") == PageLimits(20, 200)


def test_a_resource_can_be_given_its_own_limits():
    settings = ApiSettings(limits={"subdivisions": PageLimits(50, 100)})

    assert settings.limits_for("subdivisions") == PageLimits(50, 100)


@pytest.mark.parametrize(("default", "maximum"), [(0, 10), (11, 10)])
def test_inconsistent_limits_are_refused(default, maximum):
    with pytest.raises(ValueError):
        PageLimits(default, maximum)
