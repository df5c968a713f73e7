"""Regrades no one has to discover: a key fix records which attempts' marks changed; the report
page lists exactly those, and the affected students' review says the question was regraded."""

from __future__ import annotations

import pytest

from courseware.models import Enrollment
from quizzes.models import Attempt, Question, QuizQuestion, RegradeChange, RegradeLog
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade, question_regrade_run
from quizzes.services.regrade_preview import question_change_preview
from quizzes.services.review import question_edit
from tests.conftest import client_for
from tests.factories import EnrollmentFactory, ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def taken(quiz, user, choice):  # type: ignore[no-untyped-def]
    attempt = attempt_start(quiz=quiz, user=user)
    attempt_submit(attempt=attempt, user=user, answers={r.question_id: choice for r in attempt.responses.all()})
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def three_answers(course, instructor, student, other_student):  # type: ignore[no-untyped-def]
    """Three students answered c1 (the key), c2 (the right answer, as it turns out) and c3."""
    third = UserFactory(username="third-student")
    for user in (other_student, third):
        EnrollmentFactory(course=course, user=user, role=Enrollment.Role.STUDENT)
    question = QuestionFactory(bank=QuestionBankFactory(course=course, owner=instructor))
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    attempts = {"old": taken(quiz, student, "c1"), "new": taken(quiz, other_student, "c2"), "neither": taken(quiz, third, "c3")}
    return question, attempts


@pytest.fixture
def key_fix(three_answers, instructor):  # type: ignore[no-untyped-def]
    """The key becomes c2 and the regrade has run."""
    question, attempts = three_answers
    question_edit(question=question, user=instructor, answer={"correct": "c2"}, status=Question.Status.APPROVED)
    log = RegradeLog.objects.get()
    question_regrade_run(regrade_log_id=log.pk)
    return log, attempts


def test_a_key_fix_records_exactly_the_changed_attempts(key_fix) -> None:
    log, attempts = key_fix
    changed = {c.attempt_id: (c.points_before, c.points_after, c.score_after) for c in RegradeChange.objects.filter(log=log)}
    assert changed == {attempts["old"].pk: (1, 0, 0), attempts["new"].pk: (0, 1, 1)}


def test_running_the_regrade_again_records_nothing_more(key_fix) -> None:
    log, _ = key_fix
    question_regrade_run(regrade_log_id=log.pk)
    assert RegradeChange.objects.filter(log=log).count() == 2


def test_the_report_page_lists_the_changed_attempts_only(key_fix, instructor) -> None:
    log, attempts = key_fix
    page = client_for(instructor).get(f"/teach/regrades/{log.pk}/").content.decode()
    assert "Attempts whose marks changed (2)" in page
    assert f"/teach/attempts/{attempts['old'].pk}/" in page and f"/teach/attempts/{attempts['new'].pk}/" in page
    assert f"/teach/attempts/{attempts['neither'].pk}/" not in page
    bank_page = client_for(instructor).get(f"/teach/banks/{log.question.bank_id}/regrades/").content.decode()
    assert f"/teach/regrades/{log.pk}/" in bank_page


def test_the_affected_students_review_says_the_question_was_regraded(key_fix, student) -> None:
    _, attempts = key_fix
    page = client_for(student).get(f"/attempts/{attempts['old'].pk}/result/").content.decode()
    assert "This question was regraded on" in page and "your mark went from 1 to 0" in page


def test_an_unaffected_students_review_has_no_note(key_fix) -> None:
    _, attempts = key_fix
    page = client_for(attempts["neither"].user).get(f"/attempts/{attempts['neither'].pk}/result/").content.decode()
    assert "regraded" not in page


def test_students_and_other_instructors_cannot_read_the_report(key_fix, student, other_instructor) -> None:
    log, _ = key_fix
    assert client_for(student).get(f"/teach/regrades/{log.pk}/").status_code in (403, 404)
    assert client_for(other_instructor).get(f"/teach/regrades/{log.pk}/").status_code == 404


@pytest.fixture
def pending_fix(three_answers, instructor):  # type: ignore[no-untyped-def]
    """The same three answers, and a corrected key (c2) waiting as a draft."""
    question, attempts = three_answers
    draft = question_edit(question=question, user=instructor, answer={"correct": "c2"})
    return draft, attempts


def test_the_dry_run_of_approving_a_key_fix_names_whose_scores_change_and_saves_nothing(pending_fix, instructor) -> None:
    draft, attempts = pending_fix
    preview = question_change_preview(question=draft, user=instructor, action="approve")
    assert {(r.attempt_id, r.score_before, r.score_after) for r in preview.rows} == {(attempts["old"].pk, 1, 0), (attempts["new"].pk, 0, 1)}
    draft.refresh_from_db()
    assert draft.status == Question.Status.DRAFT
    assert not RegradeLog.objects.exists() and not RegradeChange.objects.exists()
    assert [a.score for a in Attempt.objects.order_by("pk")] == [1, 0, 0]


def test_the_dry_run_of_retiring_names_every_attempt_whose_score_or_maximum_changes(pending_fix, instructor) -> None:
    draft, attempts = pending_fix
    current = Question.objects.get(pk=draft.root_id)  # the approved version the attempts saw
    Question.objects.filter(pk=draft.pk).delete()
    Question.objects.filter(pk=current.pk).update(is_current=True)
    current.refresh_from_db()
    preview = question_change_preview(question=current, user=instructor, action="retire")
    # Withdrawing the question takes its point out of every maximum (17/20 becomes 17/19).
    assert {r.attempt_id for r in preview.rows} == {a.pk for a in attempts.values()}
    assert {r.max_score_after for r in preview.rows} == {0}
    current.refresh_from_db()
    assert current.status == Question.Status.APPROVED


def test_the_confirm_page_shows_the_dry_run_and_its_button_makes_the_real_change(pending_fix, instructor) -> None:
    draft, _ = pending_fix
    client = client_for(instructor)
    page = client.get(f"/teach/questions/{draft.pk}/approve/confirm/").content.decode()
    assert "Scores that change: 2 attempts" in page
    assert f'action="/teach/questions/{draft.pk}/status/"' in page
    # The corrected key waits beside the approved version still in use (listed under "Approved").
    bank_page = client.get(f"/teach/banks/{draft.bank_id}/?status=approved").content.decode()
    assert f"/teach/questions/{draft.pk}/approve/confirm/" in bank_page and "waits for approval" in bank_page
    client.post(f"/teach/questions/{draft.pk}/status/", {"action": "approve"})
    assert RegradeLog.objects.filter(question=draft).count() == 1


def test_the_gradebook_marks_the_grades_a_regrade_changed(key_fix, instructor, course) -> None:
    book = client_for(instructor).get(f"/teach/courses/{course.pk}/gradebook/").content.decode()
    assert book.count(">regraded</span>") == 2
