"""No answer key, correctness or explanation reaches a student before the review policy allows.

For each of the eight question types a student takes a quiz whose policy shows nothing, through
every student-facing endpoint (start, answer, poll, list, submit, poll after grading, progress,
practice, the question-bank endpoints). The student answers wrongly, so any appearance of the
right answer can only be a leak. A positive control shows the same probe does find the key
once the policy allows it, so the probe is not blind.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from courseware.models import Course, Module, User
from quizzes.models import Fact, Question, QuestionType, Quiz, QuizQuestion
from quizzes.services.grading import attempt_grade
from tests.api.conftest import token_client
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, ReadingFactory, SectionFactory

pytestmark = pytest.mark.django_db

# type -> (factory trait, a wrong answer)
TYPES: dict[str, tuple[str | None, Any]] = {
    QuestionType.SINGLE_CHOICE: (None, "c2"),
    QuestionType.MULTIPLE_RESPONSE: ("multiple_response", ["c3"]),
    QuestionType.TRUE_FALSE: ("true_false", False),
    QuestionType.CLOZE: ("cloze", "Patriot"),
    QuestionType.NUMERIC: ("numeric", 1),
    QuestionType.MATCHING: ("matching", {"l1": "r2", "l2": "r1"}),
    QuestionType.ORDERING: ("ordering", ["o3", "o2", "o1"]),
    QuestionType.SHORT_ANSWER: ("short_answer", "Rutte"),
}

# Fields that carry the key, correctness or feedback: they must be absent or null.
SECRET_FIELDS = {
    "correct",
    "correct_answer",
    "fraction",
    "feedback",
    "source_passage",
    "explanation",
    "accepted",
    "pairs",
    "weights",
    "tolerance",
}
# With a "nothing" policy the score itself is hidden too.
SCORE_FIELDS = {"score", "percent", "passed"}


def _question(bank: Any, type_: str, fact: Fact) -> Question:
    trait, _ = TYPES[type_]
    kwargs: dict[str, Any] = {trait: True} if trait else {}
    if type_ == QuestionType.NUMERIC:
        # A distinctive key, so finding "281.5" anywhere in a body can only be the key.
        kwargs["answer"] = {"value": 281.5, "tolerance": 0.25, "unit": "billion USD"}
    return QuestionFactory(
        bank=bank,
        fact=fact,
        explanation="Explained: the passage names it plainly.",
        source_passage="Passage-quoted: Ukraine received HIMARS in 2022.",
        **kwargs,
    )


def _setup(course: Course, type_: str, review: int) -> tuple[Quiz, Question, Module]:
    reading = ReadingFactory()
    section = SectionFactory(reading=reading)
    fact = Fact.objects.create(
        reading=reading,
        section=section,
        kind=Fact.Kind.SYSTEM,
        topic="air-defence",
        value="Secret-Fact-Value",
        sentence="s",
        start=0,
        end=1,
        key=f"k-{type_}",
    )
    module = ModuleFactory(course=course, reading=reading)
    bank = QuestionBankFactory(course=course, reading=reading)
    question = _question(bank, type_, fact)
    quiz = Quiz.objects.create(
        module=module, title=f"Quiz {type_}", is_published=True, review_after_submit=review, review_after_close=review
    )
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    return quiz, question, module


def _walk(value: Any, path: str = "") -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            out.append((f"{path}.{key}", key, inner))
            out += _walk(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            out += _walk(inner, f"{path}[{i}]")
    return out


def _secrets_in(body: Any, question: Question, *, hide_score: bool) -> list[str]:
    """Everything in ``body`` that gives away the key, correctness or feedback of ``question``."""
    found = []
    text = json.dumps(body)
    forbidden = SECRET_FIELDS | (SCORE_FIELDS if hide_score else set())
    for where, key, value in _walk(body):
        if key in forbidden and value not in (None, [], {}):
            found.append(f"{where}={value!r}")
        if key == "options" and question.type == QuestionType.ORDERING and [o["id"] for o in value] == question.answer["order"]:
            found.append(f"{where} lists the items in the right order")
        if question.type == QuestionType.MATCHING and value == question.answer["pairs"]:
            found.append(f"{where} holds the matching key")
    for secret in [question.explanation, question.source_passage, "Secret-Fact-Value", *question.answer.get("accepted", [])]:
        if secret and secret in text:
            found.append(f"the text {secret!r}")
    if question.type == QuestionType.NUMERIC and "281.5" in text:
        found.append("the numeric key 281.5")
    if json.dumps(question.answer) in text:
        found.append("the serialized key")
    return found


def _student_journey(client: APIClient, quiz: Quiz, question: Question, bank_id: int) -> list[tuple[str, Any]]:
    """Every student-facing endpoint, in the order a student meets them; (label, body) pairs."""
    bodies: list[tuple[str, Any]] = []

    def hit(label: str, method: str, url: str, expected: int, **kwargs: Any) -> Any:
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == expected, (label, response.content[:300])
        body = response.json()
        bodies.append((label, body))
        return body

    hit("quiz list", "get", "/api/quizzes/", 200)
    hit("quiz detail", "get", f"/api/quizzes/{quiz.pk}/", 200)
    attempt = hit("start", "post", f"/api/quizzes/{quiz.pk}/attempts/", 201)
    url = f"/api/attempts/{attempt['id']}"
    _, wrong = TYPES[question.type]
    hit("save answer", "put", f"{url}/responses/{question.pk}/", 200, data={"answer": wrong}, format="json")
    hit("responses", "get", f"{url}/responses/", 200)
    hit("poll in progress", "get", f"{url}/", 200)
    hit("submit", "post", f"{url}/submit/", 202)
    hit("poll submitted", "get", f"{url}/", 200)
    attempt_grade(attempt_id=attempt["id"])
    hit("poll graded", "get", f"{url}/", 200)
    hit("submit again", "post", f"{url}/submit/", 202)
    hit("responses graded", "get", f"{url}/responses/", 200)
    hit("attempt list", "get", "/api/attempts/", 200)
    hit("progress", "get", "/api/me/progress/", 200)
    hit("practice", "get", "/api/me/practice/", 200)
    practice = client.post("/api/me/practice/quizzes/", {"course": quiz.module.course_id}, format="json")
    assert practice.status_code in (201, 409), practice.content[:300]
    bodies.append(("practice quiz", practice.json()))
    for label, path in COURSEWARE_PATHS:
        hit(label, "get", path.format(course=quiz.module.course_id, module=quiz.module_id), 200)
    for label, path in BANK_PATHS:
        response = client.get(path.format(bank=bank_id, question=question.pk))
        assert response.status_code in (403, 404), (label, response.status_code)
        bodies.append((label, response.json()))
    return bodies


# The rest of what a student can read.
COURSEWARE_PATHS: list[tuple[str, str]] = [
    ("courses", "/api/courses/"),
    ("course", "/api/courses/{course}/"),
    ("modules", "/api/modules/"),
    ("module", "/api/modules/{module}/"),
    ("lessons", "/api/lessons/"),
    ("readings", "/api/readings/"),
    ("sections", "/api/sections/"),
]

# Question-bank endpoints a student might try; they must refuse without echoing anything.
BANK_PATHS: list[tuple[str, str]] = [
    ("bank list", "/api/banks/"),
    ("bank detail", "/api/banks/{bank}/"),
    ("bank questions", "/api/banks/{bank}/questions/"),
    ("question detail", "/api/questions/{question}/"),
    ("question versions", "/api/questions/{question}/versions/"),
]


@pytest.mark.parametrize("type_", list(TYPES))
def test_nothing_about_the_key_reaches_the_student_when_the_policy_shows_nothing(type_: str, course: Course, student: User) -> None:
    quiz, question, _ = _setup(course, type_, Quiz.Review.NOTHING)
    bank_id = question.bank_id
    leaks = {
        label: found
        for label, body in _student_journey(token_client(student), quiz, question, bank_id)
        if (found := _secrets_in(body, question, hide_score=True))
    }
    assert leaks == {}


@pytest.mark.parametrize("type_", list(TYPES))
def test_right_and_wrong_without_the_key_when_the_policy_shows_correctness(type_: str, course: Course, student: User) -> None:
    quiz, question, _ = _setup(course, type_, Quiz.Review.CORRECTNESS)
    bodies = _student_journey(token_client(student), quiz, question, question.bank_id)
    graded = dict(bodies)["poll graded"]
    assert graded["items"][0]["correct"] is False  # correctness is allowed now ...
    assert graded["items"][0]["correct_answer"] is None  # ... the key is not
    for label, body in bodies:
        found = [
            f for f in _secrets_in(body, question, hide_score=False) if not f.startswith((".items[0].correct=", ".items[0].fraction="))
        ]
        assert found == [], label


@pytest.mark.parametrize("type_", list(TYPES))
def test_the_probe_finds_the_key_once_the_policy_shows_answers_and_feedback(type_: str, course: Course, student: User) -> None:
    """Positive control: with a 'feedback' policy the graded attempt does show the key, so the
    probe above would have caught it."""
    quiz, question, _ = _setup(course, type_, Quiz.Review.FEEDBACK)
    bodies = dict(_student_journey(token_client(student), quiz, question, question.bank_id))
    found = _secrets_in(bodies["poll graded"], question, hide_score=True)
    assert any("correct_answer" in f for f in found)
    assert any("explanation" in f or "Explained" in f or "feedback" in f for f in found)
    assert _secrets_in(bodies["poll in progress"], question, hide_score=True) == []
