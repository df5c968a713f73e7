"""Quiz pages: taking a quiz never reveals the key, answers autosave through htmx, submitting
leads to a result that polls until graded, and instructors' pages stay within their courses."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizzes.models import Attempt, QuestionBank, Quiz
from quizzes.services.attempts import attempt_start
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory, QuizSourceFactory

pytestmark = pytest.mark.django_db

TRAITS = ["single", "multiple_response", "true_false", "cloze", "numeric", "matching", "ordering", "short_answer"]


def _quiz_with_every_type(course, **quiz_kwargs) -> tuple[Quiz, QuestionBank]:
    bank = QuestionBankFactory()
    for trait in TRAITS:
        extra = {} if trait == "single" else {trait: True}
        QuestionFactory(bank=bank, explanation=f"EXPLANATION-{trait}", source_passage=f"PASSAGE-{trait}", **extra)
    quiz = QuizFactory(module=ModuleFactory(course=course), **quiz_kwargs)
    QuizSourceFactory(quiz=quiz, bank=bank, count=len(TRAITS))
    return quiz, bank


def _start(client, quiz) -> Attempt:
    response = client.post(reverse("quiz-start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    assert response["Location"] == reverse("attempt-take", args=[attempt.pk])
    return attempt


def test_the_quiz_taking_page_renders_every_type_without_its_answer_key(student, course):
    quiz, _ = _quiz_with_every_type(course)
    client = client_for(student)
    attempt = _start(client, quiz)
    html = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    for response in attempt.responses.select_related("question"):
        assert f'name="question" value="{response.question_id}"' in html
    assert html.count('type="radio"') == 4 + 2  # single choice options + true/false
    assert 'type="checkbox"' in html and "<select" in html and 'class="reorder"' in html and 'inputmode="decimal"' in html
    assert "billion USD" in html  # the numeric unit is shown; its value is not
    for secret in ("EXPLANATION-", "PASSAGE-", "Jens Stoltenberg", '"correct"', "accepted", "tolerance"):
        assert secret not in html
    # As a number on its own: the page's random CSRF token may well contain the digits "280".
    assert not re.search(r"(?<![\w.])280(?![\w.])", html)


def test_one_question_per_page_when_the_quiz_says_so(student, course):
    quiz, _ = _quiz_with_every_type(course, questions_per_page=1)
    client = client_for(student)
    attempt = _start(client, quiz)
    html = client.get(reverse("attempt-take", args=[attempt.pk]) + "?page=3").content.decode()
    assert html.count('class="question"') == 1
    assert 'id="q-3"' in html
    assert "Page 3 of 8" in html


def test_an_answer_autosaves_and_marks_the_question_answered(student, course):
    quiz, _ = _quiz_with_every_type(course, shuffle_questions=False)
    client = client_for(student)
    attempt = _start(client, quiz)
    response = attempt.responses.select_related("question").get(question__type="single_choice")
    url = reverse("attempt-answer", args=[attempt.pk])
    reply = client.post(url, {"question": response.question_id, "answer": "c2"}, HTTP_HX_REQUEST="true")
    assert reply.status_code == 204
    assert reply["X-Answered"] == "1"
    response.refresh_from_db()
    assert response.answer == "c2"
    # Saving the same answer again (a retry after a lost connection) is harmless.
    assert client.post(url, {"question": response.question_id, "answer": "c2"}).status_code == 204


def test_every_type_posts_back_in_its_answer_shape(student, course):
    quiz, _ = _quiz_with_every_type(course)
    client = client_for(student)
    attempt = _start(client, quiz)
    url = reverse("attempt-answer", args=[attempt.pk])
    posts = {
        "single_choice": {"answer": "c1"},
        "multiple_response": {"answer": ["c1", "c2"]},
        "true_false": {"answer": "false"},
        "cloze": {"answer": "HIMARS"},
        "numeric": {"answer": "281.5"},
        "matching": {"match-l1": "r1", "match-l2": "r2"},
        "ordering": {"order": ["o2", "o1", "o3"]},
        "short_answer": {"answer": "Stoltenberg"},
    }
    expected = {
        "single_choice": "c1",
        "multiple_response": ["c1", "c2"],
        "true_false": False,
        "cloze": "HIMARS",
        "numeric": "281.5",  # kept as typed, so it is shown back as typed
        "matching": {"l1": "r1", "l2": "r2"},
        "ordering": ["o2", "o1", "o3"],
        "short_answer": "Stoltenberg",
    }
    for response in attempt.responses.select_related("question"):
        reply = client.post(url, {"question": response.question_id, **posts[response.question.type]})
        assert reply.status_code == 204, response.question.type
        response.refresh_from_db()
        assert response.answer == expected[response.question.type]


def test_a_malformed_answer_is_refused_with_a_reason_and_changes_nothing(student, course):
    quiz, _ = _quiz_with_every_type(course)
    client = client_for(student)
    attempt = _start(client, quiz)
    response = attempt.responses.get(question__type="numeric")
    reply = client.post(reverse("attempt-answer", args=[attempt.pk]), {"question": response.question_id, "answer": "lots"})
    assert reply.status_code == 422
    assert "not saved" in reply.content.decode()
    response.refresh_from_db()
    assert response.answer is None


def test_another_student_cannot_see_or_answer_my_attempt(student, other_student, course):
    quiz, _ = _quiz_with_every_type(course)
    attempt = _start(client_for(student), quiz)
    intruder = client_for(other_student)
    assert intruder.get(reverse("attempt-take", args=[attempt.pk])).status_code == 404
    question_id = attempt.responses.first().question_id
    assert intruder.post(reverse("attempt-answer", args=[attempt.pk]), {"question": question_id, "answer": "c1"}).status_code == 404


def test_the_submit_page_lists_unanswered_questions_then_submits(student, course, django_capture_on_commit_callbacks):
    quiz, _ = _quiz_with_every_type(course, shuffle_questions=False)
    client = client_for(student)
    attempt = _start(client, quiz)
    html = client.get(reverse("attempt-submit", args=[attempt.pk])).content.decode()
    assert html.count("Question ") >= 8
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("attempt-submit", args=[attempt.pk]))
    assert response["Location"] == reverse("attempt-result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED


def test_the_result_polls_while_grading_and_stops_once_graded(student, course, django_capture_on_commit_callbacks):
    quiz, _ = _quiz_with_every_type(course)
    client = client_for(student)
    attempt = _start(client, quiz)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("attempt-submit", args=[attempt.pk]))
    url = reverse("attempt-result", args=[attempt.pk])
    waiting = client.get(url).content.decode()
    assert "Grading…" in waiting
    # The push endpoint fires "graded" (static/js/result_push.js); polling every 10 s is the fallback.
    assert f'data-events-url="/api/attempts/{attempt.pk}/events/"' in waiting and 'hx-trigger="every 10s, graded"' in waiting
    assert "js/result_push.js" in waiting
    attempt_grade(attempt_id=attempt.pk)  # what the worker does
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Score:" in partial
    assert "hx-trigger" not in partial
    assert "<html" not in partial


def test_a_student_cannot_start_a_quiz_of_another_course(other_student, course):
    quiz, _ = _quiz_with_every_type(course)
    assert client_for(other_student).get(reverse("quiz-start", args=[quiz.pk])).status_code == 404


def test_the_gradebook_and_its_csv_show_graded_attempts(instructor, student, course):
    quiz, _ = _quiz_with_every_type(course, title="Aid quiz")
    attempt = attempt_start(quiz=quiz, user=student)
    client_for(student).post(reverse("attempt-submit", args=[attempt.pk]))
    attempt_grade(attempt_id=attempt.pk)
    client = client_for(instructor)
    html = client.get(reverse("gradebook", args=[course.pk])).content.decode()
    assert student.username in html and "Aid quiz" in html
    csv = client.get(reverse("gradebook-csv", args=[course.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    assert student.username in csv.content.decode()


def test_an_instructor_cannot_open_the_gradebook_of_another_course(instructor, other_course):
    assert client_for(instructor).get(reverse("gradebook", args=[other_course.pk])).status_code == 404


def test_an_instructor_creates_a_quiz_from_approved_questions_and_previews_it(instructor, course):
    bank = QuestionBankFactory(course=course)
    for _ in range(3):
        QuestionFactory(bank=bank, answer={"correct": "c3"}, source_passage="PASSAGE")
    module = ModuleFactory(course=course)
    client = client_for(instructor)
    form = {
        "title": "Check",
        "questions_per_page": 0,
        "grading_method": "highest",
        "pass_mark": 50,
        "review_after_submit": 4,
        "review_after_close": 4,
        "is_published": "on",
        "bank-0": bank.pk,
        "count-0": 3,
    }
    response = client.post(reverse("quiz-new", args=[module.pk]), form)
    quiz = Quiz.objects.get(title="Check")
    assert response["Location"] == reverse("quiz-edit", args=[quiz.pk])
    assert quiz.sources.get().count == 3
    preview = client.get(reverse("quiz-preview", args=[quiz.pk])).content.decode()
    assert preview.count('class="question"') == 3
    assert "PASSAGE" not in preview


def test_asking_for_more_questions_than_approved_shows_the_services_message(instructor, course):
    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank)
    module = ModuleFactory(course=course)
    form = {
        "title": "Too many",
        "questions_per_page": 0,
        "grading_method": "highest",
        "pass_mark": 50,
        "review_after_submit": 4,
        "review_after_close": 4,
        "bank-0": bank.pk,
        "count-0": 5,
    }
    html = client_for(instructor).post(reverse("quiz-new", args=[module.pk]), form).content.decode()
    assert "only 1 approved" in html
    assert not Quiz.objects.filter(title="Too many").exists()


def test_question_review_shows_each_question_as_a_student_sees_it_with_its_passage(instructor, course, django_assert_max_num_queries):
    bank = QuestionBankFactory(course=course)
    for trait in TRAITS:
        QuestionFactory(bank=bank, status="draft", source_passage=f"PASSAGE-{trait}", **({} if trait == "single" else {trait: True}))
    client = client_for(instructor)
    client.get(reverse("bank-review", args=[bank.pk]))
    with django_assert_max_num_queries(9):  # the page's cost does not grow with the questions shown (the 9th: edits waiting for approval)
        html = client.get(reverse("bank-review", args=[bank.pk])).content.decode()
    assert html.count('class="card review-card"') == len(TRAITS)
    assert "PASSAGE-ordering" in html
    numeric = client.get(reverse("bank-review", args=[bank.pk]) + "?type=numeric").content.decode()
    assert numeric.count('class="card review-card"') == 1


def test_a_bank_opens_on_its_drafts_while_it_has_any_and_on_all_questions_once_reviewed(instructor, course):
    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank, status="approved", stem="Which alliance did Finland join in 2023?")
    QuestionFactory(bank=bank, status="approved", stem="Which treaty did Sweden sign?")
    client = client_for(instructor)
    html = client.get(reverse("bank-review", args=[bank.pk])).content.decode()
    assert html.count('class="card review-card"') == 2 and "No questions match" not in html

    QuestionFactory(bank=bank, status="draft", stem="A draft on the Baltic states?")
    html = client.get(reverse("bank-review", args=[bank.pk])).content.decode()
    assert html.count('class="card review-card"') == 1 and "Baltic" in html


def test_a_bank_is_searched_by_the_words_of_its_questions(instructor, course):
    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank, status="approved", stem="Which alliance did Finland join in 2023?")
    QuestionFactory(bank=bank, status="approved", stem="Which treaty did Sweden sign?", source_passage="Sweden joined NATO in 2024.")
    client = client_for(instructor)
    url = reverse("bank-review", args=[bank.pk])
    assert client.get(url + "?text=finland").content.decode().count('class="card review-card"') == 1
    both = client.get(url + "?text=nato+sweden").content.decode()
    assert both.count('class="card review-card"') == 1 and "Sweden sign" in both
    assert "No questions match" in client.get(url + "?text=finland+sweden").content.decode()


def test_an_instructor_approves_retires_and_bulk_approves(instructor, course):
    from quizzes.models import Question

    bank = QuestionBankFactory(course=course)
    first, second, third = (QuestionFactory(bank=bank, status="draft") for _ in range(3))
    client = client_for(instructor)
    card = client.post(reverse("question-status", args=[first.pk]), {"action": "approve"}, HTTP_HX_REQUEST="true")
    assert card.status_code == 200 and "Approved" in card.content.decode()
    client.post(reverse("question-status", args=[second.pk]), {"action": "retire"})
    client.post(reverse("bank-bulk-approve", args=[bank.pk]), {"scope": "page", "shown": [second.pk, third.pk]})
    statuses = dict(Question.objects.filter(bank=bank).values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "retired", third.pk: "approved"}


def test_editing_a_question_makes_a_new_draft_version(instructor, course):
    from quizzes.models import Question
    from tests.pages.editor_posts import editor_post

    bank = QuestionBankFactory(course=course)
    question = QuestionFactory(bank=bank, status="draft")
    rows = [{"id": "c1", "text": "HIMARS", "correct": True}, {"id": "c2", "text": "Patriot"}]
    form = editor_post("single_choice", stem="Which system did Ukraine receive first?", rows=rows)
    response = client_for(instructor).post(reverse("question-edit", args=[question.pk]), form)
    assert response.status_code == 302
    new = Question.objects.get(root=question)
    assert new.is_current and new.status == "draft" and new.stem == form["q-stem"]
    bad = client_for(instructor).post(reverse("question-edit", args=[new.pk]), {**form, "rows-0-correct": ""})
    assert bad.status_code == 200 and "Mark exactly one choice as the right answer." in bad.content.decode()


def test_another_courses_bank_is_not_found(instructor, other_course):
    bank = QuestionBankFactory(course=other_course)
    assert client_for(instructor).get(reverse("bank-review", args=[bank.pk])).status_code == 404


def test_question_text_with_markup_is_shown_as_text_on_every_student_page(student, course, django_capture_on_commit_callbacks):
    bank = QuestionBankFactory()
    QuestionFactory(
        bank=bank, stem="<img src=x onerror=alert(1)> Which?", choices=[{"id": "c1", "text": "<b>bold</b>"}, {"id": "c2", "text": "two"}]
    )
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizSourceFactory(quiz=quiz, bank=bank, count=1)
    client = client_for(student)
    attempt = _start(client, quiz)
    taking = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert "<img src=x" not in taking and "<b>bold</b>" not in taking
    assert "&lt;img src=x onerror=alert(1)&gt;" in taking
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("attempt-submit", args=[attempt.pk]))
    attempt_grade(attempt_id=attempt.pk)
    result = client.get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert "<img src=x" not in result and "<b>bold</b>" not in result


def test_the_dashboard_costs_the_same_number_of_queries_whatever_the_number_of_quizzes(student, course, django_assert_max_num_queries):
    quizzes = [QuizFactory(module=ModuleFactory(course=course)) for _ in range(6)]
    client = client_for(student)
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(10):
        html = client.get(reverse("dashboard")).content.decode()
    assert all(reverse("quiz-start", args=[q.pk]) in html for q in quizzes)


def test_the_gradebook_page_costs_the_same_number_of_queries_for_more_students(instructor, course, django_assert_max_num_queries):
    from courseware.models import Enrollment
    from tests.factories import EnrollmentFactory

    _quiz_with_every_type(course)
    for _ in range(10):
        EnrollmentFactory(course=course, role=Enrollment.Role.STUDENT)
    client = client_for(instructor)
    client.get(reverse("gradebook", args=[course.pk]))
    with django_assert_max_num_queries(8):
        client.get(reverse("gradebook", args=[course.pk]))


def test_practice_builds_a_quiz_from_the_facts_due(student, course):
    from courseware.models import Section
    from quizzes.models import Fact
    from quizzes.services.practice import practice_schedule_facts
    from tests.factories import ReadingFactory, SectionFactory

    reading = ReadingFactory()
    section: Section = SectionFactory(reading=reading)
    ModuleFactory(course=course, reading=reading)
    fact = Fact.objects.create(
        reading=reading, section=section, kind="system", topic="aid", value="HIMARS", sentence="s", start=0, end=1, key="k1"
    )
    QuestionFactory(fact=fact)
    practice_schedule_facts(user=student, facts=[fact])
    client = client_for(student)
    assert "Practise now" in client.get(reverse("dashboard")).content.decode()
    response = client.post(reverse("practice-start"), {"course": course.pk})
    quiz = Quiz.objects.get(is_practice=True, owner=student)
    assert response["Location"] == reverse("quiz-start", args=[quiz.pk])
    assert client.get(reverse("progress")).status_code == 200


@pytest.mark.parametrize("page", ["attempt-take", "attempt-result"])
def test_quiz_pages_cost_the_same_number_of_queries_whatever_the_number_of_questions(
    student, course, page, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    quiz, bank = _quiz_with_every_type(course)
    for _ in range(12):
        QuestionFactory(bank=bank)
    quiz.sources.update(count=20)
    client = client_for(student)
    attempt = _start(client, quiz)
    assert attempt.responses.count() == 20
    if page == "attempt-result":
        with django_capture_on_commit_callbacks(execute=False):
            client.post(reverse("attempt-submit", args=[attempt.pk]))
        attempt_grade(attempt_id=attempt.pk)
    client.get(reverse(page, args=[attempt.pk]))
    with django_assert_max_num_queries(8):
        assert client.get(reverse(page, args=[attempt.pk])).status_code == 200


@pytest.mark.parametrize("minutes", ["99999999999999999999", "153722867280912930", "10081"])
def test_the_quiz_editor_refuses_a_time_limit_over_seven_days(instructor, course, minutes):
    """F10: the first value overflowed on save (500); the second was stored and made every start a 500."""
    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank)
    module = ModuleFactory(course=course)
    form = {
        "title": "Endless",
        "time_limit_minutes": minutes,
        "questions_per_page": 0,
        "grading_method": "highest",
        "pass_mark": 50,
        "review_after_submit": 4,
        "review_after_close": 4,
        "bank-0": bank.pk,
        "count-0": 1,
    }
    response = client_for(instructor).post(reverse("quiz-new", args=[module.pk]), form)
    assert response.status_code == 200
    assert "less than or equal to 10080" in response.content.decode()
    assert not Quiz.objects.filter(title="Endless").exists()


def test_the_review_page_lists_the_best_first_with_quality_notes_and_group(instructor, course):
    bank = QuestionBankFactory(course=course)
    weak = QuestionFactory(bank=bank, status="draft", stem="WEAK stem?", exclusion_group="fact-1", quality=0.3, quality_notes=["reworded"])
    best = QuestionFactory(
        bank=bank, status="draft", stem="BEST stem?", exclusion_group="fact-1", quality=0.9, quality_notes=["money fact"]
    )
    html = client_for(instructor).get(reverse("bank-review", args=[bank.pk])).content.decode()
    assert html.index("BEST stem?") < html.index("WEAK stem?")
    assert "quality 0.90" in html and "Kept because: money fact." in html
    assert "fact-1" in html and "the group's best" in html and "another is ranked higher" in html
    by_reading = client_for(instructor).get(reverse("bank-review", args=[bank.pk]) + "?order=reading").content.decode()
    assert by_reading.index("WEAK stem?") < by_reading.index("BEST stem?")
    assert weak.pk < best.pk


def test_approving_the_bank_from_the_page_keeps_each_groups_best_and_says_what_it_held_back(instructor, course):
    from quizzes.models import Question

    bank = QuestionBankFactory(course=course)
    weak = QuestionFactory(bank=bank, status="draft", exclusion_group="g", quality=0.3)
    best = QuestionFactory(bank=bank, status="draft", exclusion_group="g", quality=0.9)
    response = client_for(instructor).post(reverse("bank-bulk-approve", args=[bank.pk]), {"scope": "bank"}, follow=True)
    assert "1 question approved. 1 draft left as draft" in response.content.decode()
    assert dict(Question.objects.filter(bank=bank).values_list("pk", "status")) == {weak.pk: "draft", best.pk: "approved"}
    client_for(instructor).post(reverse("bank-bulk-approve", args=[bank.pk]), {"questions": [weak.pk]})
    assert Question.objects.get(pk=weak.pk).status == "approved"  # picked explicitly


def test_a_numeric_answer_is_shown_back_as_the_student_typed_it(student, course, django_capture_on_commit_callbacks):
    bank = QuestionBankFactory()
    QuestionFactory(bank=bank, numeric=True, stem="How many troops?", answer={"value": 2000.0, "tolerance": 0})
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizSourceFactory(quiz=quiz, bank=bank, count=1)
    client = client_for(student)
    attempt = _start(client, quiz)
    question_id = attempt.responses.get().question_id
    assert client.post(reverse("attempt-answer", args=[attempt.pk]), {"question": question_id, "answer": "2 000"}).status_code == 204
    taking = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert 'value="2 000"' in taking
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("attempt-submit", args=[attempt.pk]))
    attempt_grade(attempt_id=attempt.pk)
    result = client.get(reverse("attempt-result", args=[attempt.pk])).content.decode()
    assert "2 000" in result, "the answer as typed"
    assert "2000" in result and "2000.0" not in result, "the key as people write it"
    assert attempt.responses.get().fraction == 1.0


def test_a_numeric_answer_saved_as_a_number_before_answers_were_kept_as_typed_is_shown_without_a_trailing_zero(student, course):
    bank = QuestionBankFactory()
    QuestionFactory(bank=bank, numeric=True, stem="Which year?", answer={"value": 2025.0, "tolerance": 0})
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizSourceFactory(quiz=quiz, bank=bank, count=1)
    client = client_for(student)
    attempt = _start(client, quiz)
    attempt.responses.update(answer=2025.0)  # as older versions stored it
    taking = client.get(reverse("attempt-take", args=[attempt.pk])).content.decode()
    assert 'value="2025"' in taking and "2025.0" not in taking


def test_the_result_says_plainly_when_grading_takes_far_longer_than_usual(student, course, settings, time_machine):
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    time_machine.move_to("2026-11-30 10:00:00+00:00", tick=False)
    quiz, _ = _quiz_with_every_type(course)
    client = client_for(student)
    attempt = _start(client, quiz)
    client.post(reverse("attempt-submit", args=[attempt.pk]))  # inside the test transaction nothing is enqueued
    url = reverse("attempt-result", args=[attempt.pk])

    time_machine.move_to("2026-11-30 10:00:29+00:00", tick=False)
    usual = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Grading…" in usual and "longer than usual" not in usual

    time_machine.move_to("2026-11-30 10:00:31+00:00", tick=False)
    for late in (client.get(url).content.decode(), client.get(url, HTTP_HX_REQUEST="true").content.decode()):
        assert "Grading is taking much longer than usual." in late
        # The time says its zone (issue 17: times show their time zone).
        assert ">10:00:00 UTC</time> and are saved: nothing is lost" in late
        assert "tell your instructor" in late
        assert 'hx-trigger="every 10s, graded"' in late  # it keeps waiting

    attempt_grade(attempt_id=attempt.pk)  # the worker comes back
    graded = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Score:" in graded and "longer than usual" not in graded and "hx-trigger" not in graded
