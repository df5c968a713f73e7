"""Descriptions in a quiz: text an author places between questions. A draw never picks one, a
shuffle leaves it where it was placed, and the student sees its text only: no number, no points,
no flag, nothing to answer, and it never counts as a question (navigator, "Question x of y", the
submit page's unanswered list, the result page, the API's attempt payload)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from quizzes.models import Question, QuestionType
from quizzes.selectors.attempts import question_numbers
from quizzes.selectors.banks import bank_approved_questions
from quizzes.selectors.statistics import quiz_statistics
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.draws import SHORT_BANK, quiz_draw
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.quizzes.builders import drawn_quiz, fixed_quiz

pytestmark = pytest.mark.django_db

SEEDS = range(30)
INTRO = "The next questions are about the Vilnius summit."
INTERLUDE = "Now three questions on the Madrid Strategic Concept."


def description(stem: str = INTRO, **kwargs) -> Question:  # type: ignore[no-untyped-def]
    return QuestionFactory(type=QuestionType.DESCRIPTION, stem=stem, choices=[], answer={}, points=0, explanation="", **kwargs)


def page_of(user, name: str, *args) -> str:  # type: ignore[no-untyped-def]
    reply = client_for(user).get(reverse(name, args=args))
    assert reply.status_code == 200
    return reply.content.decode()


def between(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


# --- the draw ------------------------------------------------------------------------------------


def test_a_draw_from_a_bank_never_picks_a_description(course) -> None:
    bank = QuestionBankFactory(course=course)
    for n in range(4):
        description(f"Reading note {n}.", bank=bank)
    questions = {QuestionFactory(bank=bank).pk for _ in range(4)}
    quiz = drawn_quiz(course=course, bank=bank, count=4)
    for seed in SEEDS:
        drawn = quiz_draw(quiz=quiz, seed=seed)
        assert {d.question.pk for d in drawn.questions} == questions, f"seed {seed}"
        assert drawn.short == []


def test_a_bank_of_descriptions_and_two_questions_has_two_questions_to_draw(course) -> None:
    bank = QuestionBankFactory(course=course, name="Summits")
    questions = [QuestionFactory(bank=bank) for _ in range(4)]
    quiz = drawn_quiz(course=course, bank=bank, count=4)
    # Since the quiz was set up, two questions went back to draft and descriptions were added.
    Question.objects.filter(pk__in=[q.pk for q in questions[2:]]).update(status=Question.Status.DRAFT)
    for n in range(3):
        description(f"Reading note {n}.", bank=bank)

    drawn = quiz_draw(quiz=quiz, seed=1)

    assert [d.question.type for d in drawn.questions] == [QuestionType.SINGLE_CHOICE] * 2
    assert [s.message for s in drawn.short] == [SHORT_BANK.format(got=2, wanted=4, bank="Summits", topic="")]


def test_a_placed_description_stays_where_the_author_put_it_when_questions_are_shuffled(course) -> None:
    intro, interlude = description(INTRO), description(INTERLUDE)
    first, second, third, fourth = (QuestionFactory() for _ in range(4))
    quiz = fixed_quiz(course=course, questions=[intro, first, second, interlude, third, fourth], shuffle_questions=True)
    orders = set()
    for seed in SEEDS:
        drawn = [d.question for d in quiz_draw(quiz=quiz, seed=seed).questions]
        assert (drawn[0], drawn[3]) == (intro, interlude), f"seed {seed}"
        orders.add(tuple(q.pk for q in drawn))
    assert len(orders) > 1, "the questions around them are still shuffled"


def test_questions_are_numbered_past_descriptions() -> None:
    d, q = QuestionType.DESCRIPTION, QuestionType.SINGLE_CHOICE
    assert question_numbers([d, q, q, d, QuestionType.ESSAY]) == [None, 1, 2, None, 3]
    assert question_numbers([]) == []


# --- the taking page -----------------------------------------------------------------------------


def test_the_taking_page_shows_a_description_as_text_without_number_points_or_flag(course, student) -> None:
    intro, first, second = description(), QuestionFactory(points=2), QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[intro, first, second], shuffle_questions=False)
    attempt = attempt_start(quiz=quiz, user=student)

    page = page_of(student, "attempt-take", attempt.pk)

    block = between(page, '<section class="description-item"', "</section>")
    assert INTRO in block
    for absent in ("point", "Flag", "Question", 'name="question"', "Not answered"):
        assert absent not in block, absent
    assert "Question 1 <span" in page and "of 2 · 2 points" in page
    assert "Question 2 <span" in page and "of 2 · 1 point<" in page
    assert "Question 3" not in page
    navigator = between(page, '<nav class="qnav"', "</nav>")
    assert re.findall(r'data-number="(\d+)"', navigator) == ["1", "2"]
    assert navigator.count("unanswered") == 2, "two questions to answer, not three"


def test_pages_hold_questions_and_a_description_goes_with_the_question_it_introduces(course, student) -> None:
    first, interlude, second, outro = QuestionFactory(), description(INTERLUDE), QuestionFactory(), description("The end.")
    quiz = fixed_quiz(course=course, questions=[first, interlude, second, outro], shuffle_questions=False, questions_per_page=1)
    attempt = attempt_start(quiz=quiz, user=student)
    client = client_for(student)

    one = client.get(reverse("attempt-take", args=[attempt.pk]), {"page": 1}).content.decode()
    two = client.get(reverse("attempt-take", args=[attempt.pk]), {"page": 2}).content.decode()

    assert "Page 1 of 2" in one and "Page 2 of 2" in two
    assert INTERLUDE not in one and INTERLUDE in two and "The end." in two
    assert 'id="q-1"' in one and 'id="q-3"' in two


def test_the_submit_page_counts_only_questions_as_unanswered(course, student) -> None:
    intro, first, second = description(), QuestionFactory(), QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[intro, first, second], shuffle_questions=False)
    attempt = attempt_start(quiz=quiz, user=student)
    responses_save(attempt=attempt, user=student, answers={first.pk: "c1"})

    page = page_of(student, "attempt-submit", attempt.pk)

    assert "You have not answered 1 of 2 questions:" in page
    unanswered = between(page, '<ul id="unanswered">', "</ul>")
    assert ">Question 2</a>" in unanswered and "#q-3" in unanswered and "Question 3" not in unanswered

    responses_save(attempt=attempt, user=student, answers={second.pk: "c2"})
    assert "You have answered all 2 questions." in page_of(student, "attempt-submit", attempt.pk)


def test_the_start_page_counts_the_questions_and_not_the_descriptions(course, student) -> None:
    quiz = fixed_quiz(course=course, questions=[description(), QuestionFactory(), QuestionFactory()])
    page = page_of(student, "quiz-start", quiz.pk)
    assert "<dt>Questions</dt><dd>2, all on one page</dd>" in page


# --- after submitting ----------------------------------------------------------------------------


def _graded(course, student):  # type: ignore[no-untyped-def]
    intro, first, second = description(), QuestionFactory(), QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[intro, first, second], shuffle_questions=False)
    attempt = attempt_start(quiz=quiz, user=student)
    responses_save(attempt=attempt, user=student, answers={first.pk: "c1", second.pk: "c2"})
    attempt_submit(attempt=attempt, user=student)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None
    return graded


def test_the_result_page_shows_the_description_as_text_and_numbers_the_questions(course, student) -> None:
    attempt = _graded(course, student)

    page = page_of(student, "attempt-result", attempt.pk)

    block = between(page, 'id="r-1"', "</li>")
    assert INTRO in block
    for absent in ("<h3", "Your answer", "Correct answer", "badge", "muted"):
        assert absent not in block, absent
    assert re.search(r'id="r-2">\s*<h3>Question 1 ', page) and re.search(r'id="r-3">\s*<h3>Question 2 ', page)
    assert "Score: 1 / 2" in page


def test_the_instructors_attempt_view_offers_no_mark_or_key_for_a_description(course, student, instructor) -> None:
    attempt = _graded(course, student)

    page = page_of(instructor, "attempt-inspect", attempt.pk)

    block = between(page, 'id="r-1"', "</li>")
    assert INTRO in block
    for absent in ("Key:", "Points", "Student's answer", "<form"):
        assert absent not in block, absent
    assert re.search(r'id="r-2">\s*<h3>Question 1 ', page)


# --- the API -------------------------------------------------------------------------------------


def test_the_api_numbers_questions_and_leaves_descriptions_unnumbered(course, student) -> None:
    intro, first, second = description(), QuestionFactory(), QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[intro, first, second], shuffle_questions=False)
    api = APIClient()
    api.force_authenticate(student)

    started = api.post(reverse("api-attempt-start", args=[quiz.pk])).json()
    listed = api.get(reverse("api-response-list", args=[started["id"]])).json()
    refused = api.put(reverse("api-response-save", args=[started["id"], intro.pk]), {"answer": "anything"}, format="json")

    assert [(q["type"], q["number"]) for q in started["questions"]] == [
        (QuestionType.DESCRIPTION, None),
        (QuestionType.SINGLE_CHOICE, 1),
        (QuestionType.SINGLE_CHOICE, 2),
    ]
    assert [q["number"] for q in listed] == [None, 1, 2]
    assert refused.status_code == 400

    for question in (first, second):
        api.put(reverse("api-response-save", args=[started["id"], question.pk]), {"answer": "c1"}, format="json")
    api.post(reverse("api-attempt-submit", args=[started["id"]]))
    attempt_grade(attempt_id=started["id"])
    items = api.get(reverse("api-attempt-detail", args=[started["id"]])).json()["items"]
    assert [(i["number"], i["max_points"]) for i in items] == [(None, None), (1, 1.0), (2, 1.0)]


# --- what instructors count and analyse -----------------------------------------------------------


def test_a_quizs_source_counts_only_questions_it_can_draw(course) -> None:
    bank = QuestionBankFactory(course=course)
    questions = {QuestionFactory(bank=bank).pk for _ in range(2)}
    description(bank=bank, status=Question.Status.APPROVED)

    assert set(bank_approved_questions(bank=bank).values_list("pk", flat=True)) == questions


def test_item_statistics_analyse_questions_and_leave_descriptions_out(course, student) -> None:
    attempt = _graded(course, student)

    stats = quiz_statistics(quiz=attempt.quiz)

    assert stats.items and all(item.type != QuestionType.DESCRIPTION for item in stats.items)
    assert len(stats.items) == 2


def test_a_description_cannot_be_flagged(course, student) -> None:
    from quizzes.services.attempt_rules import UnknownQuestion
    from quizzes.services.flags import DESCRIPTION_NOT_FLAGGED, response_flag

    intro, first = description(), QuestionFactory()
    attempt = attempt_start(quiz=fixed_quiz(course=course, questions=[intro, first], shuffle_questions=False), user=student)

    with pytest.raises(UnknownQuestion, match=DESCRIPTION_NOT_FLAGGED):
        response_flag(attempt_id=attempt.pk, user=student, question_id=intro.pk, flagged=True)
    assert response_flag(attempt_id=attempt.pk, user=student, question_id=first.pk, flagged=True).flagged
    assert not attempt.responses.get(question=intro).flagged


def test_the_instructors_preview_numbers_questions_past_a_description(course, instructor) -> None:
    intro, first, second = description(), QuestionFactory(), QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[intro, first, second], shuffle_questions=False)

    page = page_of(instructor, "quiz-preview", quiz.pk)

    assert INTRO in page
    assert "Question 1 " in page and "Question 2 " in page and "Question 3 " not in page
    assert "0 points" not in page
