"""LTI Dynamic Registration against the simulated platform."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pytest
from django.test import Client

from quizzes.lti.models import Platform
from quizzes.lti.services import ERROR_REGISTRATION, UNKNOWN_PLATFORM
from tests.lti.conftest import login_initiation
from tests.lti.simulator import PlatformSimulator, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_sim():  # type: ignore[no-untyped-def]
    """A platform whose issuer is its own loopback address, as dynamic registration requires."""
    with running(PlatformSimulator()) as sim:
        sim.issuer = sim.base
        yield sim


def register(sim: PlatformSimulator, token: str):  # type: ignore[no-untyped-def]
    query = urlencode({"openid_configuration": f"{sim.base}/.well-known/openid-configuration", "registration_token": token})
    return Client().get(f"/lti/register/?{query}")


def test_dynamic_registration_registers_the_tool_and_waits_for_an_admin(local_sim) -> None:
    response = register(local_sim, local_sim.registration_token)
    assert response.status_code == 200 and "must now activate" in response.content.decode()
    platform = Platform.objects.get()
    assert (platform.issuer, platform.client_id, platform.deployment_ids) == (local_sim.base, "dyn-client-1", ["dyn-deployment-1"])
    assert platform.key_set_url == f"{local_sim.base}/jwks" and not platform.is_active
    (sent,) = local_sim.registrations
    assert sent["initiate_login_uri"] == "http://testserver/lti/login/" and sent["jwks_uri"] == "http://testserver/lti/jwks/"
    assert sent["redirect_uris"] == ["http://testserver/lti/launch/"]
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in sent["scope"].split()
    # Inactive until an admin switches it on: a login initiation from it is refused.
    assert UNKNOWN_PLATFORM in html.unescape(Client().post("/lti/login/", local_sim.login_params(sub="s", target="x")).content.decode())
    Platform.objects.update(is_active=True)
    local_sim.client_id = "dyn-client-1"
    assert login_initiation(Client(), local_sim, sub="s")["client_id"] == "dyn-client-1"


def test_registering_the_same_client_again_changes_nothing(local_sim) -> None:
    assert register(local_sim, local_sim.registration_token).status_code == 200
    Platform.objects.update(is_active=True)
    assert register(local_sim, local_sim.registration_token).status_code == 400
    assert Platform.objects.get().is_active


def test_a_refused_registration_token_registers_nothing(local_sim) -> None:
    response = register(local_sim, "wrong")
    assert response.status_code == 400 and ERROR_REGISTRATION.split(":")[0] in html.unescape(response.content.decode())
    assert not Platform.objects.exists()


def test_a_configuration_not_under_its_issuer_is_refused(local_sim) -> None:
    local_sim.issuer = "https://lms.example.edu"
    assert register(local_sim, local_sim.registration_token).status_code == 400
    assert not Platform.objects.exists()
