"""A small LTI 1.3 platform (an LMS stand-in) for the tests.

It has its own RSA key, signs real RS256 id_tokens, and serves over HTTP on loopback what a
real LMS serves: its JWKS, the OAuth2 token endpoint (checking the tool's signed client
assertion against the tool's JWKS), AGS line items and scores, and the NRPS roster.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


class PlatformSimulator:
    issuer = "https://lms.example.edu"
    client_id = "strategikon-client"
    deployment_id = "deployment-1"
    context_id = "course-101"

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "platform-key-1"
        self.private_pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.tool_jwks: dict[str, Any] = {"keys": []}
        self.tokens: set[str] = set()
        self.line_items: dict[str, dict[str, Any]] = {}
        self.scores: dict[str, list[dict[str, Any]]] = {}
        self.members: list[dict[str, Any]] = []
        self.token_requests: list[dict[str, Any]] = []
        self.fail_scores = 0
        self.base = ""
        self.tool_url = ""
        self.browser_launch: dict[str, Any] = {}
        self.registration_token = "reg-token-1"
        self.registrations: list[dict[str, Any]] = []

    # --- what the LMS sends ---------------------------------------------------------------------

    @property
    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(JWK.from_pem(self.private_pem).export_public())
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    def login_params(self, *, sub: str, target: str) -> dict[str, str]:
        return {
            "iss": self.issuer,
            "login_hint": sub,
            "target_link_uri": target,
            "client_id": self.client_id,
            "lti_deployment_id": self.deployment_id,
        }

    def id_token(
        self,
        *,
        nonce: str,
        sub: str,
        roles: list[str],
        message_type: str = "LtiResourceLinkRequest",
        custom: dict[str, str] | None = None,
        lineitem: str | None = None,
        aud: str | None = None,
        deployment_id: str | None = None,
        expires_in: int = 300,
        deep_link_return: str | None = None,
        email: str = "",
    ) -> str:
        now = int(time.time())
        body: dict[str, Any] = {
            "iss": self.issuer,
            "aud": aud or self.client_id,
            "sub": sub,
            "iat": now - 10,
            "exp": now + expires_in,
            "nonce": nonce,
            "given_name": sub.title(),
            "family_name": "Tester",
            "email": email or f"{sub}@lms.example.edu",
            CLAIM + "message_type": message_type,
            CLAIM + "version": "1.3.0",
            CLAIM + "deployment_id": deployment_id or self.deployment_id,
            CLAIM + "roles": roles,
            CLAIM + "context": {"id": self.context_id, "title": "Security Studies 101", "label": "SEC101"},
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
                "scope": [
                    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                ],
                "lineitems": f"{self.base}/lineitems",
                **({"lineitem": lineitem} if lineitem else {}),
            },
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
                "context_memberships_url": f"{self.base}/memberships",
                "service_versions": ["2.0"],
            },
        }
        if message_type == "LtiResourceLinkRequest":
            body[CLAIM + "resource_link"] = {"id": "link-" + uuid.uuid4().hex[:8]}
            body[CLAIM + "target_link_uri"] = "http://testserver/lti/launch/"
        else:
            body["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": deep_link_return or f"{self.base}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
            }
        if custom:
            body[CLAIM + "custom"] = custom
        return jwt.encode(body, self.private_pem, algorithm="RS256", headers={"kid": self.kid})

    def verify_tool_jwt(self, token: str, *, audience: str) -> dict[str, Any]:
        """Verify something the tool signed, with the tool's published JWKS (as an LMS does)."""
        kid = jwt.get_unverified_header(token)["kid"]
        jwk = next(k for k in self.tool_jwks["keys"] if k["kid"] == kid)
        public = jwt.PyJWK(jwk).key
        return jwt.decode(token, public, algorithms=["RS256"], audience=audience)

    # --- HTTP ----------------------------------------------------------------------------------

    def course_page(self) -> str:
        """The LMS's course page, which frames the tool: login initiation goes to the iframe."""
        query = urlencode(self.login_params(sub=self.browser_launch["sub"], target=f"{self.tool_url}/lti/launch/"))
        return f'<!doctype html><title>LMS course</title><h1>LMS</h1><iframe id="tool" name="tool" width="1000" height="700" src="{self.tool_url}/lti/login/?{query}"></iframe>'

    def auth_page(self, query: dict[str, str]) -> str:
        """The OIDC auth endpoint: signs the id_token and form-posts it to the tool's redirect URI."""
        token = self.id_token(
            nonce=query["nonce"], sub=query["login_hint"], roles=self.browser_launch["roles"], custom=self.browser_launch.get("custom")
        )
        return (
            f'<!doctype html><form id="f" method="post" action="{escape(query["redirect_uri"])}">'
            f'<input type="hidden" name="id_token" value="{token}"><input type="hidden" name="state" value="{escape(query["state"])}"></form>'
            '<script>document.getElementById("f").submit()</script>'
        )

    def handle(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any] | list[Any] | str]:
        url = urlparse(path)
        if url.path == "/jwks":
            return 200, self.jwks
        if url.path == "/course":
            return 200, self.course_page()
        if url.path == "/auth":
            return 200, self.auth_page({k: v[0] for k, v in parse_qs(url.query).items()})
        if url.path == "/token" and method == "POST":
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            try:
                claims = self.verify_tool_jwt(form["client_assertion"], audience=f"{self.base}/token")
            except Exception as exc:  # the tool's assertion must verify against its JWKS
                return 401, {"error": "invalid_client", "detail": str(exc)}
            self.token_requests.append({"scope": form.get("scope", ""), "iss": claims["iss"]})
            token = uuid.uuid4().hex
            self.tokens.add(token)
            return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": form.get("scope", "")}
        if url.path == "/.well-known/openid-configuration":
            return 200, {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.base}/auth",
                "token_endpoint": f"{self.base}/token",
                "jwks_uri": f"{self.base}/jwks",
                "registration_endpoint": f"{self.base}/register",
                "https://purl.imsglobal.org/spec/lti-platform-configuration": {"product_family_code": "moodle", "version": "4.5"},
            }
        if url.path == "/register" and method == "POST":
            if headers.get("Authorization") != f"Bearer {self.registration_token}":
                return 401, {"error": "bad registration token"}
            request = json.loads(body)
            self.registrations.append(request)
            return 200, {
                **request,
                "client_id": "dyn-client-1",
                "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "dyn-deployment-1"},
            }
        if headers.get("Authorization", "").removeprefix("Bearer ") not in self.tokens:
            return 401, {"error": "no access token"}
        if url.path == "/lineitems" and method == "GET":
            return 200, list(self.line_items.values())
        if url.path == "/lineitems" and method == "POST":
            data = json.loads(body)
            data["id"] = f"{self.base}/lineitems/{len(self.line_items) + 1}"
            self.line_items[data["id"]] = data
            return 201, data
        if url.path.startswith("/lineitems/") and url.path.endswith("/scores") and method == "POST":
            if self.fail_scores:
                self.fail_scores -= 1
                return 503, {"error": "try later"}
            item = f"{self.base}{url.path.removesuffix('/scores')}"
            if item not in self.line_items:
                return 404, {"error": "no such line item"}
            self.scores.setdefault(item, []).append(json.loads(body))
            return 200, {}
        if url.path == "/memberships":
            return 200, {"id": f"{self.base}/memberships", "context": {"id": self.context_id}, "members": self.members}
        return 404, {"error": "not found"}

    def latest_score(self, line_item: str, user_id: str) -> dict[str, Any] | None:
        scores = [s for s in self.scores.get(line_item, []) if s["userId"] == user_id]
        return scores[-1] if scores else None


@contextmanager
def running(sim: PlatformSimulator) -> Iterator[PlatformSimulator]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status, payload = sim.handle(self.command, self.path, self.headers, self.rfile.read(length))
            html = isinstance(payload, str)
            data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8" if html else "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _serve

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    sim.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield sim
    finally:
        server.shutdown()
        server.server_close()
