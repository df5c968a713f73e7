"""The review policy holds everywhere a student can look (security review 2026-11-30, F1, F4, F5).

Each test replays a finding as the review did, through the API and the pages a student uses:

- F1: a practice quiz must never hand back the key of an exam question whose policy hides it,
  nor use an option id that exam showed; building practice again and again is limited;
- F4: a "nothing" policy hides the score on the dashboard and the quiz start page, and keeps
  the per-question right/wrong out of mastery (``/api/me/progress/``, the dashboard chart) and
  out of the practice schedule (``/api/me/practice/``), until the policy shows right/wrong;
- F5: closing a quiz early closes the attempts in progress (later answers: 409), and the
  "after close" review waits until no attempt of the quiz is still open.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from courseware.models import Course, User
from quizzes.models import Attempt, Fact, Question, Quiz, TopicMastery
from quizzes.services.attempts import attempts_autosubmit_expired
from quizzes.services.grading import attempt_grade
from quizzes.services.practice import PRACTICE_PER_DAY
from tests.api.conftest import token_client
from tests.conftest import client_for
from tests.factories import EnrollmentFactory, FactFactory, ModuleFactory, QuestionBankFactory, QuestionFactory, UserFactory
from tests.quizzes.builders import RIGHT, WRONG

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
LATER = dt.timedelta(hours=1)  # a wrong fact is due again within minutes; an hour is plenty
SCORE_CELL = '<td class="num">50%</td>'  # one right out of two


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def single(bank: Any, fact: Fact, ids: tuple[str, ...], **kwargs: Any) -> Question:
    """A single-choice question about ``fact`` whose options carry ``ids`` (the first one is right)."""
    texts = ["HIMARS", "Patriot", "IRIS-T", "NASAMS"]
    return QuestionFactory(
        bank=bank,
        fact=fact,
        choices=[{"id": i, "text": t} for i, t in zip(ids, texts, strict=False)],
        answer={"correct": ids[0]},
        **kwargs,
    )


def exam(course: Course, questions: list[Question], *, after_submit: int, after_close: int | None = None, **settings: Any) -> Quiz:
    module = ModuleFactory(course=course)
    quiz = Quiz.objects.create(
        module=module,
        title="A strict exam",
        is_published=True,
        shuffle_questions=False,
        review_after_submit=after_submit,
        review_after_close=after_submit if after_close is None else after_close,
        **settings,
    )
    for position, question in enumerate(questions, start=1):
        quiz.fixed_questions.create(question=question, position=position)
    return quiz


def take_by_api(client: Any, quiz: Quiz, answers: dict[int, Any], *, grade: bool = True) -> dict[str, Any]:
    """Start, answer and submit through the API; then the worker grades it. The graded poll's body."""
    started = client.post(f"/api/quizzes/{quiz.pk}/attempts/")
    assert started.status_code == 201, started.content
    attempt_id = started.json()["id"]
    for question_id, answer in answers.items():
        saved = client.put(f"/api/attempts/{attempt_id}/responses/{question_id}/", {"answer": answer}, format="json")
        assert saved.status_code == 200, saved.content
    assert client.post(f"/api/attempts/{attempt_id}/submit/").status_code == 202
    if grade:
        attempt_grade(attempt_id=attempt_id)
    return client.get(f"/api/attempts/{attempt_id}/").json()


def practice_round(client: Any, course: Course) -> dict[str, Any] | None:
    """Build a practice quiz, submit it empty and read its review (the review's F1 script); None if refused."""
    built = client.post("/api/me/practice/quizzes/", {"course": course.pk, "size": 50}, format="json")
    if built.status_code != 201:
        return None
    return take_by_api(client, Quiz.objects.get(pk=built.json()["id"]), {})


# --- F1: practice never reveals a key an exam's policy hides --------------------------------------------


@pytest.mark.parametrize("review", [Quiz.Review.NOTHING, Quiz.Review.SCORE, Quiz.Review.CORRECTNESS])
def test_practice_never_reveals_the_key_of_an_exam_question_whose_policy_hides_it(
    review: int, course: Course, student: User, clock: Any
) -> None:
    fact = FactFactory()
    bank = QuestionBankFactory(course=course)
    asked = single(bank, fact, ("e1", "e2", "e3", "e4"))
    # Another question about the same fact that shares an option id with the exam's question:
    # its key in practice ("e1" is right) would be the exam's key.
    sharing = single(bank, fact, ("e1", "s2", "s3", "s4"))
    quiz = exam(course, [asked], after_submit=review)
    client = token_client(student)
    take_by_api(client, quiz, {asked.pk: "e2"})

    clock.shift(LATER)
    review_body = practice_round(client, course)

    shown = review_body["items"] if review_body else []
    assert [item["question_id"] for item in shown if item["question_id"] in (asked.pk, sharing.pk)] == []
    assert "e1" not in json.dumps(shown)


def test_practice_uses_other_questions_about_the_fact_once_right_and_wrong_are_shown(course: Course, student: User, clock: Any) -> None:
    """The exam shows right/wrong but not the keys: the fact is practised, with a question the exam never showed."""
    fact = FactFactory()
    bank = QuestionBankFactory(course=course)
    asked = single(bank, fact, ("e1", "e2", "e3", "e4"))
    fresh = single(bank, fact, ("f1", "f2", "f3", "f4"))
    quiz = exam(course, [asked], after_submit=Quiz.Review.CORRECTNESS)
    client = token_client(student)
    take_by_api(client, quiz, {asked.pk: "e2"})

    clock.shift(LATER)
    review_body = practice_round(client, course)

    assert review_body is not None
    assert [(item["question_id"], item["correct_answer"]) for item in review_body["items"]] == [(fresh.pk, {"correct": "f1"})]


def test_practice_never_reveals_the_feedback_an_exam_hides(course: Course, student: User, clock: Any) -> None:
    """Keys shown, feedback not: practice, which shows feedback, must not reuse the question (found by the state machine)."""
    fact = FactFactory()
    asked = single(QuestionBankFactory(course=course), fact, ("e1", "e2", "e3", "e4"), explanation="Zq-explained")
    quiz = exam(course, [asked], after_submit=Quiz.Review.ANSWERS)
    client = token_client(student)
    take_by_api(client, quiz, {asked.pk: "e2"})

    clock.shift(LATER)
    review_body = practice_round(client, course)

    assert "Zq-explained" not in json.dumps(review_body)


def test_practice_may_reuse_an_exam_question_once_the_exam_shows_everything(course: Course, student: User, clock: Any) -> None:
    fact = FactFactory()
    asked = single(QuestionBankFactory(course=course), fact, ("e1", "e2", "e3", "e4"))
    quiz = exam(course, [asked], after_submit=Quiz.Review.FEEDBACK)
    client = token_client(student)
    take_by_api(client, quiz, {asked.pk: "e2"})

    clock.shift(LATER)
    review_body = practice_round(client, course)

    assert review_body is not None and [item["question_id"] for item in review_body["items"]] == [asked.pk]


def test_building_and_submitting_practice_again_and_again_is_limited_per_day(course: Course, student: User, clock: Any) -> None:
    fact = FactFactory()
    bank = QuestionBankFactory(course=course)
    questions = [single(bank, fact, (f"q{n}a", f"q{n}b")) for n in range(3)]
    quiz = exam(course, questions[:1], after_submit=Quiz.Review.FEEDBACK, attempts_allowed=None)
    client = token_client(student)
    take_by_api(client, quiz, {questions[0].pk: "q0b"})

    rounds = 0
    for _ in range(PRACTICE_PER_DAY + 3):
        clock.shift(LATER)  # the empty submission makes the fact due again soon
        if practice_round(client, course) is None:
            break
        rounds += 1
    refused = client.post("/api/me/practice/quizzes/", {"course": course.pk}, format="json")

    assert rounds == PRACTICE_PER_DAY
    assert (refused.status_code, refused.json()["code"]) == (429, "practice_limit_reached")
    clock.shift(dt.timedelta(days=1))
    assert practice_round(client, course) is not None  # a new day, new practice


# --- F4: "nothing" hides the score and right/wrong everywhere ---------------------------------------------


def nothing_exam_taken(course: Course, student: User) -> tuple[Quiz, dict[str, Any]]:
    """student took a "nothing" exam of two questions about two facts: one right, one wrong."""
    bank = QuestionBankFactory(course=course)
    right = QuestionFactory(bank=bank, fact=FactFactory(), topic="membership")
    wrong = QuestionFactory(bank=bank, fact=FactFactory(), topic="air-defence")
    quiz = exam(course, [right, wrong], after_submit=Quiz.Review.NOTHING)
    body = take_by_api(token_client(student), quiz, {right.pk: "c1", wrong.pk: "c2"})
    return quiz, body


def test_a_nothing_policy_hides_the_score_on_the_dashboard_and_the_quiz_start_page(course: Course, student: User) -> None:
    quiz, body = nothing_exam_taken(course, student)
    assert (body["review_level"], body["score"]) == (0, None)
    browser = client_for(student)

    dashboard = browser.get("/").content.decode()
    start_page = browser.get(f"/quizzes/{quiz.pk}/").content.decode()

    assert "A strict exam" in dashboard and SCORE_CELL not in dashboard
    assert "#1" in start_page and SCORE_CELL not in start_page


def test_the_dashboard_and_quiz_start_page_show_the_score_when_the_policy_does(course: Course, student: User) -> None:
    """Positive control for the test above: the same pages, a "score" policy, the score shows."""
    quiz, _ = nothing_exam_taken(course, student)
    Quiz.objects.filter(pk=quiz.pk).update(review_after_submit=Quiz.Review.SCORE, review_after_close=Quiz.Review.SCORE)
    browser = client_for(student)
    assert SCORE_CELL in browser.get("/").content.decode()
    assert SCORE_CELL in browser.get(f"/quizzes/{quiz.pk}/").content.decode()


def test_a_nothing_policy_keeps_right_and_wrong_out_of_mastery_and_the_practice_schedule(course: Course, student: User, clock: Any) -> None:
    nothing_exam_taken(course, student)
    client = token_client(student)
    clock.shift(LATER)

    progress = client.get("/api/me/progress/").json()
    practice = client.get("/api/me/practice/").json()
    dashboard = client_for(student).get("/").content.decode()
    progress_page = client_for(student).get("/progress/").content.decode()

    assert (progress["topics"], progress["facts_scheduled"], progress["facts_due"]) == ([], 0, 0)
    assert practice == []
    assert "air-defence" not in dashboard and "membership" not in dashboard
    assert "air-defence" not in progress_page and "membership" not in progress_page


def test_answers_count_in_mastery_once_the_quiz_closes_and_its_review_shows_right_and_wrong(
    course: Course, student: User, instructor: User, clock: Any
) -> None:
    bank = QuestionBankFactory(course=course)
    wrong = QuestionFactory(bank=bank, fact=FactFactory(), topic="air-defence")
    quiz = exam(course, [wrong], after_submit=Quiz.Review.NOTHING, after_close=Quiz.Review.CORRECTNESS)
    client = token_client(student)
    take_by_api(client, quiz, {wrong.pk: "c2"})
    assert client.get("/api/me/progress/").json()["topics"] == []

    closes = (timezone.now() - dt.timedelta(seconds=5)).isoformat()
    assert token_client(instructor).post(f"/api/quizzes/{quiz.pk}/update/", {"closes_at": closes}, format="json").status_code == 200

    topics = client.get("/api/me/progress/").json()["topics"]
    assert [(t["topic"], t["answered"], t["mastery"]) for t in topics] == [("air-defence", 1, 0.0)]
    clock.shift(LATER)
    assert [row["fact"] for row in client.get("/api/me/practice/").json()] == [wrong.fact_id]


def test_a_close_that_passes_by_itself_releases_mastery_with_the_auto_submitter(course: Course, student: User, clock: Any) -> None:
    wrong = QuestionFactory(bank=QuestionBankFactory(course=course), fact=FactFactory(), topic="air-defence")
    quiz = exam(
        course,
        [wrong],
        after_submit=Quiz.Review.NOTHING,
        after_close=Quiz.Review.FEEDBACK,
        closes_at=T0 + dt.timedelta(minutes=30),
    )
    take_by_api(token_client(student), quiz, {wrong.pk: "c2"})
    assert not TopicMastery.objects.filter(user=student).exists()

    clock.shift(dt.timedelta(minutes=31))
    from quizzes.tasks.grading import autosubmit_expired_attempts_task

    autosubmit_expired_attempts_task()

    assert TopicMastery.objects.get(user=student, topic="air-defence").answered == 1


# --- F5: closing a quiz early ------------------------------------------------------------------------------


@pytest.fixture
def after_close_quiz(course: Course) -> tuple[Quiz, list[Question]]:
    """The review's quiz 10: fixed questions, no time limit, review nothing after submit, answers after close."""
    bank = QuestionBankFactory(course=course)
    questions = [QuestionFactory(bank=bank) for _ in range(5)]
    return exam(course, questions, after_submit=Quiz.Review.NOTHING, after_close=Quiz.Review.ANSWERS), questions


def test_closing_a_quiz_early_submits_the_attempts_in_progress_and_refuses_later_answers(
    course: Course, student: User, instructor: User, after_close_quiz: tuple[Quiz, list[Question]]
) -> None:
    quiz, questions = after_close_quiz
    finished, answering = student, UserFactory(username="student3")
    EnrollmentFactory(course=course, user=answering)
    take_by_api(token_client(finished), quiz, {q.pk: "c2" for q in questions})
    late = token_client(answering)
    attempt_id = late.post(f"/api/quizzes/{quiz.pk}/attempts/").json()["id"]
    assert late.get(f"/api/attempts/{attempt_id}/").json()["deadline"] is None

    closes = (timezone.now() - dt.timedelta(seconds=5)).isoformat()
    assert token_client(instructor).post(f"/api/quizzes/{quiz.pk}/update/", {"closes_at": closes}, format="json").status_code == 200

    saves = [late.put(f"/api/attempts/{attempt_id}/responses/{q.pk}/", {"answer": "c1"}, format="json") for q in questions]
    assert [s.status_code for s in saves] == [409] * 5
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.state == Attempt.State.SUBMITTED and attempt.auto_submitted
    assert late.post(f"/api/attempts/{attempt_id}/submit/").status_code == 202  # idempotent: the same submission
    attempt_grade(attempt_id=attempt_id)
    assert Attempt.objects.get(pk=attempt_id).score == 0


def test_after_close_review_waits_until_no_attempt_of_the_quiz_is_open(
    course: Course, student: User, instructor: User, after_close_quiz: tuple[Quiz, list[Question]], clock: Any
) -> None:
    quiz, questions = after_close_quiz
    answering = UserFactory(username="student3")
    EnrollmentFactory(course=course, user=answering)
    finished = token_client(student)
    done = take_by_api(finished, quiz, {q.pk: "c2" for q in questions})
    late = token_client(answering)
    attempt_id = late.post(f"/api/quizzes/{quiz.pk}/attempts/").json()["id"]
    closes = (T0 + dt.timedelta(minutes=1)).isoformat()
    assert token_client(instructor).post(f"/api/quizzes/{quiz.pk}/update/", {"closes_at": closes}, format="json").status_code == 200

    clock.shift(dt.timedelta(minutes=2))  # closed, but the auto-submitter has not run yet
    before = finished.get(f"/api/attempts/{done['id']}/").json()
    page = client_for(student).get(f"/attempts/{done['id']}/result/").content.decode()
    refused = late.put(f"/api/attempts/{attempt_id}/responses/{questions[0].pk}/", {"answer": "c1"}, format="json")
    attempts_autosubmit_expired()
    after = finished.get(f"/api/attempts/{done['id']}/").json()

    assert (before["review_level"], before["items"]) == (Quiz.Review.NOTHING, [])
    assert "Correct answer" not in page and "HIMARS" not in page
    assert refused.status_code == 409
    assert after["review_level"] == Quiz.Review.ANSWERS
    assert {item["correct_answer"]["correct"] for item in after["items"]} == {"c1"}


def test_the_auto_submitter_closes_attempts_of_a_quiz_closed_behind_its_back(
    course: Course, student: User, after_close_quiz: tuple[Quiz, list[Question]]
) -> None:
    """A close written without the quiz service (a data fix, a script): the periodic auto-submitter still closes the attempt."""
    quiz, questions = after_close_quiz
    client = token_client(student)
    attempt_id = client.post(f"/api/quizzes/{quiz.pk}/attempts/").json()["id"]
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))

    assert attempts_autosubmit_expired() == [attempt_id]
    assert client.put(f"/api/attempts/{attempt_id}/responses/{questions[0].pk}/", {"answer": "c1"}, format="json").status_code == 409


def test_the_quiz_editor_page_closing_a_quiz_submits_the_attempts_in_progress(
    course: Course, student: User, instructor: User, after_close_quiz: tuple[Quiz, list[Question]]
) -> None:
    """The HTML editor goes through the same service as the API."""
    quiz, _ = after_close_quiz
    attempt_id = token_client(student).post(f"/api/quizzes/{quiz.pk}/attempts/").json()["id"]
    closes = (timezone.localtime() - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "title": quiz.title,
        "questions_per_page": 0,
        "grading_method": quiz.grading_method,
        "pass_mark": "50",
        "review_after_submit": quiz.review_after_submit,
        "review_after_close": quiz.review_after_close,
        "is_published": "on",
        "closes_at": closes,
    }
    saved = client_for(instructor).post(f"/teach/quizzes/{quiz.pk}/", form)

    assert saved.status_code == 302, saved.content.decode()[:500]
    assert Attempt.objects.get(pk=attempt_id).state == Attempt.State.SUBMITTED


def test_a_student_who_finished_keeps_after_submit_review_when_the_close_is_moved_later(
    course: Course, student: User, instructor: User, after_close_quiz: tuple[Quiz, list[Question]]
) -> None:
    """Extending the close is not closing: the keys stay hidden."""
    quiz, questions = after_close_quiz
    client = token_client(student)
    done = take_by_api(client, quiz, {q.pk: RIGHT["single_choice"] if i else WRONG["single_choice"] for i, q in enumerate(questions)})
    later = (timezone.now() + dt.timedelta(days=2)).isoformat()
    token_client(instructor).post(f"/api/quizzes/{quiz.pk}/update/", {"closes_at": later}, format="json")
    assert client.get(f"/api/attempts/{done['id']}/").json()["items"] == []
