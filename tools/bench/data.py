"""Data the benchmark prepares before any timing starts: the seed paper and its generated bank,
a course with a quiz drawn from that bank, and N students with API tokens.

The paper, the bank and the quiz go through the application's own services (import,
generation, quiz authoring, attempt start), so the benchmark measures the platform as it is.
Only the bulk creation of thousands of student accounts and of the answers of prepared
attempts writes rows directly: that is set-up, not something a user does.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from courseware.models import Course, Enrollment, Module, Reading, User
from quizzes.models import Attempt, Question, QuestionBank, Quiz, Response
from tools.bench.answers import answer_correct, answer_guess

REPO = Path(__file__).resolve().parents[2]
SEED_PAPER = REPO / "seeds" / "002_d5b0e1543fdd7663.txt"
BATCH = 2000


@dataclass(frozen=True)
class Classroom:
    course_id: int
    quiz_id: int
    bank_id: int
    student_ids: list[int]
    tokens: list[str]


def seed_paper_import_and_generate(*, owner: User | None = None) -> tuple[Reading, QuestionBank]:
    """Import the seed paper and generate its questions: the ``import`` scenario times exactly this."""
    from courseware.services.readings import reading_import
    from quizzes.generation import bank_generate_for_reading

    # Generated right here (that is what the scenario times), so no queued job as well.
    result = reading_import(data=SEED_PAPER.read_bytes(), filename=SEED_PAPER.name, imported_by=owner, generate_questions=False)
    bank_generate_for_reading(reading=result.reading)
    # The reading's own bank (generation keeps one per reading).
    return result.reading, QuestionBank.objects.filter(reading=result.reading).order_by("id").first() or QuestionBank.objects.none().get()


def _approve_all(bank: QuestionBank, reviewer: User) -> int:
    """What an instructor does in the review screen for a whole bank (load_seeds does the same
    for the demo bank): quizzes only draw approved questions."""
    from quizzes.services.review import questions_bulk_approve

    questions_bulk_approve(questions=Question.objects.filter(bank=bank), user=reviewer)
    return Question.objects.filter(bank=bank, is_current=True, status=Question.Status.APPROVED).count()


def students_create(*, course: Course, count: int, prefix: str = "bench-student") -> tuple[list[int], list[str]]:
    """``count`` enrolled students, each with an API token, in a few bulk INSERTs.

    One password hash shared by all: hashing 5,000 passwords with Argon2 would take minutes and
    nobody logs in with a password here (the students use their tokens).
    """
    password = make_password(secrets.token_urlsafe(16))
    users = [
        User(username=f"{prefix}-{i:05d}", email=f"{prefix}-{i:05d}@bench.invalid", role=User.Role.STUDENT, password=password)
        for i in range(count)
    ]
    with transaction.atomic():
        users = User.objects.bulk_create(users, batch_size=BATCH)
        Enrollment.objects.bulk_create([Enrollment(course=course, user=u, role=Enrollment.Role.STUDENT) for u in users], batch_size=BATCH)
        tokens = Token.objects.bulk_create([Token(key=Token.generate_key(), user=u) for u in users], batch_size=BATCH)
    return [u.pk for u in users], [t.key for t in tokens]


def classroom_prepare(*, students: int, questions: int, questions_per_page: int = 0) -> Classroom:
    """A course whose published quiz draws ``questions`` of the generated bank per attempt."""
    from quizzes.services.quizzes import SourceSpec, quiz_create

    instructor = User.objects.create_user(username="bench-instructor", password=secrets.token_urlsafe(16), role=User.Role.INSTRUCTOR)
    _reading, bank = seed_paper_import_and_generate(owner=instructor)
    # The reading's bank is shared by every course, so only an admin approves it.
    curator = User.objects.create_user(username="bench-admin", password=secrets.token_urlsafe(16), role=User.Role.ADMIN)
    approved = _approve_all(bank, curator)
    if approved < questions:
        raise RuntimeError(f"the generated bank has {approved} questions; the benchmark quiz needs {questions}")
    course = Course.objects.create(title="Benchmark course", slug="bench-course", created_by=instructor)
    Enrollment.objects.create(course=course, user=instructor, role=Enrollment.Role.INSTRUCTOR)
    module = Module.objects.create(course=course, title="Benchmark module", is_published=True)
    quiz = quiz_create(
        module=module,
        title=f"Benchmark quiz ({questions} questions)",
        owner=instructor,
        sources=[SourceSpec(bank=bank, count=questions)],
        questions_per_page=questions_per_page,
        is_published=True,
    )
    student_ids, tokens = students_create(course=course, count=students)
    return Classroom(course_id=course.pk, quiz_id=quiz.pk, bank_id=bank.pk, student_ids=student_ids, tokens=tokens)


def attempts_prepare_answered(*, classroom: Classroom, seed: int = 8) -> list[int]:
    """One started attempt per student with every question answered (about 60 % right), not yet
    submitted: the ``grading`` scenario submits them all at once."""
    from quizzes.services.attempts import attempt_start

    quiz = Quiz.objects.select_related("module").get(pk=classroom.quiz_id)
    users = list(User.objects.filter(pk__in=classroom.student_ids).order_by("pk"))
    attempt_ids = [attempt_start(quiz=quiz, user=user).pk for user in users]
    rng = random.Random(seed)
    now = timezone.now()
    pending: list[Response] = []
    for response in Response.objects.filter(attempt__quiz=quiz).select_related("question").iterator(chunk_size=BATCH):
        question = response.question
        if rng.random() < 0.6:
            response.answer = answer_correct(type=question.type, key=question.answer)
        else:
            response.answer = answer_guess(type=question.type, choices=question.choices, rng=rng)
        response.saved_at = now
        pending.append(response)
        if len(pending) >= BATCH:
            _answers_write(pending)
            pending = []
    _answers_write(pending)
    return attempt_ids


def _answers_write(responses: list[Response]) -> None:
    # One INSERT ... ON CONFLICT (id) DO UPDATE per batch: Django's bulk_update would build a
    # CASE WHEN per row, which takes minutes for 100,000 answers.
    if responses:
        Response.objects.bulk_create(responses, update_conflicts=True, unique_fields=["id"], update_fields=["answer", "saved_at"])


def attempts_submit_all_at_once(*, attempt_ids: list[int]) -> int:
    """Mark every prepared attempt submitted in one UPDATE and publish all grading tasks.

    The same end state as each student pressing submit at the same instant: submitted_at is
    the moment of queueing, so submit-to-graded includes the time spent waiting in the queue.
    """
    from quizzes.services.grading import attempt_grading_request

    Attempt.objects.filter(pk__in=attempt_ids, state=Attempt.State.IN_PROGRESS).update(
        state=Attempt.State.SUBMITTED, submitted_at=timezone.now()
    )
    return sum(attempt_grading_request(attempt_id=attempt_id) for attempt_id in attempt_ids)
