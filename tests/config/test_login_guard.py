"""Password guessing, as an attacker behind the documented TLS proxy would try it (F6, F7).

Every request here comes the way the proxy delivers it: ``REMOTE_ADDR`` is the proxy and
``X-Forwarded-For`` ends with the address the proxy saw, after whatever the client sent.
The limits are made small so that a run stays short; the rules are the production ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import get_hasher
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from courseware.models import User
from tests.factories import DEFAULT_PASSWORD

PROXY = "10.0.0.254"
ATTACKER = "198.51.100.7"
OWNER = "203.0.113.5"
TOKEN_URL = "/api/auth/token/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 6
    settings.LOGIN_GLOBAL_FAILURE_LIMIT = 12
    # The token endpoint's per-address request rate is tested in tests/api/test_errors.py.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "1000/min", "attempt_start": "30/min"}}


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every password hash computed (a check of a known user, or the dummy hash for an unknown one)."""
    calls: list[str] = []
    hasher = type(get_hasher("default"))
    original_encode, original_verify = hasher.encode, hasher.verify

    def encode(self: Any, password: str, salt: str, *args: Any, **kwargs: Any) -> str:
        calls.append("encode")
        return original_encode(self, password, salt, *args, **kwargs)

    def verify(self: Any, password: str, encoded: str) -> bool:
        calls.append("verify")
        return original_verify(self, password, encoded)

    monkeypatch.setattr(hasher, "encode", encode)
    monkeypatch.setattr(hasher, "verify", verify)
    yield calls


def via_proxy(client_address: str, forwarded: str = "") -> dict[str, str]:
    """What the proxy sends on: the client's own X-Forwarded-For, with the client's address appended."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forwarded}, {client_address}" if forwarded else client_address}


def api_login(username: str, password: str, client_address: str, forwarded: str = "") -> Any:
    return APIClient().post(TOKEN_URL, {"username": username, "password": password}, format="json", **via_proxy(client_address, forwarded))


def page_login(username: str, password: str, client_address: str, client: Client | None = None) -> Any:
    return (client or Client()).post(reverse("login"), {"username": username, "password": password}, **via_proxy(client_address))


# --- F6: the lockout behind the proxy ------------------------------------------------------------


def test_an_attacker_who_fails_five_times_does_not_lock_the_owner_out_behind_the_proxy(student: User) -> None:
    statuses = [api_login(student.username, f"guess{i}", ATTACKER).status_code for i in range(6)]
    assert statuses == [400] * 4 + [429] * 2
    # The attacker's own address stays locked, even with the right password ...
    assert api_login(student.username, DEFAULT_PASSWORD, ATTACKER).status_code == 429
    # ... but the owner, elsewhere behind the same proxy, logs in through the API and the page.
    assert api_login(student.username, DEFAULT_PASSWORD, OWNER).status_code == 200
    assert page_login(student.username, DEFAULT_PASSWORD, OWNER).status_code == 302


def test_the_lockout_on_the_login_page_is_per_account_and_client_address(student: User) -> None:
    for i in range(5):
        page_login(student.username, f"guess{i}", ATTACKER)
    refused = page_login(student.username, DEFAULT_PASSWORD, ATTACKER)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many failed logins" in refused.content.decode()
    assert page_login(student.username, DEFAULT_PASSWORD, OWNER).status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(student: User, settings: Any) -> None:
    # TRUSTED_PROXY_COUNT=0 (the default without BEHIND_TLS_PROXY): a client-sent header counts for nothing.
    settings.TRUSTED_PROXY_COUNT = 0
    for i in range(5):
        APIClient().post(TOKEN_URL, {"username": student.username, "password": f"g{i}"}, format="json", REMOTE_ADDR=ATTACKER)
    spoofed = APIClient().post(
        TOKEN_URL,
        {"username": student.username, "password": DEFAULT_PASSWORD},
        format="json",
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR=OWNER,
    )
    assert spoofed.status_code == 429


# --- F7: guessing is limited, on both entry points, whatever the client claims -------------------


def test_spraying_one_password_over_many_accounts_through_the_login_page_is_refused(db: None) -> None:
    statuses = [page_login(f"spray{i}", "Winter2026!", ATTACKER).status_code for i in range(12)]
    # One guess per account never trips the per-account lockout; the per-address limit does.
    assert statuses == [200] * 8 + [429] * 4


def test_a_rotating_forwarded_header_does_not_reset_the_api_limit(db: None) -> None:
    # As the review did: a fresh X-Forwarded-For on every request; the proxy appends the real address.
    statuses = [api_login(f"spray{i}", "Winter2026!", ATTACKER, forwarded=f"198.18.0.{i}").status_code for i in range(12)]
    assert statuses == [400] * 8 + [429] * 4


def test_spraying_from_rotating_addresses_is_refused_once_the_site_wide_limit_is_reached(student: User) -> None:
    # Assume a botnet: every guess from another real address, each at another account.
    api_login(student.username, DEFAULT_PASSWORD, OWNER)  # the owner has logged in from here before
    statuses = [api_login(f"spray{i}", "Winter2026!", f"198.18.{i}.1").status_code for i in range(15)]
    assert statuses == [400] * 12 + [429] * 3
    # A new address is refused even for a real account, while the owner's known address still works.
    assert api_login(student.username, DEFAULT_PASSWORD, "198.18.99.1").status_code == 429
    assert api_login(student.username, DEFAULT_PASSWORD, OWNER).status_code == 200


def test_guessing_one_account_from_rotating_addresses_is_refused_but_the_owner_keeps_their_way_in(student: User) -> None:
    page_login(student.username, DEFAULT_PASSWORD, OWNER)  # the owner's usual address
    token = api_login(student.username, DEFAULT_PASSWORD, OWNER).json()["token"]
    statuses = [api_login(student.username, f"guess{i}", f"198.18.{i}.1").status_code for i in range(8)]
    assert statuses == [400] * 6 + [429] * 2
    # Not even the right password opens the account from a new address now ...
    assert api_login(student.username, DEFAULT_PASSWORD, "198.18.50.1").status_code == 429
    # ... but the owner logs in from their usual address, and the token they hold keeps working.
    assert page_login(student.username, DEFAULT_PASSWORD, OWNER).status_code == 302
    assert APIClient().get("/api/me/progress/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_the_owners_own_browser_gets_in_from_a_new_address_while_the_account_is_under_attack(student: User, other_student: User) -> None:
    laptop = Client()
    assert page_login(student.username, DEFAULT_PASSWORD, OWNER, client=laptop).status_code == 302  # at home
    laptop.post(reverse("logout"))
    for i in range(6):
        api_login(student.username, f"guess{i}", f"198.18.{i}.1")
        api_login(other_student.username, f"guess{i}", f"198.18.{i}.2")
    # In the exam room: a new address, but the browser the owner logged in with before.
    assert page_login(student.username, DEFAULT_PASSWORD, "192.0.2.77", client=laptop).status_code == 302
    # A browser without the mark on yet another address, or a forged mark, is refused like any stranger.
    assert page_login(student.username, DEFAULT_PASSWORD, "192.0.2.80").status_code == 429
    forged = Client()
    forged.cookies["login_device"] = "forged"
    assert page_login(student.username, DEFAULT_PASSWORD, "192.0.2.78", client=forged).status_code == 429
    # The mark names its account: it does not open another one.
    borrowed = Client()
    borrowed.cookies["login_device"] = laptop.cookies["login_device"].value
    assert page_login(other_student.username, DEFAULT_PASSWORD, "192.0.2.79", client=borrowed).status_code == 429


def test_an_ipv6_attacker_cannot_escape_the_address_limit_by_rotating_within_their_network(db: None) -> None:
    statuses = [api_login(f"spray{i}", "x", f"2001:db8:1:2::{i + 1:x}").status_code for i in range(10)]
    assert statuses == [400] * 8 + [429] * 2


def test_a_refused_login_computes_no_password_hash(student: User, hashes: list[str]) -> None:
    for i in range(8):
        page_login(f"spray{i}", "x", ATTACKER)
    hashes.clear()
    assert page_login(student.username, DEFAULT_PASSWORD, ATTACKER).status_code == 429
    assert api_login(student.username, DEFAULT_PASSWORD, ATTACKER).status_code == 429
    assert hashes == []


def test_password_checks_beyond_the_concurrency_cap_are_refused_without_hashing(student: User, hashes: list[str], settings: Any) -> None:
    from django.core.cache import cache

    settings.LOGIN_CONCURRENT_CHECKS = 2
    # Two checks are running in other web processes right now (their slots are in the shared cache).
    cache.set_many({"login:slot:0": "other-process", "login:slot:1": "other-process"}, timeout=30)
    busy = api_login(student.username, DEFAULT_PASSWORD, OWNER)
    assert busy.status_code == 429
    assert busy.json()["code"] == "login_busy"
    assert int(busy["Retry-After"]) > 0
    assert hashes == []
    cache.delete("login:slot:1")
    assert api_login(student.username, DEFAULT_PASSWORD, OWNER).status_code == 200


def test_the_django_admin_login_obeys_the_same_limits(student: User, hashes: list[str]) -> None:
    for i in range(8):
        page_login(f"spray{i}", "x", ATTACKER)
    hashes.clear()
    response = Client().post("/admin/login/", {"username": student.username, "password": DEFAULT_PASSWORD}, **via_proxy(ATTACKER))
    assert response.status_code == 200  # the admin's own form, with its error
    assert hashes == []


def test_the_limits_expire_after_the_window(student: User, settings: Any) -> None:
    import time_machine

    with time_machine.travel("2026-12-01 09:00:00", tick=False) as traveller:
        for i in range(8):
            page_login(f"spray{i}", "x", ATTACKER)
        assert page_login(student.username, DEFAULT_PASSWORD, ATTACKER).status_code == 429
        traveller.shift(settings.LOGIN_WINDOW_SECONDS + 1)
        assert page_login(student.username, DEFAULT_PASSWORD, ATTACKER).status_code == 302


def test_the_counts_are_shared_between_processes(tmp_path: Path) -> None:
    """Two separate Python processes with the default settings (no environment but a scratch
    directory): failures recorded by one are refused by the other."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DEBUG": "1", "STRATEGIKON_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"})
    script = (
        "import sys, django; django.setup()\n"
        "from django.core.cache import cache\n"
        "from django.test import RequestFactory\n"
        "from config import login_guard\n"
        "request = RequestFactory().post('/login/', REMOTE_ADDR='198.51.100.7')\n"
        "if sys.argv[1] == 'fail':\n"
        "    for _ in range(5): login_guard.failure_record(request=request, username='victim')\n"
        "else:\n"
        "    print(login_guard.login_check(request=request, username='victim').code)\n"
        "    keys = login_guard._keys(request, 'victim')\n"
        "    cache.delete_many([keys.pair, keys.address, keys.account, keys.site])  # a shared Redis outlives the test\n"
    )

    def run(mode: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, mode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    run("fail")
    assert run("check") == "locked_out"


# --- what held, kept holding ----------------------------------------------------------------------


def test_logging_in_gives_a_new_session_key(student: User) -> None:
    client = Client()
    client.get(reverse("login"))
    client.cookies["sessionid"] = "attacker-chosen-session-key"
    page_login(student.username, DEFAULT_PASSWORD, OWNER, client=client)
    assert client.cookies["sessionid"].value != "attacker-chosen-session-key"
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_login_form_needs_its_csrf_token(student: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": student.username, "password": DEFAULT_PASSWORD}, **via_proxy(OWNER))
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"])
def test_next_never_redirects_off_site_after_login(student: User, target: str) -> None:
    response = Client().post(
        reverse("login") + "?next=" + target,
        {"username": student.username, "password": DEFAULT_PASSWORD, "next": target},
        **via_proxy(OWNER),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_next_within_the_site_is_followed(student: User) -> None:
    response = Client().post(
        reverse("login"), {"username": student.username, "password": DEFAULT_PASSWORD, "next": "/progress/"}, **via_proxy(OWNER)
    )
    assert response["Location"] == "/progress/"


def test_an_unknown_user_and_a_wrong_password_answer_alike(student: User) -> None:
    wrong = api_login(student.username, "nope", OWNER)
    unknown = api_login("nobody-here", "nope", OWNER)
    assert (wrong.status_code, wrong.json()) == (unknown.status_code, unknown.json())
