"""Catalogue reads are public by default; configuration can require a token."""

from __future__ import annotations

import pytest

from tvnexa.entrypoints.http import ApiSettings

STRICT = ApiSettings(require_token=True)


def valid(token):
    return token == "good-token"


def test_requiring_tokens_without_a_verifier_is_a_configuration_error(make_client):
    with pytest.raises(ValueError, match="token_verifier"):
        make_client(settings=STRICT)


@pytest.mark.parametrize(
    "header", [None, "Bearer null", "Bearer ", "Bearer bad-token", "Basic good-token"]
)
def test_required_token_refuses_missing_or_bad_tokens(make_client, header):
    client = make_client(settings=STRICT, token_verifier=valid)
    headers = {"Authorization": header} if header else {}

    result = client.simulate_get("/api/v1/channels", headers=headers)

    assert result.status_code == 401
    assert result.json["name"] == "UNAUTHORIZED_CLIENT"
    assert result.json["code"] == 108
    assert result.headers["www-authenticate"].startswith("Bearer")


def test_required_token_accepts_a_valid_one_and_caches_privately(make_client):
    client = make_client(settings=STRICT, token_verifier=valid)

    result = client.simulate_get(
        "/api/v1/channels", headers={"Authorization": "Bearer good-token"}
    )

    assert result.status_code == 200
    assert result.headers["cache-control"].startswith("private")


def test_public_reads_ignore_any_authorization(client):
    for header in ("Bearer null", "Bearer whatever", "Garbage"):
        result = client.simulate_get(
            "/api/v1/countries", headers={"Authorization": header}
        )
        assert result.status_code == 200
