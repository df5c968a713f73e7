"""PyLTI1p3's tool configuration backed by our Platform and ToolKey rows."""

from __future__ import annotations

from typing import Any

from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from quizzes.lti.keys import tool_jwks, tool_key_current, tool_key_private_pem
from quizzes.lti.models import Platform

UNKNOWN_PLATFORM = "This LMS is not registered with Strategikon (unknown issuer or client id)."


class _Registration(Registration):
    """Names our key id in what PyLTI1p3 signs (it would otherwise send no kid, and a platform
    holding two of our keys during a rotation could not tell which one to verify with)."""

    kid: str | None = None

    def get_kid(self) -> str | None:
        return self.kid


def registration_for(platform: Platform) -> Registration:
    key = tool_key_current()
    reg = _Registration()
    reg.kid = key.kid
    reg.set_issuer(platform.issuer).set_client_id(platform.client_id).set_auth_login_url(platform.auth_login_url)
    reg.set_auth_token_url(platform.auth_token_url).set_key_set_url(platform.key_set_url)
    reg.set_tool_private_key(tool_key_private_pem(key))
    reg.set_tool_public_key(key.public_pem)
    return reg


class ToolConf(ToolConfAbstract):  # type: ignore[type-arg]
    def _platform(self, iss: str, client_id: str | None) -> Platform:
        platforms = Platform.objects.filter(issuer=iss, is_active=True)
        if client_id:
            platforms = platforms.filter(client_id=client_id)
        platform = platforms.order_by("id").first()
        if platform is None:
            raise LtiException(UNKNOWN_PLATFORM)
        return platform

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Registration:
        return registration_for(self._platform(iss, None))

    def find_registration_by_params(self, iss: str, client_id: str, *args: Any, **kwargs: Any) -> Registration:
        return registration_for(self._platform(iss, client_id))

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return None

    def find_deployment_by_params(self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any) -> Deployment | None:
        platform = self._platform(iss, client_id)
        if deployment_id not in platform.deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)

    def get_jwks(self, iss: str | None = None, client_id: str | None = None, **kwargs: Any) -> dict[str, Any]:
        return tool_jwks()
