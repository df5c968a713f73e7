"""Let the LTI flow and an LMS user's pages live in the LMS's iframe.

Everywhere else the site refuses to be framed (X-Frame-Options DENY, frame-ancestors 'none')
and its cookies are SameSite=Lax. Inside an LMS the tool is a third-party iframe, so:

- ``LtiFrameMiddleware`` (listed after CSPMiddleware, so it sees the response first) lets the
  registered LMS origins, and only those, frame the LTI endpoints and the pages of a session
  that started with an LTI launch;
- ``LtiCookieMiddleware`` (listed before SessionMiddleware, so it sees the cookies last) marks
  the cookies of those responses SameSite=None; Secure; Partitioned. Browsers that block
  third-party cookies (Chromium does by default now) still keep a partitioned (CHIPS) cookie,
  stored for this LMS's site only, which is exactly the scope an LTI session needs.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

from django.http import HttpRequest, HttpResponse

from quizzes.lti.models import Platform

SESSION_FRAME_ORIGINS = "lti_frame_origins"
LTI_PREFIX = "/lti/"


def _origin(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


def platform_origins(platform: Platform) -> list[str]:
    """Where a platform frames the tool from: its issuer's and its login page's origins."""
    return sorted({_origin(platform.issuer), _origin(platform.auth_login_url)})


def _frame_origins(request: HttpRequest) -> list[str]:
    session = getattr(request, "session", None)
    origins = session.get(SESSION_FRAME_ORIGINS) if session is not None else None
    if origins:
        return list(origins)
    if request.path_info.startswith(LTI_PREFIX):
        return sorted({o for p in Platform.objects.filter(is_active=True) for o in platform_origins(p)})
    return []


class LtiFrameMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        origins = _frame_origins(request)
        if origins:
            response.xframe_options_exempt = True  # type: ignore[attr-defined]
            response._csp_replace = {"frame-ancestors": origins}  # type: ignore[attr-defined]
        return response


class LtiCookieMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if request.path_info.startswith(LTI_PREFIX) or (session is not None and session.get(SESSION_FRAME_ORIGINS)):
            for morsel in response.cookies.values():
                # http.cookies before Python 3.14 has no Partitioned attribute; it is written
                # after SameSite's value, which is where a browser reads it as its own flag.
                morsel["samesite"] = "None; Partitioned"
                morsel["secure"] = True
        return response
