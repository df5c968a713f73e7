"""Who may change a question bank (review finding F3).

A course's quizzes can be changed only by that course's instructors (and admins): a shared bank
(no course, such as a reading's generated bank) is read-only outside the admin role, and an
instructor who wants to change one copies it into their course. A bank a quiz uses cannot be
deleted from under it. Reproductions follow the review: ``other_instructor`` teaches only
``other_course`` and attacks ``course``'s quiz through the shared bank it draws from.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courseware.models import Course, User
from quizzes.models import Attempt, Question, QuestionBank, QuizSource, RegradeLog
from quizzes.services.attempts import attempt_start, response_save
from quizzes.services.banks import BANK_NEEDS_COURSE, BANK_SHARED_READ_ONLY, BANK_USED_BY_QUIZ
from quizzes.services.grading import attempt_grade, question_regrade_run
from quizzes.services.quizzes import BANK_OF_OTHER_COURSE
from tests.api.conftest import World, token_client
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(world: World, student: User) -> tuple[QuestionBank, Question, Attempt]:
    """A shared reading bank whose question ``course``'s quiz asked; the student answered c2 (wrong) and was graded."""
    bank = QuestionBankFactory(name="Reading bank", reading=world.reading)
    question = QuestionFactory(bank=bank, status=Question.Status.APPROVED)  # key c1
    quiz = QuizFactory(module=world.module, title="Quiz on the reading")
    QuizSource.objects.create(quiz=quiz, bank=bank, count=1)
    attempt = attempt_start(quiz=quiz, user=student)
    response_save(attempt_id=attempt.pk, user=student, question_id=question.pk, answer="c2")
    attempt.state = Attempt.State.SUBMITTED
    attempt.save(update_fields=["state"])
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.score == 0
    return bank, question, attempt


def test_another_courses_instructor_cannot_change_a_shared_banks_key_and_so_the_grades(shared, other_instructor: User) -> None:
    bank, question, attempt = shared
    client = token_client(other_instructor)
    assert client.get(f"/api/questions/{question.pk}/").status_code == 200, "shared banks stay readable for building quizzes"

    edited = client.post(f"/api/questions/{question.pk}/edit/", {"answer": {"correct": "c2"}, "status": "approved"}, format="json")

    assert edited.status_code == 403
    assert edited.json()["detail"] == BANK_SHARED_READ_ONLY
    attempt.refresh_from_db()
    assert attempt.score == 0 and not RegradeLog.objects.exists()
    assert Question.objects.filter(bank=bank).count() == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/questions/{question}/retire/", None),
        ("post", "/api/questions/{question}/approve/", None),
        (
            "post",
            "/api/banks/{bank}/questions/create/",
            {"type": "true_false", "stem": "INJECTED: visit http://evil.example/", "answer": {"correct": True}, "status": "approved"},
        ),
        ("post", "/api/banks/{bank}/approve/", {"questions": ["{question}"]}),
        ("post", "/api/banks/{bank}/update/", {"name": "Renamed by another course"}),
        ("post", "/api/banks/{bank}/delete/", None),
    ],
)
def test_a_shared_bank_is_read_only_to_instructors(shared, other_instructor: User, instructor: User, method, path, body) -> None:  # type: ignore[no-untyped-def]
    bank, question, _attempt = shared
    fill = {"bank": bank.pk, "question": question.pk}
    if body and "questions" in body:
        body = {"questions": [question.pk]}
    for user in (other_instructor, instructor):  # even the instructor whose quiz draws from it
        response = getattr(token_client(user), method)(path.format(**fill), body, format="json")
        assert response.status_code == 403, response.content
    question.refresh_from_db()
    assert (question.status, question.is_current) == (Question.Status.APPROVED, True)
    assert list(QuestionBank.objects.filter(pk=bank.pk).values_list("name", flat=True)) == ["Reading bank"]
    assert Question.objects.filter(bank=bank).count() == 1


def test_importing_into_a_shared_bank_is_refused(shared, other_instructor: User) -> None:
    bank, _question, _attempt = shared
    upload = SimpleUploadedFile("x.gift", b"::Injected::Is this yours?{T}\n")
    response = token_client(other_instructor).post(f"/api/banks/{bank.pk}/import/", {"format": "gift", "file": upload}, format="multipart")
    assert response.status_code == 403
    assert Question.objects.filter(bank=bank).count() == 1


def test_admins_keep_every_right_on_shared_banks(shared, admin: User) -> None:
    bank, question, _attempt = shared
    client = token_client(admin)
    edited = client.post(f"/api/questions/{question.pk}/edit/", {"answer": {"correct": "c2"}, "status": "approved"}, format="json")
    assert edited.status_code == 201
    assert client.post(f"/api/banks/{bank.pk}/update/", {"name": "Curated"}, format="json").status_code == 200


def test_an_instructor_copies_a_shared_bank_into_their_course_and_changes_the_copy(shared, instructor: User, world: World) -> None:
    bank, question, _attempt = shared
    client = token_client(instructor)

    copied = client.post(f"/api/banks/{bank.pk}/copy/", {"course": world.course.pk}, format="json")

    assert copied.status_code == 201, copied.content
    copy = QuestionBank.objects.get(pk=copied.json()["id"])
    assert copy.course == world.course
    duplicate = Question.objects.get(bank=copy)
    assert (duplicate.stem, duplicate.status) == (question.stem, Question.Status.APPROVED)
    assert not {c["id"] for c in duplicate.choices} & {c["id"] for c in question.choices}, "a copy gets its own option ids"
    assert client.post(f"/api/questions/{duplicate.pk}/retire/").status_code == 200
    assert Question.objects.get(pk=question.pk).status == Question.Status.APPROVED, "the original is untouched"


def test_copying_into_a_course_one_does_not_teach_is_not_found(shared, instructor: User, world: World) -> None:
    bank, _question, _attempt = shared
    response = token_client(instructor).post(f"/api/banks/{bank.pk}/copy/", {"course": world.other_course.pk}, format="json")
    assert response.status_code == 404
    assert QuestionBank.objects.count() == 3  # the shared bank and world's two


def test_a_bank_a_quiz_draws_from_cannot_be_deleted_from_under_it(world: World, instructor: User) -> None:
    bank = QuestionBankFactory(name="Own bank", course=world.course)
    QuestionFactory(bank=bank, status=Question.Status.APPROVED)
    quiz = QuizFactory(module=world.module, title="Draws from own bank")
    QuizSource.objects.create(quiz=quiz, bank=bank, count=1)

    response = token_client(instructor).post(f"/api/banks/{bank.pk}/delete/")

    assert response.status_code == 400
    assert BANK_USED_BY_QUIZ.format(quiz="Draws from own bank") in str(response.json())
    assert QuizSource.objects.filter(quiz=quiz, bank=bank).exists()


def test_deleting_a_bank_whose_questions_a_quiz_fixes_is_refused(world: World, instructor: User) -> None:
    response = token_client(instructor).post(f"/api/banks/{world.bank.pk}/delete/")  # world.quiz fixes world.question
    assert response.status_code == 400
    assert QuestionBank.objects.filter(pk=world.bank.pk).exists()


def test_only_admins_create_a_bank_without_a_course(world: World, instructor: User, admin: User) -> None:
    refused = token_client(instructor).post(
        "/api/banks/create/", {"name": "Shared by accident", "reading": world.reading.pk}, format="json"
    )
    assert refused.status_code == 400
    assert BANK_NEEDS_COURSE in str(refused.json())
    assert not QuestionBank.objects.filter(name="Shared by accident").exists()
    assert (
        token_client(admin).post("/api/banks/create/", {"name": "Curated", "reading": world.reading.pk}, format="json").status_code == 201
    )


def test_a_quiz_cannot_draw_from_another_courses_bank(world: World, instructor: User, other_course: Course) -> None:
    """Even an instructor who teaches both courses: the other course's instructors could change it."""
    from courseware.models import Enrollment

    Enrollment.objects.create(course=other_course, user=instructor, role=Enrollment.Role.INSTRUCTOR)
    foreign = QuestionBankFactory(name="Other course's bank", course=other_course)
    QuestionFactory(bank=foreign, status=Question.Status.APPROVED)

    response = token_client(instructor).post(
        "/api/quizzes/create/",
        {"module": world.module.pk, "title": "Borrowing", "sources": [{"bank": foreign.pk, "count": 1}]},
        format="json",
    )

    assert response.status_code == 400
    assert BANK_OF_OTHER_COURSE.format(bank="Other course's bank") in response.json()["detail"]


def test_a_key_change_regrades_only_the_attempts_of_quizzes_the_instructor_may_change(
    world: World, instructor: User, student: User, other_student: User, other_course: Course
) -> None:
    """A quiz of other_course that fixed a question of course's bank (made before the rule above)
    keeps its grades when course's instructor changes the key; course's own quiz is regraded."""
    question = QuestionFactory(bank=world.bank, status=Question.Status.APPROVED)  # key c1
    own = QuizFactory(module=world.module, title="Own quiz")
    foreign = QuizFactory(module=ModuleFactory(course=other_course), title="Other course's quiz")
    graded = {}
    for quiz, user in ((own, student), (foreign, other_student)):
        quiz.fixed_questions.create(question=question, position=1)
        attempt = attempt_start(quiz=quiz, user=user)
        response_save(attempt_id=attempt.pk, user=user, question_id=question.pk, answer="c2")
        Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.SUBMITTED)
        attempt_grade(attempt_id=attempt.pk)
        graded[quiz.pk] = attempt.pk

    edited = token_client(instructor).post(
        f"/api/questions/{question.pk}/edit/", {"answer": {"correct": "c2"}, "status": "approved"}, format="json"
    )
    assert edited.status_code == 201
    question_regrade_run(regrade_log_id=RegradeLog.objects.get().pk)  # what the worker's regrade task does

    assert Attempt.objects.get(pk=graded[own.pk]).score == Decimal(1)
    assert Attempt.objects.get(pk=graded[foreign.pk]).score == Decimal(0)


def test_the_review_page_of_a_shared_bank_offers_a_copy_instead_of_review_actions(shared, instructor: User, world: World) -> None:
    bank, question, _attempt = shared
    client = client_for(instructor)
    page = client.get(f"/teach/banks/{bank.pk}/?status=approved").content.decode()
    assert 'id="bank-copy"' in page and f'action="/teach/questions/{question.pk}/status/"' not in page
    assert client.get(f"/teach/banks/{bank.pk}/new/").status_code == 403
    assert client.post(f"/teach/questions/{question.pk}/status/", {"action": "retire"}).status_code == 403
    copied = client.post(f"/teach/banks/{bank.pk}/copy/", {"course": world.course.pk, "name": "Our copy"})
    assert copied.status_code == 302
    assert QuestionBank.objects.get(name="Our copy").course == world.course
