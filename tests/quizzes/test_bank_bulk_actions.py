"""Bulk actions of the bank review page: retire, move to another bank or retag the selected
questions, each in a fixed number of queries however many are selected."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from quizzes.models import Attempt, Question, QuestionBank, QuizQuestion, RegradeLog
from quizzes.selectors.teach import banks_to_move_to, questions_to_retire
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from quizzes.services.review import (
    SAME_BANK_MESSAGE,
    TOPIC_NOT_A_SLUG,
    question_edit,
    questions_bulk_move,
    questions_bulk_retag,
    questions_bulk_retire,
)
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


@pytest.fixture
def bank(course) -> QuestionBank:  # type: ignore[no-untyped-def]
    return QuestionBankFactory(course=course, name="Air defence")


@pytest.fixture
def other_bank(course) -> QuestionBank:  # type: ignore[no-untyped-def]
    return QuestionBankFactory(course=course, name="Logistics")


def answered_by(question: Question, course, student) -> Attempt:  # type: ignore[no-untyped-def]
    """A graded attempt at a quiz listing ``question``, answered with its key."""
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    attempt = attempt_start(quiz=quiz, user=student)
    attempt_submit(attempt=attempt, user=student, answers={question.pk: "c1"})
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None
    return graded


def statuses(bank: QuestionBank) -> dict[int, str]:
    return dict(Question.objects.filter(bank=bank).values_list("pk", "status"))


# --- retire ------------------------------------------------------------------------------------------------


def test_bulk_retire_retires_the_selected_questions_of_the_bank_only(bank, other_bank, instructor) -> None:
    draft, approved, kept = QuestionFactory(bank=bank, status="draft"), QuestionFactory(bank=bank), QuestionFactory(bank=bank)
    elsewhere = QuestionFactory(bank=other_bank)
    retirement = questions_bulk_retire(bank=bank, question_ids=[draft.pk, approved.pk, elsewhere.pk], user=instructor)
    assert (retirement.retired, retirement.regrades) == (2, 0)
    assert statuses(bank) == {draft.pk: "retired", approved.pk: "retired", kept.pk: "approved"}
    assert statuses(other_bank) == {elsewhere.pk: "approved"}
    assert not RegradeLog.objects.exists()  # no attempt answered them: nothing to regrade


def test_bulk_retire_regrades_the_attempts_that_answered_a_retired_question(bank, course, student, instructor) -> None:
    answered, unanswered = QuestionFactory(bank=bank), QuestionFactory(bank=bank)
    attempt = answered_by(answered, course, student)
    assert attempt.score == 1
    retirement = questions_bulk_retire(bank=bank, question_ids=[answered.pk, unanswered.pk], user=instructor)
    assert (retirement.retired, retirement.regrades) == (2, 1)
    [log] = RegradeLog.objects.all()
    assert (log.question_id, log.reason, log.after["status"]) == (answered.pk, "question_retired", "retired")


def test_bulk_retire_skips_old_versions_and_retired_questions(bank, instructor) -> None:
    question = QuestionFactory(bank=bank)
    newer = question_edit(question=question, user=instructor, stem="Which system did Ukraine receive first?", status="approved")
    retired = QuestionFactory(bank=bank, status="retired")
    retirement = questions_bulk_retire(bank=bank, question_ids=[question.pk, retired.pk], user=instructor)
    assert retirement.retired == 0
    assert Question.objects.get(pk=newer.pk).status == "approved"


@pytest.mark.parametrize("selected", [2, 10])
def test_bulk_retire_of_unanswered_questions_costs_the_same_queries_however_many(
    bank, instructor, selected, django_assert_num_queries
) -> None:
    ids = [QuestionFactory(bank=bank).pk for _ in range(selected)]
    # savepoint, the instructor's course check, the locked selection, the UPDATE, the answered
    # lookup, savepoint release
    with django_assert_num_queries(6):
        retirement = questions_bulk_retire(bank=bank, question_ids=ids, user=instructor)
    assert retirement.retired == selected


def test_bulk_retire_is_refused_to_another_courses_instructor(bank, other_instructor, other_course) -> None:
    question = QuestionFactory(bank=bank)
    with pytest.raises(PermissionDenied):
        questions_bulk_retire(bank=bank, question_ids=[question.pk], user=other_instructor)
    assert statuses(bank) == {question.pk: "approved"}


def test_the_page_asks_before_retiring_and_says_how_many_attempts_answered(bank, course, student, instructor) -> None:
    answered, unanswered = QuestionFactory(bank=bank), QuestionFactory(bank=bank)
    answered_by(answered, course, student)
    client = client_for(instructor)
    url = reverse("bank-bulk-approve", args=[bank.pk])

    confirm = client.post(url, {"action": "retire", "questions": [answered.pk, unanswered.pk]})

    page = confirm.content.decode()
    assert confirm.status_code == 200 and "Retire 2 questions?" in page
    assert statuses(bank) == {answered.pk: "approved", unanswered.pk: "approved"}  # nothing yet
    rows = {row.split("</td>")[0].split()[0]: row.split("</tr>")[0] for row in page.split("<tr><td>")[1:]}
    assert rows[f"#{answered.pk}"].endswith('<td class="num">1</td>')  # attempts that answered it
    assert rows[f"#{unanswered.pk}"].endswith('<td class="num">0</td>')
    done = client.post(url, {"action": "retire", "confirmed": "1", "questions": [answered.pk, unanswered.pk]}, follow=True)
    assert "2 questions retired" in done.content.decode()
    assert statuses(bank) == {answered.pk: "retired", unanswered.pk: "retired"}


# --- move --------------------------------------------------------------------------------------------------


def test_bulk_move_takes_every_version_of_the_selected_questions(bank, other_bank, instructor) -> None:
    question, stays = QuestionFactory(bank=bank), QuestionFactory(bank=bank)
    newer = question_edit(question=question, user=instructor, stem="Which system came first?", status="approved")
    moved = questions_bulk_move(bank=bank, question_ids=[newer.pk], to_bank=other_bank, user=instructor)
    assert moved == 1
    assert set(Question.objects.filter(bank=other_bank).values_list("pk", flat=True)) == {question.pk, newer.pk}
    assert set(Question.objects.filter(bank=bank).values_list("pk", flat=True)) == {stays.pk}
    assert Question.objects.get(pk=newer.pk).status == "approved"  # a move is not a review


def test_bulk_move_refuses_the_same_bank_and_a_bank_the_instructor_cannot_change(bank, other_course, instructor) -> None:
    question = QuestionFactory(bank=bank)
    with pytest.raises(ValidationError, match=SAME_BANK_MESSAGE):
        questions_bulk_move(bank=bank, question_ids=[question.pk], to_bank=bank, user=instructor)
    for foreign in (QuestionBankFactory(course=other_course), QuestionBankFactory(course=None)):
        with pytest.raises(PermissionDenied):
            questions_bulk_move(bank=bank, question_ids=[question.pk], to_bank=foreign, user=instructor)
    assert Question.objects.get(pk=question.pk).bank_id == bank.pk


@pytest.mark.parametrize("selected", [2, 10])
def test_bulk_move_costs_the_same_queries_however_many(bank, other_bank, instructor, selected, django_assert_num_queries) -> None:
    ids = [QuestionFactory(bank=bank).pk for _ in range(selected)]
    # savepoint, a course check per bank, the selection, the UPDATE, savepoint release
    with django_assert_num_queries(6):
        assert questions_bulk_move(bank=bank, question_ids=ids, to_bank=other_bank, user=instructor) == selected


def test_the_page_moves_the_selected_questions_to_a_bank_the_instructor_picks(bank, other_bank, other_course, instructor) -> None:
    foreign = QuestionBankFactory(course=other_course, name="Someone else's bank")
    shared = QuestionBankFactory(course=None, name="Shared bank")
    question = QuestionFactory(bank=bank)
    client = client_for(instructor)
    url = reverse("bank-bulk-approve", args=[bank.pk])
    review = client.get(reverse("bank-review", args=[bank.pk])).content.decode()
    assert f'id="pick-{question.pk}"' in review  # approved questions can be selected, not only drafts

    pick = client.post(url, {"action": "move", "questions": [question.pk]}).content.decode()

    choices = pick.split('id="move-bank"')[1].split("</select>")[0]
    assert other_bank.name in choices and foreign.name not in choices and shared.name not in choices
    assert Question.objects.get(pk=question.pk).bank_id == bank.pk  # nothing moved yet
    done = client.post(url, {"action": "move", "to_bank": other_bank.pk, "questions": [question.pk]}, follow=True)
    assert "1 question moved to “Logistics”" in done.content.decode()
    assert Question.objects.get(pk=question.pk).bank_id == other_bank.pk


def test_a_move_to_a_bank_the_instructor_cannot_see_is_not_found(bank, other_course, instructor) -> None:
    question = QuestionFactory(bank=bank)
    foreign = QuestionBankFactory(course=other_course)
    reply = client_for(instructor).post(
        reverse("bank-bulk-approve", args=[bank.pk]), {"action": "move", "to_bank": foreign.pk, "questions": [question.pk]}
    )
    assert reply.status_code == 404
    assert Question.objects.get(pk=question.pk).bank_id == bank.pk


@pytest.mark.parametrize("other_banks", [1, 6])
def test_the_banks_to_move_to_cost_one_query(bank, course, instructor, other_banks, django_assert_num_queries) -> None:
    made = [QuestionBankFactory(course=course) for _ in range(other_banks)]
    with django_assert_num_queries(1):
        targets = banks_to_move_to(user=instructor, bank=bank)
        names = [b.course.title for b in targets]
    assert {b.pk for b in targets} == {b.pk for b in made} and len(names) == other_banks


# --- retag -------------------------------------------------------------------------------------------------


def test_bulk_retag_changes_the_topic_in_place_on_every_version(bank, course, student, instructor) -> None:
    question, other = QuestionFactory(bank=bank), QuestionFactory(bank=bank, topic="logistics")
    answered_by(question, course, student)
    newer = question_edit(question=question, user=instructor, stem="Which system came first?", status="approved")
    logs = RegradeLog.objects.count()
    changed = questions_bulk_retag(bank=bank, question_ids=[newer.pk, other.pk], topic="air-defence", user=instructor)
    assert changed == 2
    rows = dict(Question.objects.filter(bank=bank).values_list("pk", "topic"))
    assert rows == {question.pk: "air-defence", newer.pk: "air-defence", other.pk: "air-defence"}
    # No new version, no review, no regrade: the key did not change.
    assert Question.objects.filter(bank=bank).count() == 3
    assert Question.objects.get(pk=newer.pk).status == "approved" and RegradeLog.objects.count() == logs


def test_bulk_retag_refuses_a_topic_that_is_not_a_slug_unless_the_bank_uses_it(bank, instructor) -> None:
    question = QuestionFactory(bank=bank)
    with pytest.raises(ValidationError, match=re.escape(TOPIC_NOT_A_SLUG)):
        questions_bulk_retag(bank=bank, question_ids=[question.pk], topic="Air Defence!", user=instructor)
    QuestionFactory(bank=bank, topic="Imported Category")
    assert questions_bulk_retag(bank=bank, question_ids=[question.pk], topic="Imported Category", user=instructor) == 1


@pytest.mark.parametrize("selected", [2, 10])
def test_bulk_retag_costs_the_same_queries_however_many(bank, instructor, selected, django_assert_num_queries) -> None:
    ids = [QuestionFactory(bank=bank).pk for _ in range(selected)]
    # savepoint, the course check, the selection, the UPDATE, savepoint release
    with django_assert_num_queries(5):
        assert questions_bulk_retag(bank=bank, question_ids=ids, topic="air-defence", user=instructor) == selected


def test_the_page_retags_with_a_topic_typed_in_words(bank, instructor) -> None:
    question = QuestionFactory(bank=bank)
    done = client_for(instructor).post(
        reverse("bank-bulk-approve", args=[bank.pk]),
        {"action": "retag", "topic": "", "new_topic": "Air defence", "questions": [question.pk]},
        follow=True,
    )
    assert "1 question now in the topic “Air defence”" in done.content.decode()
    assert Question.objects.get(pk=question.pk).topic == "air-defence"


def test_the_page_says_to_select_questions_first(bank, instructor) -> None:
    question = QuestionFactory(bank=bank)
    done = client_for(instructor).post(reverse("bank-bulk-approve", args=[bank.pk]), {"action": "retire", "confirmed": "1"}, follow=True)
    assert "Select questions first" in done.content.decode()
    assert Question.objects.get(pk=question.pk).status == "approved"


@pytest.mark.parametrize("selected", [2, 10])
def test_what_the_retire_page_lists_costs_two_queries_however_many(bank, course, student, selected, django_assert_num_queries) -> None:
    questions = [QuestionFactory(bank=bank) for _ in range(selected)]
    answered_by(questions[0], course, student)
    with django_assert_num_queries(2):
        listed = questions_to_retire(bank=bank, question_ids=[q.pk for q in questions])
    assert [(q.pk, n) for q, n in listed] == [(questions[0].pk, 1), *((q.pk, 0) for q in questions[1:])]


def test_the_page_sets_no_topic_only_when_asked_to(bank, instructor) -> None:
    question = QuestionFactory(bank=bank)
    client, url = client_for(instructor), reverse("bank-bulk-approve", args=[bank.pk])
    nothing_chosen = client.post(url, {"action": "retag", "topic": "", "new_topic": "", "questions": [question.pk]}, follow=True)
    assert "Choose a topic, or type a new one." in nothing_chosen.content.decode()
    assert Question.objects.get(pk=question.pk).topic == "weapons-systems"
    cleared = client.post(url, {"action": "retag", "topic": "-", "questions": [question.pk]}, follow=True)
    assert "1 question now without a topic." in cleared.content.decode()
    assert Question.objects.get(pk=question.pk).topic == ""
