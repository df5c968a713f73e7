"""Fixtures for API tests: a token client per member of the cast and a small world of objects
that belong to ``course`` (so "of the course" and "of another course" mean something)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from courseware.models import Course, Lesson, Module, Reading, Section, User
from quizzes.models import Attempt, GenerationJob, Question, QuestionBank, Quiz, QuizQuestion
from quizzes.services.attempts import attempt_start
from tests.factories import (
    LessonFactory,
    ModuleFactory,
    QuestionBankFactory,
    QuestionFactory,
    QuizFactory,
    ReadingFactory,
    SectionFactory,
)

ROLES = ("anonymous", "student", "other_student", "instructor", "other_instructor", "admin")


def token_client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def cast(
    admin: User, instructor: User, other_instructor: User, student: User, other_student: User, course: Course, other_course: Course
) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "student": student,
        "other_student": other_student,
        "instructor": instructor,
        "other_instructor": other_instructor,
        "admin": admin,
    }


@dataclass
class World:
    course: Course
    other_course: Course
    reading: Reading
    section: Section
    module: Module
    lesson: Lesson
    draft_module: Module
    bank: QuestionBank
    question: Question
    quiz: Quiz
    attempt: Attempt
    ids: dict[str, Any]


@pytest.fixture
def world(cast: dict[str, User | None], course: Course, other_course: Course) -> World:
    reading = ReadingFactory(title="Allied support to Ukraine")
    section = SectionFactory(reading=reading, order=1, heading="Military aid")
    module = ModuleFactory(course=course, title="Aid", reading=reading, is_published=True)
    lesson = LessonFactory(module=module, section=section, title="Military aid")
    draft_module = ModuleFactory(course=course, title="Draft", is_published=False)
    GenerationJob.objects.create(reading=reading, state=GenerationJob.State.DONE, progress=100, questions=1)
    bank = QuestionBankFactory(name="Aid bank", course=course, reading=reading, owner=cast["instructor"])
    question = QuestionFactory(bank=bank)
    quiz = QuizFactory(module=module, title="Aid quiz", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    attempt = attempt_start(quiz=quiz, user=cast["student"])
    ids = {
        "course": course.pk,
        "other_course": other_course.pk,
        "reading": reading.pk,
        "section": section.pk,
        "module": module.pk,
        "lesson": lesson.pk,
        "draft_module": draft_module.pk,
        "bank": bank.pk,
        "question": question.pk,
        "quiz": quiz.pk,
        "attempt": attempt.pk,
        "response": attempt.responses.get().pk,
        "student": cast["student"].pk,
        "empty_bank": QuestionBankFactory(name="Empty bank", course=course).pk,  # type: ignore[union-attr]
    }
    return World(course, other_course, reading, section, module, lesson, draft_module, bank, question, quiz, attempt, ids)


def statuses(
    *, anonymous: int = 401, student: int, other_student: int, instructor: int, other_instructor: int, admin: int
) -> dict[str, int]:
    """The status each member of the cast gets (the API's and the pages' permission matrices)."""
    return {
        "anonymous": anonymous,
        "student": student,
        "other_student": other_student,
        "instructor": instructor,
        "other_instructor": other_instructor,
        "admin": admin,
    }
