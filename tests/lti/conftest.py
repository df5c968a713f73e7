from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from quizzes.lti.models import Platform
from tests.conftest import client_for
from tests.lti.simulator import PlatformSimulator, running


@pytest.fixture
def sim() -> Iterator[PlatformSimulator]:
    with running(PlatformSimulator()) as simulator:
        yield simulator


@pytest.fixture
def platform(admin, sim: PlatformSimulator) -> Platform:  # type: ignore[no-untyped-def]
    """Registration as an administrator does it: the LMS's values through the API, and the
    tool's JWKS URL pasted into the LMS (here: the simulator fetches it)."""
    response = client_for(admin).post(
        "/lti/api/platforms/",
        {
            "name": "Simulated Moodle",
            "issuer": sim.issuer,
            "client_id": sim.client_id,
            "deployment_ids": [sim.deployment_id],
            "auth_login_url": f"{sim.base}/auth",
            "auth_token_url": f"{sim.base}/token",
            "key_set_url": f"{sim.base}/jwks",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    sim.tool_jwks = Client().get("/lti/jwks/").json()
    return Platform.objects.get(pk=response.json()["id"])


def login_initiation(client: Client, sim: PlatformSimulator, *, sub: str) -> dict[str, str]:
    """The LMS's third-party login initiation; returns the OIDC auth request the tool sent back."""
    response = client.post("/lti/login/", sim.login_params(sub=sub, target="http://testserver/lti/launch/"))
    assert response.status_code == 302, response.content
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{sim.base}/auth"
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def launch(client: Client, sim: PlatformSimulator, *, sub: str, roles: list[str], **token: Any) -> Any:
    """Login initiation, then the platform's form post of a signed id_token to the redirect URI."""
    auth = login_initiation(client, sim, sub=sub)
    id_token = sim.id_token(nonce=auth["nonce"], sub=sub, roles=roles, **token)
    response = client.post(urlparse(auth["redirect_uri"]).path, {"id_token": id_token, "state": auth["state"]})
    response.id_token, response.state = id_token, auth["state"]
    return response
