"""Journeys of the teaching workflow (issue 17) in a real browser: a student flags a question
and comes back to it from the submit dialog; an instructor grants one student a later close and
extra time, and that student finishes after the others' deadline; an instructor makes a group and
grants it extra time, which its member sees and a classmate does not."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courseware.models import Enrollment
from quizzes.models import Attempt, QuizQuestion, Response
from quizzes.services.attempt_rules import QUIZ_CLOSED
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_interactions import _start, paged_quiz  # noqa: F401  (paged_quiz is a fixture)
from tests.factories import EnrollmentFactory, ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def axe_both(session, name, *, paused_clock=False):
    """axe at desktop and at phone width: the new pages must pass at both."""
    session.axe(name, paused_clock=paused_clock)
    session.page.set_viewport_size(PHONE)
    try:
        session.axe(f"{name}-phone", paused_clock=paused_clock)
    finally:
        session.page.set_viewport_size(DESKTOP)


def test_a_student_flags_a_question_and_returns_to_it_from_the_submit_dialog(session_for, student, paged_quiz, monkeypatch):  # noqa: F811
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    learner = session_for(student)
    page = _start(learner, paged_quiz)
    attempt = Attempt.objects.get(user=student)

    page.click("form#q-1 [data-flag]")
    page.wait_for_selector('[data-nav="1"].flagged')
    assert page.locator("form#q-1 [data-flag]").get_attribute("aria-pressed") == "true"
    assert page.locator('[data-nav="1"]').get_attribute("aria-label") == "Question 1, not answered, flagged"
    assert Response.objects.get(attempt=attempt, position=1).flagged
    axe_both(learner, "quiz-flagged")
    learner.snap("quiz-flagged")

    # On another page the panel still shows the flag (it comes from the server).
    page.click('[data-nav="3"]')
    page.wait_for_selector("form#q-3")
    assert page.locator('[data-nav="1"].flagged').count() == 1

    # Keyboard order (walk-through #24): the navigator and Submit come before the questions.
    order = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea')]
                  .filter(el => !el.closest('dialog') && !el.closest('header'))
                  .map(el => el.matches('[data-nav]') ? 'nav' : el.matches('[data-submit-dialog]') ? 'submit'
                             : el.closest('form.question') ? 'question' : 'other')"""
    )
    assert order.index("nav") < order.index("question") and order.index("submit") < order.index("question")
    skip = page.locator(".quiz-side .skip-link")
    assert skip.bounding_box()["width"] <= 1, "the skip link shows only when focused"
    skip.focus()
    assert skip.bounding_box()["width"] > 1
    skip.evaluate("el => el.blur()")

    # The submit dialog lists it, and its link leads back to the question; with questions
    # unanswered the focus is on "Keep answering", so Enter does not submit.
    page.click("[data-submit-dialog]")
    page.wait_for_selector("#submit-dialog[open]")
    assert page.evaluate("document.activeElement.id") == "cancel-submit"
    assert page.locator("#submit-dialog-flagged li").all_inner_texts() == ["Question 1"]
    axe_both(learner, "submit-dialog-flagged")
    page.click("#submit-dialog-flagged a")
    page.wait_for_selector("form#q-1")

    # Done with it: the flag comes off, in the page and on the server.
    page.click("form#q-1 [data-flag]")
    page.wait_for_selector('[data-nav="1"]:not(.flagged)')
    assert page.locator("form#q-1 [data-flag]").get_attribute("aria-pressed") == "false"
    assert not Response.objects.filter(attempt=attempt, flagged=True).exists()


def test_an_instructor_grants_one_student_more_time_who_then_finishes_after_the_others_deadline(
    session_for, instructor, student, other_student, course, monkeypatch
):
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    EnrollmentFactory(course=course, user=other_student, role=Enrollment.Role.STUDENT)
    quiz = QuizFactory(module=ModuleFactory(course=course), time_limit_seconds=600, closes_at=timezone.now() - timedelta(minutes=1))
    QuizQuestion.objects.create(quiz=quiz, question=QuestionFactory(bank=QuestionBankFactory(), true_false=True), position=1)

    # The deadline has passed for the class.
    classmate = session_for(other_student)
    assert QUIZ_CLOSED in classmate.goto(f"/quizzes/{quiz.pk}/").locator("[role=alert]").inner_text()

    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/quizzes/{quiz.pk}/")
    page.click("text=Accommodations")
    page.wait_for_selector("h1:has-text('Accommodations')")
    axe_both(teacher, "accommodations")
    page.select_option("#id_student", str(student.pk))
    page.fill("#id_extra_minutes", "15")
    later = timezone.now() + timedelta(days=2)
    page.fill("#id_closes_at", later.strftime("%Y-%m-%dT%H:%M"))
    page.click("button:has-text('Save accommodation')")
    page.wait_for_selector("#accommodations")
    assert (
        student.username in page.locator("#accommodations").inner_text()
        or student.get_full_name() in page.locator("#accommodations").inner_text()
    )
    axe_both(teacher, "accommodations-granted")
    teacher.snap("accommodations")

    learner = session_for(student)
    page = learner.goto(f"/quizzes/{quiz.pk}/")
    notice = page.locator("#accommodation").inner_text()
    assert "15 extra minutes" in notice and "closes" in notice
    assert "25 minutes" in page.locator(".rules").inner_text()
    axe_both(learner, "quiz-start-accommodated")
    learner.snap("quiz-start-accommodated")
    page.click("button:has-text('Start attempt')")
    page.wait_for_selector("form.question")
    attempt = Attempt.objects.get(user=student)
    assert attempt.started_at > quiz.closes_at
    assert attempt.deadline - attempt.started_at == timedelta(minutes=25)
    page.check("form#q-1 input[value=true]")
    page.wait_for_selector('[data-nav="1"].answered')
    page.click("[data-submit-dialog]")
    page.wait_for_selector("#submit-dialog[open]")
    page.click("#confirm-submit")
    page.wait_for_url("**/result/")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and not attempt.auto_submitted
    assert attempt.submitted_at > quiz.closes_at


def test_an_instructor_overrides_a_mark_and_the_student_sees_it(session_for, instructor, student, course, monkeypatch):
    from decimal import Decimal

    from quizzes.services.attempts import attempt_start, attempt_submit
    from quizzes.services.grading import attempt_grade

    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    quiz = QuizFactory(module=ModuleFactory(course=course), shuffle_questions=False)
    bank = QuestionBankFactory()
    for position, question in enumerate([QuestionFactory(bank=bank, true_false=True), QuestionFactory(bank=bank, numeric=True)], start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    attempt = attempt_start(quiz=quiz, user=student)
    answers = {r.question_id: (True if r.question.type == "true_false" else 1) for r in attempt.responses.select_related("question")}
    attempt_submit(attempt=attempt, user=student, answers=answers)
    attempt_grade(attempt_id=attempt.pk)

    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/courses/{course.pk}/gradebook/")
    page.click(f"a[href='/teach/courses/{course.pk}/students/{student.pk}/']")
    page.click(f"a[href='/teach/attempts/{attempt.pk}/']")
    page.wait_for_selector("h2:has-text('Questions as the student saw them')")
    axe_both(teacher, "attempt-inspect")
    teacher.snap("attempt-inspect")
    page.fill("#points-1", "0.5")
    page.fill("#comment-1", "Half a mark: right answer, no reason given.")
    page.click("#r-1 button[value=override]")
    page.wait_for_selector("#r-1 [data-override]")
    assert "Mark changed by instructor-user" in page.locator("#r-1 [data-override]").inner_text()
    assert Response.objects.get(attempt=attempt, position=1).points == Decimal("0.5")
    page.click("#reopen summary")
    page.wait_for_selector("#reopen-reason")
    axe_both(teacher, "attempt-inspect-reopen")

    # Item statistics lead to the same attempt, at the question.
    page = teacher.goto(f"/teach/quizzes/{quiz.pk}/stats/")
    page.click(".item-attempts summary >> nth=0")
    page.wait_for_selector(f".item-attempts a[href^='/teach/attempts/{attempt.pk}/#r-']")
    axe_both(teacher, "item-statistics-marks")

    learner = session_for(student)
    page = learner.goto(f"/attempts/{attempt.pk}/result/")
    note = page.locator("#r-1 [data-override]").inner_text()
    assert "Your instructor changed this mark on" in note and "Half a mark: right answer, no reason given." in note
    heading = page.locator("#r-1 h3").inner_text()
    assert "partly correct" in heading and "0.50 / 1" in heading
    axe_both(learner, "result-overridden")


def test_the_timer_refuses_input_at_zero_at_once_and_submits(session_for, student, paged_quiz, monkeypatch):  # noqa: F811
    """Playwright's clock drives the page, paused, so that the page's once-a-second tick runs
    only when the test runs the clock: a loaded machine can neither skip a tick (and with it an
    announcement) nor let the page submit before the test has looked at 0:00. The server's
    deadline is moved into the past before the page's submit reaches it."""
    from datetime import datetime

    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    learner = session_for(student)
    page = learner.page
    page.clock.install(time=datetime.now(tz=timezone.get_current_timezone()))
    _start(learner, paged_quiz)
    # The server writes "10 minutes" until quiz.js's first tick, which runs when the script does, not on the clock:
    # on a loaded machine the page could be read before it (CI, once: "10 minutes".split(":") failed).
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^\d+:\d\d$"))
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # seconds, as Playwright's Python API counts
    attempt = Attempt.objects.get(user=student)
    assert "UTC" in page.locator(".quiz-side time").inner_text()

    def seconds_left() -> int:
        minutes, seconds = page.locator("#countdown").inner_text().split(":")
        return int(minutes) * 60 + int(seconds)

    # 10 minutes to go: nothing is announced yet; then crossing 5:00 announces the real time left.
    assert 590 < seconds_left() <= 600
    assert page.locator("#countdown-announce").inner_text() == ""
    page.clock.run_for("05:01")
    assert page.locator("#countdown-announce").inner_text() == "5 minutes left."
    page.clock.run_for("03:00")
    assert page.locator("#countdown-announce").inner_text() == "2 minutes left."

    # One second before 0:00 all is still open; at 0:00 the inputs are refused at once and the
    # page says so, before any submit (which it sends a second later).
    page.clock.run_for((seconds_left() - 1) * 1000)
    assert page.locator("#countdown").inner_text() == "0:01"
    assert page.locator("#time-up").is_hidden()
    page.clock.run_for(1000)
    assert page.locator("#countdown").inner_text() == "0:00"
    assert page.locator("#time-up").is_visible()
    assert page.locator("form#q-1 button[data-move]").first.is_disabled()
    assert page.locator(".quiz-questions").get_attribute("inert") == ""
    assert "Time is up" in page.locator("#countdown-announce").inner_text()
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS
    axe_both(learner, "quiz-time-up", paused_clock=True)
    assert page.locator("#time-up").is_visible(), "the page submitted while axe ran"

    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    page.clock.run_for(1000)
    page.wait_for_url("**/result/")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.auto_submitted


def test_a_key_fix_whose_regrade_report_lists_exactly_the_changed_attempts(
    session_for, instructor, student, other_student, course, monkeypatch
):
    from quizzes.models import Question, RegradeLog
    from quizzes.services.grading import question_regrade_run
    from quizzes.services.review import question_edit
    from tests.factories import UserFactory
    from tests.quizzes.test_regrade_reports import taken

    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    third = UserFactory(username="third-student")
    for user in (other_student, third):
        EnrollmentFactory(course=course, user=user, role=Enrollment.Role.STUDENT)
    bank = QuestionBankFactory(course=course, owner=instructor)
    question = QuestionFactory(bank=bank)
    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizQuestion.objects.create(quiz=quiz, question=question, position=1)
    old, new, neither = taken(quiz, student, "c1"), taken(quiz, other_student, "c2"), taken(quiz, third, "c3")

    # The corrected key (c2) is approved; the worker's regrade is run here.
    question_edit(question=question, user=instructor, answer={"correct": "c2"}, status=Question.Status.APPROVED)
    question_regrade_run(regrade_log_id=RegradeLog.objects.get().pk)

    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/banks/{bank.pk}/")
    page.click("text=Regrades")
    page.wait_for_selector("#regrades")
    assert page.locator("#regrades tbody tr td.num").inner_text() == "2"
    axe_both(teacher, "bank-regrades")
    page.click("#regrades tbody a")
    page.wait_for_selector("#regrade-changes")
    links = page.locator("#regrade-changes tbody a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted([f"/teach/attempts/{old.pk}/", f"/teach/attempts/{new.pk}/"])
    assert f"/teach/attempts/{neither.pk}/" not in links
    axe_both(teacher, "regrade-report")
    teacher.snap("regrade-report")

    learner = session_for(student)
    page = learner.goto(f"/attempts/{old.pk}/result/")
    assert "This question was regraded on" in page.locator("#r-1 [data-regraded]").inner_text()


def test_an_instructor_makes_a_group_and_grants_it_extra_time_which_its_member_sees(
    session_for, instructor, student, other_student, course
):
    EnrollmentFactory(course=course, user=other_student, role=Enrollment.Role.STUDENT)
    quiz = QuizFactory(module=ModuleFactory(course=course), time_limit_seconds=600, is_published=True)
    QuizQuestion.objects.create(quiz=quiz, question=QuestionFactory(bank=QuestionBankFactory(), true_false=True), position=1)

    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/courses/{course.pk}/")
    page.click("a:has-text('Groups')")
    page.wait_for_selector("h1:has-text('Groups')")
    page.fill("#id_new-name", "Learning plan")
    page.check(f"#id_new-members input[value='{student.pk}']")
    page.click("button:has-text('Create group')")
    page.wait_for_selector("#groups")
    assert "Learning plan" in page.locator("#groups").inner_text()
    axe_both(teacher, "course-groups")

    page = teacher.goto(f"/teach/quizzes/{quiz.pk}/accommodations/")
    page.select_option("#id_grp-group", label="Learning plan (1 student)")
    page.fill("#id_grp-extra_minutes", "20")
    page.click("button:has-text('Save group accommodation')")
    page.wait_for_selector("#group-accommodation-table")
    assert "Learning plan" in page.locator("#group-accommodation-table").inner_text()
    axe_both(teacher, "accommodations-group")

    member, classmate = session_for(student), session_for(other_student)
    page = member.goto(f"/quizzes/{quiz.pk}/")
    assert "20 extra minutes" in page.locator("#accommodation").inner_text()
    assert "30 minutes" in page.locator(".rules").inner_text()
    page = classmate.goto(f"/quizzes/{quiz.pk}/")
    assert page.locator("#accommodation").count() == 0
    assert "10 minutes" in page.locator(".rules").inner_text()
