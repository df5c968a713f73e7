"""The OpenAPI document at /api/schema/ is valid and describes every body, errors included."""

from __future__ import annotations

from typing import Any

import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from courseware.models import User
from quizzes.questiontypes import RULES

pytestmark = pytest.mark.django_db

# Operations that take no body by design: the path says everything.
NO_BODY = {
    ("/api/quizzes/{quiz_id}/attempts/", "post"),
    ("/api/attempts/{attempt_id}/submit/", "post"),
    ("/api/banks/{bank_id}/delete/", "post"),
    ("/api/questions/{question_id}/approve/", "post"),
    ("/api/questions/{question_id}/retire/", "post"),
    ("/api/lessons/{lesson_id}/delete/", "post"),
    ("/api/lessons/{lesson_id}/completion/", "put"),  # the URL says it all: this user, this lesson, done
    ("/api/quizzes/{quiz_id}/marking/release/", "post"),
}


@pytest.fixture
def schema(student: User) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(student)
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_are_not_served_to_anonymous_visitors(path: str) -> None:
    response = APIClient().get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_the_schema_is_valid_openapi_3(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_every_success_response_has_a_described_body(schema: dict[str, Any]) -> None:
    undocumented = []
    for path, method, op in _operations(schema):
        success = {code: r for code, r in op["responses"].items() if code.startswith("2")}
        if not success or any(code != "204" and not r.get("content") for code, r in success.items()):
            undocumented.append(f"{method.upper()} {path}")
    assert undocumented == []


def test_every_write_describes_its_request_body(schema: dict[str, Any]) -> None:
    missing = [
        f"{m.upper()} {p}"
        for p, m, op in _operations(schema)
        if m in {"post", "put", "patch"} and (p, m) not in NO_BODY and "requestBody" not in op
    ]
    assert missing == []


def test_every_operation_documents_the_json_error_body(schema: dict[str, Any]) -> None:
    for path, method, op in _operations(schema):
        for code in ("401", "403", "404"):
            assert op["responses"][code]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, (
                path,
                method,
                code,
            )
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail", "code"}


def test_the_answer_body_describes_the_shape_for_each_question_type(schema: dict[str, Any]) -> None:
    op = schema["paths"]["/api/attempts/{attempt_id}/responses/{question_id}/"]["put"]
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    answer = schema["components"]["schemas"][ref]["properties"]["answer"]
    assert {variant["title"] for variant in answer["anyOf"]} == set(RULES)
    assert "required" in schema["components"]["schemas"][ref] and "answer" in schema["components"]["schemas"][ref]["required"]


def test_fields_a_client_must_not_set_are_read_only_or_absent_in_request_bodies(schema: dict[str, Any]) -> None:
    settable = []
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("Request"):
            continue
        for field in (
            "score",
            "max_score",
            "percent",
            "passed",
            "owner",
            "state",
            "grade",
            "user",
            "fraction",
            "graded_at",
            "submitted_at",
        ):
            if field in component.get("properties", {}):
                settable.append(f"{name}.{field}")
    # An answer is the only thing a student sends; the points it earns are the grader's.
    assert set(schema["components"]["schemas"]["ResponseSaveInputRequest"]["properties"]) == {"answer"}
    assert settable == []


def test_the_quiz_taking_paths_are_exactly_those_promised(schema: dict[str, Any]) -> None:
    paths = schema["paths"]
    assert "post" in paths["/api/auth/token/"]
    assert "get" in paths["/api/quizzes/"]
    assert "post" in paths["/api/quizzes/{quiz_id}/attempts/"]
    assert "put" in paths["/api/attempts/{attempt_id}/responses/{question_id}/"]
    assert "202" in paths["/api/attempts/{attempt_id}/submit/"]["post"]["responses"]
    state = paths["/api/attempts/{attempt_id}/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[
        -1
    ]
    state_schema = schema["components"]["schemas"][state]["properties"]["state"]
    ref = state_schema.get("$ref") or state_schema["allOf"][0]["$ref"]
    enum = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["enum"]
    assert enum == ["in_progress", "submitted", "graded"]


def test_the_browsable_docs_are_served_without_any_cdn(student: Any) -> None:
    client = APIClient()
    client.force_login(student)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()


def test_the_question_schema_documents_quality_groups_and_the_typo_flag(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    listed = components["BankQuestionOutput"]["properties"]
    for field in ("quality", "quality_notes", "exclusion_group", "key_terms", "group_size", "is_group_best"):
        assert field in listed, field
    key_variants = {v["title"]: v for v in components["QuestionOutput"]["properties"]["answer"]["anyOf"]}
    assert set(key_variants) == set(RULES)
    assert key_variants["cloze"]["properties"]["typo_tolerance"]["type"] == "boolean"
    assert key_variants["short_answer"]["properties"]["typo_tolerance"]["default"] is True
    assert "exclusion_group" in components["QuestionInputRequest"]["properties"]
