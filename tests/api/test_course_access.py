"""Who may see what as courses change (security review 2026-11-30, F11, F12, F13).

- F11: a course's student detail shows mastery from that course only, never from another
  course the student also takes (API and page);
- F12: a module's ``opens_at`` holds: before it, students reach neither the module, nor its
  lessons, nor its quizzes (API and pages); instructors still do;
- F13: a student removed from a course loses the attempt in progress there (read, save,
  submit) and the results of that course, like the course itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from courseware.models import Course, Enrollment, User
from quizzes.models import Attempt, Quiz
from quizzes.services.grading import attempt_grade
from tests.api.conftest import token_client
from tests.conftest import client_for
from tests.factories import (
    EnrollmentFactory,
    FactFactory,
    LessonFactory,
    ModuleFactory,
    QuestionBankFactory,
    QuestionFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def quiz_in(course: Course, *, topic: str = "weapons-systems", fact: Any = None, module: Any = None) -> tuple[Quiz, Any]:
    question = QuestionFactory(bank=QuestionBankFactory(course=course), topic=topic, fact=fact)
    quiz = Quiz.objects.create(module=module or ModuleFactory(course=course), title=f"Quiz on {topic}", is_published=True)
    quiz.fixed_questions.create(question=question, position=1)
    return quiz, question


def answered_wrong(client: Any, quiz: Quiz, question: Any) -> int:
    attempt_id = client.post(f"/api/quizzes/{quiz.pk}/attempts/").json()["id"]
    client.put(f"/api/attempts/{attempt_id}/responses/{question.pk}/", {"answer": "c2"}, format="json")
    client.post(f"/api/attempts/{attempt_id}/submit/")
    attempt_grade(attempt_id=attempt_id)
    return int(attempt_id)


# --- F11 -------------------------------------------------------------------------------------------------


def test_the_student_detail_shows_mastery_from_this_course_only(
    course: Course, other_course: Course, student: User, instructor: User
) -> None:
    EnrollmentFactory(course=other_course, user=student)
    client = token_client(student)
    mine, mine_question = quiz_in(course, topic="membership", fact=FactFactory())
    theirs, theirs_question = quiz_in(other_course, topic="course-b-confidential", fact=FactFactory())
    answered_wrong(client, mine, mine_question)
    answered_wrong(client, theirs, theirs_question)

    body = token_client(instructor).get(f"/api/courses/{course.pk}/students/{student.pk}/").json()
    page = client_for(instructor).get(f"/teach/courses/{course.pk}/students/{student.pk}/").content.decode()

    assert [(t["topic"], t["answered"], t["mastery"]) for t in body["topics"]] == [("membership", 1, 0.0)]
    assert body["facts_scheduled"] == 1  # the fact of this course's question, not the other course's
    assert "membership" in page and "course-b-confidential" not in page


# --- F12 -------------------------------------------------------------------------------------------------


@pytest.fixture
def future_module(course: Course) -> tuple[Any, Any, Quiz]:
    section = SectionFactory()
    module = ModuleFactory(course=course, is_published=True, reading=section.reading, opens_at=timezone.now() + dt.timedelta(days=30))
    lesson = LessonFactory(module=module, section=section, is_published=True)
    quiz, _ = quiz_in(course, module=module)
    return module, lesson, quiz


def test_a_student_reaches_nothing_of_a_module_before_it_opens(course: Course, student: User, future_module: Any) -> None:
    module, lesson, quiz = future_module
    api, pages = token_client(student), client_for(student)

    statuses = {
        "module": api.get(f"/api/modules/{module.pk}/").status_code,
        "lesson": api.get(f"/api/lessons/{lesson.pk}/").status_code,
        "quiz": api.get(f"/api/quizzes/{quiz.pk}/").status_code,
        "start": api.post(f"/api/quizzes/{quiz.pk}/attempts/").status_code,
        "module page": pages.get(f"/modules/{module.pk}/").status_code,
        "lesson page": pages.get(f"/lessons/{lesson.pk}/").status_code,
        "quiz page": pages.get(f"/quizzes/{quiz.pk}/").status_code,
    }
    listed = {
        "modules": [m["id"] for m in api.get("/api/modules/").json()["results"]],
        "lessons": [m["id"] for m in api.get("/api/lessons/").json()["results"]],
        "quizzes": [q["id"] for q in api.get("/api/quizzes/").json()["results"]],
    }

    assert statuses == dict.fromkeys(statuses, 404)
    assert module.pk not in listed["modules"] and lesson.pk not in listed["lessons"] and quiz.pk not in listed["quizzes"]
    assert not Attempt.objects.exists()


def test_a_module_opens_to_students_at_its_opening_time(course: Course, student: User, future_module: Any, time_machine: Any) -> None:
    module, lesson, quiz = future_module
    time_machine.move_to(module.opens_at + dt.timedelta(seconds=1))
    api = token_client(student)
    assert api.get(f"/api/modules/{module.pk}/").status_code == 200
    assert api.get(f"/api/lessons/{lesson.pk}/").status_code == 200
    assert api.post(f"/api/quizzes/{quiz.pk}/attempts/").status_code == 201


def test_instructors_prepare_a_module_before_it_opens(course: Course, instructor: User, future_module: Any) -> None:
    module, lesson, quiz = future_module
    api = token_client(instructor)
    assert api.get(f"/api/modules/{module.pk}/").status_code == 200
    assert api.get(f"/api/lessons/{lesson.pk}/").status_code == 200
    assert api.post(f"/api/quizzes/{quiz.pk}/attempts/").status_code == 201  # trying it out


# --- F13 -------------------------------------------------------------------------------------------------


def test_a_student_removed_from_a_course_loses_the_attempt_in_progress(course: Course, student: User) -> None:
    quiz, question = quiz_in(course)
    client = token_client(student)
    attempt_id = client.post(f"/api/quizzes/{quiz.pk}/attempts/").json()["id"]
    Enrollment.objects.filter(course=course, user=student).delete()

    statuses = {
        "poll": client.get(f"/api/attempts/{attempt_id}/").status_code,
        "questions": client.get(f"/api/attempts/{attempt_id}/responses/").status_code,
        "save": client.put(f"/api/attempts/{attempt_id}/responses/{question.pk}/", {"answer": "c1"}, format="json").status_code,
        "submit": client.post(f"/api/attempts/{attempt_id}/submit/").status_code,
        "take page": client_for(student).get(f"/attempts/{attempt_id}/").status_code,
        "answer page": client_for(student).post(f"/attempts/{attempt_id}/answer/", {"question": question.pk}).status_code,
        "submit page": client_for(student).post(f"/attempts/{attempt_id}/submit/").status_code,
    }

    assert statuses == dict.fromkeys(statuses, 404)
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.state == Attempt.State.IN_PROGRESS and attempt.responses.filter(saved_at__isnull=False).count() == 0
    assert client.get("/api/attempts/").json()["results"] == []


def test_a_student_removed_from_a_course_no_longer_reads_its_results(course: Course, student: User) -> None:
    quiz, question = quiz_in(course)
    client = token_client(student)
    attempt_id = answered_wrong(client, quiz, question)
    assert client.get(f"/api/attempts/{attempt_id}/").status_code == 200
    Enrollment.objects.filter(course=course, user=student).delete()

    assert client.get(f"/api/attempts/{attempt_id}/").status_code == 404
    assert client_for(student).get(f"/attempts/{attempt_id}/result/").status_code == 404
    assert "Quiz on weapons-systems" not in client_for(student).get("/progress/").content.decode()
