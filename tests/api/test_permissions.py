"""Every endpoint x every action x every member of the cast, with the status each one gets.

Reading a row: ``anonymous`` has no credentials; ``student`` / ``instructor`` belong to the
course the object lives in; ``other_student`` / ``other_instructor`` belong to another course;
``admin`` is a site admin. Objects of a course the caller has nothing to do with answer 404
(never 403, so ids reveal nothing); 403 means the caller's *role* may not do this at all,
whatever the id, which reveals nothing either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.api.conftest import ROLES, World, statuses, token_client

pytestmark = pytest.mark.django_db


EVERYONE_SIGNED_IN = statuses(student=200, other_student=200, instructor=200, other_instructor=200, admin=200)
MEMBERS_OF_THE_COURSE = statuses(student=200, other_student=404, instructor=200, other_instructor=404, admin=200)
TEACHERS_OF_THE_COURSE = statuses(student=404, other_student=404, instructor=200, other_instructor=404, admin=200)
LIBRARY = statuses(student=200, other_student=404, instructor=200, other_instructor=200, admin=200)
ADMINS_ONLY = statuses(student=403, other_student=403, instructor=403, other_instructor=403, admin=201)


def teaching(ok: int) -> dict[str, int]:
    """Instructor work on the course's objects: students refused by role, other courses' instructors by object."""
    return statuses(student=403, other_student=403, instructor=ok, other_instructor=404, admin=ok)


# Banks hold answer keys: students are refused by role (403, whatever the id); instructors
# reach only their own courses' banks (404 for others').
INSTRUCTORS_ONLY = statuses(student=403, other_student=403, instructor=200, other_instructor=200, admin=200)
BANK_OF_THE_COURSE = statuses(student=403, other_student=403, instructor=200, other_instructor=404, admin=200)
BANK_OF_THE_COURSE_CREATED = {**BANK_OF_THE_COURSE, "instructor": 201, "admin": 201}
# Import and export go through the bank fetch alone (no role check first): 404 for students too.
BANK_FOR_ITS_TEACHERS = statuses(student=404, other_student=404, instructor=200, other_instructor=404, admin=200)
BANK_FOR_ITS_TEACHERS_CREATED = {**BANK_FOR_ITS_TEACHERS, "instructor": 201, "admin": 201}
# Only the student who took the attempt may answer or submit it; staff can read it, not act in it.
OWNER_ONLY = statuses(student=200, other_student=404, instructor=404, other_instructor=404, admin=404)


def _upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = b"Allied air defence\n\nIn 2024 the allies delivered more Patriot batteries to Ukraine than in any year before.\n"
    return {"file": SimpleUploadedFile("air-defence.txt", text, content_type="text/plain"), "kind": "news"}


def _image_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.quizzes.images import png

    return {"file": SimpleUploadedFile("map.png", png(), content_type="image/png"), "alt": "a map"}


def _gift_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = b"::Founding:: NATO was founded in 1949. {T}\n"
    return {"file": SimpleUploadedFile("nato.gift", text, content_type="text/plain"), "format": "gift"}


def _essay_file_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("essay.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")}


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    url: str  # formatted with World.ids
    expect: dict[str, int]
    body: Callable[[World], Any] | None = None
    format: str = "json"
    extra: dict[str, Any] = field(default_factory=dict)


ENDPOINTS: list[Endpoint] = [
    # The API's description is for its users, students included (it names no object), not for
    # anonymous scanners (F18).
    Endpoint("schema", "get", "/api/schema/", EVERYONE_SIGNED_IN),
    Endpoint("docs", "get", "/api/docs/", EVERYONE_SIGNED_IN),
    Endpoint("course-list", "get", "/api/courses/", EVERYONE_SIGNED_IN),
    Endpoint("course-detail", "get", "/api/courses/{course}/", MEMBERS_OF_THE_COURSE),
    Endpoint("module-list", "get", "/api/modules/", EVERYONE_SIGNED_IN),
    Endpoint("module-detail", "get", "/api/modules/{module}/", MEMBERS_OF_THE_COURSE),
    # A draft module is the instructors' business until it is published.
    Endpoint("draft-module-detail", "get", "/api/modules/{draft_module}/", TEACHERS_OF_THE_COURSE),
    Endpoint("lesson-list", "get", "/api/lessons/", EVERYONE_SIGNED_IN),
    Endpoint("lesson-detail", "get", "/api/lessons/{lesson}/", MEMBERS_OF_THE_COURSE),
    Endpoint("lesson-completion", "put", "/api/lessons/{lesson}/completion/", MEMBERS_OF_THE_COURSE),
    Endpoint("reading-list", "get", "/api/readings/", EVERYONE_SIGNED_IN),
    # Instructors build lessons from the whole library; students see their courses' readings.
    Endpoint("reading-detail", "get", "/api/readings/{reading}/", LIBRARY),
    Endpoint("section-list", "get", "/api/sections/", EVERYONE_SIGNED_IN),
    Endpoint("section-detail", "get", "/api/sections/{section}/", LIBRARY),
    # Generation progress is the question makers' business: not students'.
    Endpoint("reading-generation", "get", "/api/readings/{reading}/generation/", INSTRUCTORS_ONLY),
    Endpoint("reading-import", "post", "/api/readings/import/", ADMINS_ONLY, body=_upload, format="multipart"),
    # The course builder.
    Endpoint(
        "course-create",
        "post",
        "/api/courses/create/",
        statuses(student=403, other_student=403, instructor=201, other_instructor=201, admin=201),
        body=lambda w: {"title": "Deterrence"},
    ),
    Endpoint(
        "module-reorder",
        "post",
        "/api/courses/{course}/modules/reorder/",
        teaching(204),
        body=lambda w: {"module_ids": [w.draft_module.pk, w.module.pk]},
    ),
    Endpoint("module-create", "post", "/api/modules/create/", teaching(201), body=lambda w: {"course": w.course.pk, "title": "Week 2"}),
    Endpoint("module-update", "post", "/api/modules/{module}/update/", teaching(200), body=lambda w: {"title": "Aid, revisited"}),
    Endpoint("module-publish", "post", "/api/modules/{module}/publish/", teaching(200), body=lambda w: {"is_published": False}),
    Endpoint("lessons-build", "post", "/api/modules/{module}/lessons/build/", teaching(201), body=lambda w: {}),
    Endpoint("lessons-rebuild", "post", "/api/modules/{module}/lessons/rebuild/", teaching(201), body=lambda w: {"reading": w.reading.pk}),
    Endpoint(
        "lesson-reorder", "post", "/api/modules/{module}/lessons/reorder/", teaching(204), body=lambda w: {"lesson_ids": [w.lesson.pk]}
    ),
    Endpoint("lesson-update", "post", "/api/lessons/{lesson}/update/", teaching(200), body=lambda w: {"title": "Military aid, edited"}),
    Endpoint("lesson-delete", "post", "/api/lessons/{lesson}/delete/", teaching(204)),
    # Quiz taking.
    Endpoint("quiz-list", "get", "/api/quizzes/", EVERYONE_SIGNED_IN),
    Endpoint("quiz-detail", "get", "/api/quizzes/{quiz}/", MEMBERS_OF_THE_COURSE),
    # Instructors may try their own course's quiz out; the student gets back the attempt already in progress.
    Endpoint(
        "attempt-start",
        "post",
        "/api/quizzes/{quiz}/attempts/",
        statuses(student=201, other_student=404, instructor=201, other_instructor=404, admin=201),
    ),
    Endpoint("attempt-list", "get", "/api/attempts/", EVERYONE_SIGNED_IN),
    Endpoint("attempt-detail", "get", "/api/attempts/{attempt}/", MEMBERS_OF_THE_COURSE),
    Endpoint("attempt-responses", "get", "/api/attempts/{attempt}/responses/", MEMBERS_OF_THE_COURSE),
    Endpoint("response-save", "put", "/api/attempts/{attempt}/responses/{question}/", OWNER_ONLY, body=lambda w: {"answer": "c2"}),
    Endpoint("response-flag", "put", "/api/attempts/{attempt}/responses/{question}/flag/", OWNER_ONLY, body=lambda w: {"flagged": True}),
    Endpoint("attempt-submit", "post", "/api/attempts/{attempt}/submit/", {**OWNER_ONLY, "student": 202}),
    # The push channel (issue 18): nothing to wait for but one's own grade; the wait ends by its timeout here.
    Endpoint("attempt-events", "get", "/api/attempts/{attempt}/events/", OWNER_ONLY),
    # The world's question is no essay, so even its student is refused the file (400); the
    # attachments themselves, and who may download one, are tested in
    # tests/quizzes/test_essay_attachments.py.
    Endpoint(
        "response-file",
        "put",
        "/api/attempts/{attempt}/responses/{question}/file/",
        {**OWNER_ONLY, "student": 400},
        body=_essay_file_upload,
        format="multipart",
    ),
    Endpoint("response-file", "delete", "/api/attempts/{attempt}/responses/{question}/file/", {**OWNER_ONLY, "student": 400}),
    Endpoint(
        "response-file-download",
        "get",
        "/api/responses/{response}/file/",
        statuses(student=404, other_student=404, instructor=404, other_instructor=404, admin=404),
    ),
    # Instructors' views of their course's data.
    Endpoint("gradebook", "get", "/api/courses/{course}/gradebook/", TEACHERS_OF_THE_COURSE),
    Endpoint("gradebook-csv", "get", "/api/courses/{course}/gradebook.csv", TEACHERS_OF_THE_COURSE),
    Endpoint("student-detail", "get", "/api/courses/{course}/students/{student}/", TEACHERS_OF_THE_COURSE),
    Endpoint("item-statistics", "get", "/api/quizzes/{quiz}/item-statistics/", TEACHERS_OF_THE_COURSE),
    # Essay marking: students refused by role, other courses' instructors by object.
    Endpoint("marking-queue", "get", "/api/quizzes/{quiz}/marking/", teaching(200)),
    Endpoint("marking-release", "post", "/api/quizzes/{quiz}/marking/release/", teaching(200)),
    # The world's response is no essay of a graded attempt: nobody marks it (the marking itself
    # is tested in tests/quizzes/test_essays.py).
    Endpoint(
        "essay-mark",
        "post",
        "/api/responses/{response}/mark/",
        statuses(student=403, other_student=403, instructor=404, other_instructor=404, admin=404),
        body=lambda w: {"points": "1", "version": 0},
    ),
    # Quiz authoring: the same rule as banks (students by role, other courses by object).
    Endpoint(
        "quiz-create",
        "post",
        "/api/quizzes/create/",
        BANK_OF_THE_COURSE_CREATED,
        body=lambda w: {"module": w.module.pk, "title": "New quiz", "fixed_questions": [w.question.pk]},
    ),
    Endpoint("quiz-update", "post", "/api/quizzes/{quiz}/update/", BANK_OF_THE_COURSE, body=lambda w: {"title": "Renamed quiz"}),
    # Question banks and review.
    Endpoint("bank-list", "get", "/api/banks/", INSTRUCTORS_ONLY),
    Endpoint(
        "bank-create", "post", "/api/banks/create/", BANK_OF_THE_COURSE_CREATED, body=lambda w: {"name": "New bank", "course": w.course.pk}
    ),
    Endpoint("bank-detail", "get", "/api/banks/{bank}/", BANK_OF_THE_COURSE),
    Endpoint("bank-update", "post", "/api/banks/{bank}/update/", BANK_OF_THE_COURSE, body=lambda w: {"name": "Renamed bank"}),
    Endpoint("bank-delete", "post", "/api/banks/{empty_bank}/delete/", {**BANK_OF_THE_COURSE, "instructor": 204, "admin": 204}),
    Endpoint("bank-copy", "post", "/api/banks/{bank}/copy/", BANK_OF_THE_COURSE_CREATED, body=lambda w: {"course": w.course.pk}),
    Endpoint("bank-questions", "get", "/api/banks/{bank}/questions/", BANK_OF_THE_COURSE),
    Endpoint(
        "question-create",
        "post",
        "/api/banks/{bank}/questions/create/",
        BANK_OF_THE_COURSE_CREATED,
        body=lambda w: {"type": "true_false", "stem": "Article 5 covers partners.", "answer": {"correct": False}},
    ),
    Endpoint("bank-bulk-approve", "post", "/api/banks/{bank}/approve/", BANK_OF_THE_COURSE, body=lambda w: {"questions": [w.question.pk]}),
    # Import and export of a bank: the bank fetch decides, so students get 404 like anyone else
    # the bank is not theirs to manage (an export holds the answer keys).
    Endpoint("bank-import", "post", "/api/banks/{bank}/import/", BANK_FOR_ITS_TEACHERS_CREATED, body=_gift_upload, format="multipart"),
    Endpoint("bank-export", "get", "/api/banks/{bank}/export/?fmt=moodle-xml", BANK_FOR_ITS_TEACHERS),
    Endpoint("question-detail", "get", "/api/questions/{question}/", BANK_OF_THE_COURSE),
    Endpoint("question-versions", "get", "/api/questions/{question}/versions/", BANK_OF_THE_COURSE),
    Endpoint(
        "question-edit",
        "post",
        "/api/questions/{question}/edit/",
        BANK_OF_THE_COURSE_CREATED,
        body=lambda w: {"stem": "Which system came first?"},
    ),
    Endpoint(
        "question-image-add",
        "post",
        "/api/questions/{question}/images/",
        BANK_OF_THE_COURSE_CREATED,
        body=_image_upload,
        format="multipart",
    ),
    Endpoint("question-approve", "post", "/api/questions/{question}/approve/", BANK_OF_THE_COURSE),
    Endpoint("question-retire", "post", "/api/questions/{question}/retire/", BANK_OF_THE_COURSE),
    # A student's own progress and practice: everyone has their own, nobody sees anyone else's.
    Endpoint("my-progress", "get", "/api/me/progress/", EVERYONE_SIGNED_IN),
    Endpoint("my-practice", "get", "/api/me/practice/", EVERYONE_SIGNED_IN),
    # Nothing is due in this world: members of the course get 409 "nothing due", outsiders 404.
    Endpoint(
        "practice-quiz-build",
        "post",
        "/api/me/practice/quizzes/",
        statuses(student=409, other_student=404, instructor=409, other_instructor=404, admin=409),
        body=lambda w: {"course": w.course.pk},
    ),
]


CELLS = [(endpoint, role) for endpoint in ENDPOINTS for role in ROLES]


@pytest.mark.parametrize(("endpoint", "role"), CELLS, ids=[f"{e.name}-{e.method}-{r}" for e, r in CELLS])
def test_each_member_of_the_cast_gets_the_expected_status(endpoint: Endpoint, role: str, world: World, cast: dict[str, Any]) -> None:
    client = token_client(cast[role])
    url = endpoint.url.format(**world.ids)
    kwargs: dict[str, Any] = dict(endpoint.extra)
    if endpoint.body is not None:
        kwargs["data"] = endpoint.body(world)
        kwargs["format"] = endpoint.format
    response = getattr(client, endpoint.method)(url, **kwargs)
    assert response.status_code == endpoint.expect[role], response.content[:500]
    if response.status_code >= 400:
        body = response.json()
        assert set(body) >= {"detail", "code"}, body


@pytest.mark.parametrize("role", ROLES)
def test_each_member_of_the_cast_gets_a_token_for_their_own_credentials_only(role: str, cast: dict[str, Any], password: str) -> None:
    from rest_framework.test import APIClient

    user = cast[role]
    credentials = {"username": user.username, "password": password} if user else {"username": "nobody", "password": password}
    response = APIClient().post("/api/auth/token/", credentials, format="json")
    assert response.status_code == (200 if user else 400)
    if user:
        assert token_client(None).get("/api/courses/", HTTP_AUTHORIZATION=f"Token {response.json()['token']}").status_code == 200


def test_the_table_covers_every_api_route() -> None:
    """A new endpoint cannot be added without a row in the table above."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[Any], prefix: str = "") -> list[str]:
        out: list[str] = []
        for p in patterns:
            if isinstance(p, URLResolver):
                out += walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                out.append(prefix + str(p.pattern))
        return out

    routes = {r for r in walk(get_resolver().url_patterns) if r.startswith("api/")}
    routes -= {"api/^.*$", "api/auth/token/"}  # the catch-all 404, and the token (its own test below)
    table = {_route_of(e.url) for e in ENDPOINTS}
    assert routes - table == set()


def _route_of(url: str) -> str:
    import re

    def placeholder(match: re.Match[str]) -> str:
        return "<id:" + _PARAM_NAMES.get(match.group(1), match.group(1) + "_id") + ">"

    return re.sub(r"\{(\w+)\}", placeholder, url.removeprefix("/").split("?")[0])


# Which URL parameter each world id fills, when it is not simply "<name>_id".
_PARAM_NAMES: dict[str, str] = {"draft_module": "module_id", "question": "question_id", "empty_bank": "bank_id"}
