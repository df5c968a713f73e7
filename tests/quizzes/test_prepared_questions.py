"""Prepared questions (quizzes.cache_questions) and the cheap autosave: what a student is shown
and what a save accepts or refuses are exactly what they were before either existed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from courseware.models import Course, Enrollment, User
from quizzes.apis.taking import AttemptOutputSerializer, attempt_head, attempt_head_data
from quizzes.cache_questions import prepared_questions, prepared_questions_forget
from quizzes.models import Attempt, QuestionType, Response
from quizzes.selectors.attempts import AttemptResult, attempt_questions, attempt_result_for_user, attempt_review_level
from quizzes.serializers import AttemptQuestionSerializer, ResultItemSerializer, attempt_questions_data, result_items_data
from quizzes.services.attempt_rules import AnswerRejected
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.flags import response_flag
from quizzes.services.grading import attempt_grade
from quizzes.services.overrides import response_override
from tests.conftest import client_for
from tests.factories import EnrollmentFactory, QuestionFactory, UserFactory
from tests.quizzes.builders import RIGHT, answers_for, fixed_quiz, question_of
from tests.quizzes.test_query_budgets import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def every_type_quiz(course: Course) -> Any:
    questions = [question_of(t) for t in RIGHT]
    questions.append(QuestionFactory(type=QuestionType.ESSAY, choices={"word_limit": 50}, answer={}))
    return fixed_quiz(course=course, questions=questions, shuffle_options=True)


def test_each_student_sees_the_options_in_their_own_order_from_one_prepared_question(course: Course, student: User) -> None:
    chosen = QuestionFactory(choices=[{"id": f"c{i}", "text": f"Option {i}"} for i in range(1, 9)], answer={"correct": "c1"})
    quiz = fixed_quiz(course=course, questions=[chosen], shuffle_options=True)
    orders = []
    for index in range(4):
        user = student
        if index:
            user = UserFactory(username=f"classmate-{index}", role=User.Role.STUDENT)
            EnrollmentFactory(course=course, user=user, role=Enrollment.Role.STUDENT)
        attempt = attempt_start(quiz=quiz, user=user)
        shown = api_for(user).get(f"/api/attempts/{attempt.pk}/").json()["questions"][0]
        own = Response.objects.get(attempt=attempt).option_order
        assert [o["id"] for o in shown["options"]] == own
        assert all(o["text"] == f"Option {o['id'][1:]}" for o in shown["options"])
        orders.append(own)
    # Eight options shuffled four times: the same order four times would be a shared order.
    assert len({tuple(o) for o in orders}) > 1


def test_the_questions_json_is_what_the_serializer_gives(course: Course, student: User) -> None:
    attempt = attempt_start(quiz=every_type_quiz(course), user=student)
    answers = {r.question_id: RIGHT[r.question.type] for r in attempt.responses.select_related("question") if r.question.type in RIGHT}
    responses_save(attempt=attempt, user=student, answers=answers)
    first = attempt.responses.order_by("position").first()
    assert first is not None
    response_flag(attempt_id=attempt.pk, user=student, question_id=first.question_id, flagged=True)
    questions = attempt_questions(attempt=attempt)
    assert any(q.essay for q in questions) and any(q.left for q in questions) and any(q.flagged for q in questions)
    assert attempt_questions_data(questions) == AttemptQuestionSerializer(questions, many=True).data


def test_the_result_items_json_is_what_the_serializer_gives_to_the_student_and_to_staff(
    course: Course, student: User, instructor: User
) -> None:
    attempt = attempt_start(quiz=every_type_quiz(course), user=student)
    answers = {r.question_id: RIGHT[r.question.type] for r in attempt.responses.select_related("question") if r.question.type in RIGHT}
    answers[attempt.responses.order_by("position").first().question_id] = None  # one left blank
    attempt_submit(attempt=attempt, user=student, answers=answers)
    attempt_grade(attempt_id=attempt.pk)
    graded = Attempt.objects.get(pk=attempt.pk)
    # The quiz shuffles its questions: the override goes to whichever position holds one that is not the essay.
    marked = next(
        r.position for r in graded.responses.select_related("question").order_by("position") if r.question.type != QuestionType.ESSAY
    )
    response_override(attempt=graded, position=marked, by=instructor, points=Decimal("0.5"), comment="Half: the reading says 2014.")
    graded.refresh_from_db()

    for reader in (student, instructor):
        items = attempt_result_for_user(user=reader, attempt=graded).items
        assert any(i.correct_answer is not None for i in items) and any(i.override_comment for i in items)
        assert any(i.left for i in items) and any(i.feedback for i in items)
        assert result_items_data(items) == ResultItemSerializer(items, many=True).data
    assert any(i.awaiting_marking for i in attempt_result_for_user(user=student, attempt=graded).items)


def test_the_attempts_own_fields_are_what_the_serializer_gives_in_every_state(course: Course, student: User, instructor: User) -> None:
    quiz = every_type_quiz(course)
    quiz.time_limit_seconds = 600
    quiz.save(update_fields=["time_limit_seconds"])
    attempt = attempt_start(quiz=quiz, user=student)
    seen = []

    def check(reader: User) -> None:
        current = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
        result = (
            attempt_result_for_user(user=reader, attempt=current)
            if current.state == Attempt.State.GRADED
            else AttemptResult(
                attempt_id=current.pk, state=current.state, level=attempt_review_level(user=reader, attempt=current), graded=False
            )
        )
        data = attempt_head(attempt=current, result=result)
        assert attempt_head_data(data) == dict(AttemptOutputSerializer(data).data)
        seen.append((current.state, data["deadline"] is not None, data["score"] is not None, data["automatic_score"] is not None))

    check(student)
    answers = {r.question_id: RIGHT[r.question.type] for r in attempt.responses.select_related("question") if r.question.type in RIGHT}
    attempt_submit(attempt=attempt, user=student, answers=answers)
    check(student)
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.GRADING)
    check(student)
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.SUBMITTED)
    attempt_grade(attempt_id=attempt.pk)
    check(student)  # the essay awaits its mark: the automatic part's score
    check(instructor)
    assert {state for state, *_ in seen} == {"in_progress", "submitted", "grading", "graded"}
    assert all(deadline for _, deadline, _, _ in seen)
    assert any(automatic for *_, automatic in seen) and any(score for _, _, score, _ in seen)


def test_a_read_without_prepared_questions_shows_what_a_prepared_one_does(course: Course, student: User) -> None:
    attempt = attempt_start(quiz=every_type_quiz(course), user=student)
    warm = attempt_questions(attempt=attempt)
    prepared_questions_forget(q.question_id for q in warm)
    assert attempt_questions(attempt=attempt) == warm
    # The start's own reply, from the rows it drew, is the same again.
    assert attempt_questions(attempt=attempt, responses=list(attempt.responses.select_related("question"))) == warm


def test_a_new_version_of_a_question_is_prepared_under_its_own_key(course: Course) -> None:
    first = QuestionFactory(stem="Which year did Finland join NATO?")
    second = QuestionFactory(bank=first.bank, root=first, version=2, stem="In which year did Finland join NATO?")
    assert prepared_questions([first.pk])[first.pk]["stem"] == "Which year did Finland join NATO?"
    assert prepared_questions([second.pk])[second.pk]["stem"] == "In which year did Finland join NATO?"
    assert prepared_questions([first.pk])[first.pk]["stem"] == "Which year did Finland join NATO?"


def test_nothing_secret_is_prepared(course: Course) -> None:
    numeric = question_of(QuestionType.NUMERIC, explanation="EXPLANATION", source_passage="PASSAGE")
    prepared = prepared_questions([numeric.pk])[numeric.pk]
    assert prepared["unit"] == "billion USD"  # printed beside the box
    assert "280" not in repr(prepared) and "EXPLANATION" not in repr(prepared) and "PASSAGE" not in repr(prepared)


# --- the page's autosave ------------------------------------------------------------------------------


def _single_choice_attempt(course: Course, student: User) -> tuple[Attempt, Response]:
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.SINGLE_CHOICE), question_of(QuestionType.CLOZE)])
    attempt = attempt_start(quiz=quiz, user=student)
    return attempt, attempt.responses.get(question__type=QuestionType.SINGLE_CHOICE)


def test_a_malformed_answer_on_the_page_is_refused_and_loses_nothing_saved(course: Course, student: User) -> None:
    attempt, response = _single_choice_attempt(course, student)
    web = client_for(student)
    assert web.post(f"/attempts/{attempt.pk}/answer/", {"question": response.question_id, "answer": "c1"}).status_code == 204
    refused = web.post(f"/attempts/{attempt.pk}/answer/", {"question": response.question_id, "answer": "no-such-option"})
    assert refused.status_code == 422
    assert refused.content.decode().startswith("Your answer was not saved: ")
    response.refresh_from_db()
    assert response.answer == "c1"


def test_the_page_says_unknown_question_for_a_question_not_in_the_attempt(course: Course, student: User) -> None:
    attempt, _ = _single_choice_attempt(course, student)
    web = client_for(student)
    for question in (QuestionFactory().pk, "not-a-number"):
        reply = web.post(f"/attempts/{attempt.pk}/answer/", {"question": question, "answer": "c1"})
        assert (reply.status_code, reply.content.decode()) == (422, "Unknown question.")


def test_the_page_refuses_an_answer_to_another_students_or_a_submitted_attempt(course: Course, student: User, instructor: User) -> None:
    attempt, response = _single_choice_attempt(course, student)
    for someone_else in (instructor, UserFactory(username="classmate", role=User.Role.STUDENT)):
        EnrollmentFactory(course=course, user=UserFactory(username=f"x-{someone_else.pk}"))
        reply = client_for(someone_else).post(f"/attempts/{attempt.pk}/answer/", {"question": response.question_id, "answer": "c1"})
        assert reply.status_code == 404
    attempt_submit(attempt=attempt, user=student)
    closed = client_for(student).post(f"/attempts/{attempt.pk}/answer/", {"question": response.question_id, "answer": "c2"})
    assert closed.status_code == 409 and closed["X-Attempt-Closed"] == "1"
    response.refresh_from_db()
    assert response.answer is None


# --- the API's autosave and submit --------------------------------------------------------------------


def test_the_api_reads_the_answer_without_the_serializer_and_keeps_its_errors(course: Course, student: User) -> None:
    attempt, response = _single_choice_attempt(course, student)
    api = api_for(student)
    url = f"/api/attempts/{attempt.pk}/responses/{response.question_id}/"
    saved = api.put(url, {"answer": "c2"}, format="json").json()
    assert saved["question_id"] == response.question_id and saved["answer"] == "c2" and saved["saved_at"].endswith("Z")
    not_an_object = api.put(url, ["c1"], format="json")
    assert not_an_object.status_code == 400 and not_an_object.json()["code"] == "invalid"
    missing = api.put(url, {}, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == "required" and "answer" in missing.json()["errors"]
    response.refresh_from_db()
    assert response.answer == "c2"


def test_a_submit_after_the_deadline_still_says_so_and_submits_what_was_saved(course: Course, student: User) -> None:
    attempt, response = _single_choice_attempt(course, student)
    responses_save(attempt=attempt, user=student, answers={response.question_id: "c1"})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=attempt.started_at)
    reply = api_for(student).post(f"/api/attempts/{attempt.pk}/submit/")
    assert reply.status_code == 409 and reply.json()["code"] == "deadline_passed"
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.auto_submitted


def test_saving_several_answers_is_refused_whole_when_one_is_malformed(course: Course, student: User) -> None:
    attempt, response = _single_choice_attempt(course, student)
    answers = answers_for(attempt, RIGHT)
    responses_save(attempt=attempt, user=student, answers=answers)
    with pytest.raises(AnswerRejected):
        responses_save(attempt=attempt, user=student, answers={**answers, response.question_id: ["c1", "c2"]})
    assert {r.question_id: r.answer for r in attempt.responses.all()}[response.question_id] == "c1"


def test_a_start_stores_a_row_version_once_and_a_changed_row_again(course: Course) -> None:
    from django.core.cache import cache

    from quizzes import cache_questions

    question = QuestionFactory(stem="Which summit was held in Vilnius?")
    unstamped = QuestionFactory(stem="Which year?")
    key = cache_questions._key
    question.stamp = "901/(0,7)"  # type: ignore[attr-defined]  # as the draw reads it on PostgreSQL

    cache_questions.prepared_questions_store_drawn([question, unstamped])
    assert cache.get(key(question.pk))["stem"] == "Which summit was held in Vilnius?"
    cache.delete_many([key(question.pk), key(unstamped.pk)])

    # The same row version again: not stored (a miss would be read from the row); a row read
    # without a stamp (SQLite, fixed questions) is stored every time.
    cache_questions.prepared_questions_store_drawn([question, unstamped])
    assert cache.get(key(question.pk)) is None
    assert cache.get(key(unstamped.pk))["stem"] == "Which year?"
    assert prepared_questions([question.pk])[question.pk]["stem"] == "Which summit was held in Vilnius?"

    # The row changed in place (another version of the row, another stamp): stored afresh.
    question.stem = "Which summit was held in Washington?"
    question.stamp = "915/(0,9)"  # type: ignore[attr-defined]
    cache_questions.prepared_questions_store_drawn([question])
    assert cache.get(key(question.pk))["stem"] == "Which summit was held in Washington?"
