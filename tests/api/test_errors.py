"""Every 4xx of the API is JSON ``{"detail": ..., "code": ...}``; abuse limits answer 413 / 429."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from config.api import API_MAX_BODY_BYTES, AttemptStartThrottle, TokenThrottle
from courseware.models import User
from tests.api.conftest import World, token_client
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def _error(response) -> dict:  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["code"], str) and body["code"]
    return body


def test_no_credentials_is_a_401_that_names_the_token_scheme(world: World) -> None:
    response = APIClient().get("/api/quizzes/")
    assert response.status_code == 401
    assert _error(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


def test_a_bad_token_is_a_401(world: World) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/quizzes/")
    assert response.status_code == 401
    assert _error(response)["code"] == "authentication_failed"


def test_an_unknown_path_under_api_is_a_json_404(student: User) -> None:
    response = token_client(student).get("/api/no-such-thing/")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_a_wrong_method_is_a_json_405(world: World, student: User) -> None:
    response = token_client(student).get(f"/api/attempts/{world.attempt.pk}/submit/")
    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"


def test_malformed_json_is_a_400_parse_error(world: World, student: User) -> None:
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    response = token_client(student).put(url, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert _error(response)["code"] == "parse_error"


def test_an_unsupported_media_type_is_a_415(world: World, student: User) -> None:
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    response = token_client(student).put(url, data="answer=c1", content_type="text/plain")
    assert response.status_code == 415
    assert _error(response)["code"] == "unsupported_media_type"


def test_a_body_over_the_limit_is_a_413_before_it_is_parsed(world: World, student: User) -> None:
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    huge = json.dumps({"answer": "x" * (API_MAX_BODY_BYTES + 1)})
    response = token_client(student).put(url, data=huge, content_type="application/json")
    assert response.status_code == 413
    assert _error(response)["code"] == "request_too_large"


@override_settings(READING_MAX_BYTES=2048)
def test_an_upload_over_the_reading_limit_is_refused_with_the_import_services_message(admin: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("big.txt", b"word " * 1000, content_type="text/plain")
    response = token_client(admin).post("/api/readings/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert "larger than the import limit" in _error(response)["detail"]


def test_validation_errors_name_the_field(world: World, student: User) -> None:
    response = token_client(student).post("/api/me/practice/quizzes/", {"course": "abc"}, format="json")
    assert response.status_code == 400
    body = _error(response)
    assert body["code"] == "invalid"
    assert list(body["errors"]) == ["course"]


def test_token_creation_is_throttled(student: User) -> None:
    client = APIClient()
    allowed = TokenThrottle().num_requests
    credentials = {"username": student.username, "password": DEFAULT_PASSWORD}
    statuses = [client.post("/api/auth/token/", credentials, format="json").status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [200] * allowed
    assert statuses[-1] == 429
    response = client.post("/api/auth/token/", credentials, format="json")
    assert _error(response)["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_the_token_throttle_counts_the_address_the_proxy_saw_not_the_one_the_client_claims(student: User, settings: Any) -> None:
    # As the review did: a fresh X-Forwarded-For on every request; the proxy appends the real address.
    settings.TRUSTED_PROXY_COUNT = 1
    client = APIClient()
    allowed = TokenThrottle().num_requests
    credentials = {"username": student.username, "password": DEFAULT_PASSWORD}
    statuses = [
        client.post(
            "/api/auth/token/", credentials, format="json", REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR=f"198.18.0.{i}, 203.0.113.9"
        ).status_code
        for i in range(allowed + 1)
    ]
    assert statuses[:allowed] == [200] * allowed
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    "body",
    [
        '{"username": ' + "[" * 50_000 + "]" * 50_000 + ', "password": "x"}',
        '{"username": ' + '{"a":' * 20_000 + "1" + "}" * 20_000 + ', "password": "x"}',
    ],
    ids=["arrays", "objects"],
)
def test_deeply_nested_json_is_a_json_400_even_without_login(body: str) -> None:
    # As the review sent it: about 100 KB, under the body limit, to the public token endpoint.
    response = APIClient().post("/api/auth/token/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert _error(response)["code"] == "parse_error"


def test_deeply_nested_json_in_an_answer_is_a_json_400(world: World, student: User) -> None:
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    response = token_client(student).put(url, data='{"answer": ' + "[" * 50_000 + "]" * 50_000 + "}", content_type="application/json")
    assert response.status_code == 400
    assert _error(response)["code"] == "parse_error"


def test_json_nested_a_little_deeper_than_any_body_needs_is_refused_too(world: World, student: User) -> None:
    # Deep enough to reach code that recurses, shallow enough for json.loads.
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    response = token_client(student).put(url, data='{"answer": ' + "[" * 900 + "]" * 900 + "}", content_type="application/json")
    assert response.status_code == 400
    assert _error(response)["code"] == "parse_error"


def test_repeated_wrong_passwords_lock_the_account_out_with_a_429(student: User) -> None:
    client = APIClient()
    wrong = {"username": student.username, "password": "not-the-password"}
    limit = settings.LOGIN_FAILURE_LIMIT
    statuses = [client.post("/api/auth/token/", wrong, format="json").status_code for _ in range(limit)]
    # The failure that reaches the limit already answers "locked out".
    assert statuses == [400] * (limit - 1) + [429]
    response = client.post("/api/auth/token/", {"username": student.username, "password": DEFAULT_PASSWORD}, format="json")
    assert response.status_code == 429
    assert _error(response)["code"] == "locked_out"


def test_attempt_starts_are_throttled_per_user(world: World, student: User) -> None:
    client = token_client(student)
    allowed = AttemptStartThrottle().num_requests
    statuses = [client.post(f"/api/quizzes/{world.quiz.pk}/attempts/").status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [201] * allowed
    assert statuses[-1] == 429
    # Another student is not slowed down by the first one's starts.
    assert (
        token_client(world.course.enrollments.get(role="instructor").user).post(f"/api/quizzes/{world.quiz.pk}/attempts/").status_code
        == 201
    )


def test_a_form_with_too_many_fields_is_a_json_400_not_an_html_page() -> None:
    # Found by schemathesis: Django refuses the form while DRF parses it.
    body = "&".join(f"f{i}=x" for i in range(1200)) + "&username=a&password=b"
    response = APIClient().post("/api/auth/token/", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert _error(response)["code"] == "parse_error"


def test_endpoints_other_than_login_and_upload_accept_only_json(world: World, student: User) -> None:
    url = f"/api/attempts/{world.attempt.pk}/responses/{world.question.pk}/"
    response = token_client(student).put(url, data="answer=c1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_a_username_with_a_nul_byte_is_a_400(student: User) -> None:
    # Found by schemathesis on PostgreSQL, whose text fields refuse NUL bytes.
    response = APIClient().post("/api/auth/token/", {"username": "stu\x00dent", "password": "x"}, format="json")
    assert response.status_code == 400
    assert "username" in _error(response)["errors"]


def test_an_import_queues_question_generation_and_reports_the_new_reading(admin: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quizzes.models import GenerationJob

    text = b"Enhanced Forward Presence\n\nNATO deployed battlegroups to Estonia, Latvia, Lithuania and Poland in 2017.\n"
    upload = SimpleUploadedFile("efp.txt", text, content_type="text/plain")
    response = token_client(admin).post("/api/readings/import/", {"file": upload, "kind": "news"}, format="multipart")
    assert response.status_code == 201, response.content
    reading_id = response.json()["reading"]["id"]
    assert GenerationJob.objects.get(reading_id=reading_id).state == GenerationJob.State.QUEUED
    again = token_client(admin).post(
        "/api/readings/import/", {"file": SimpleUploadedFile("efp.txt", text, content_type="text/plain")}, format="multipart"
    )
    assert (again.status_code, again.json()["created"], again.json()["reading"]["id"]) == (200, False, reading_id)
    progress = token_client(admin).get(f"/api/readings/{reading_id}/generation/").json()
    assert progress["state"] == "queued"


def test_a_path_without_its_trailing_slash_gets_a_hint(student: User) -> None:
    response = token_client(student).get("/api/quizzes")
    assert response.status_code == 404
    assert _error(response)["detail"].endswith("/api/quizzes/")


def test_an_upload_far_over_the_limit_is_a_413_before_it_is_read(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from courseware.apis.readings import ReadingImportApi

    monkeypatch.setattr(ReadingImportApi, "max_body_bytes", 4096)
    upload = SimpleUploadedFile("big.txt", b"word " * 2000, content_type="text/plain")
    response = token_client(admin).post("/api/readings/import/", {"file": upload}, format="multipart")
    assert response.status_code == 413
    assert _error(response)["code"] == "request_too_large"
