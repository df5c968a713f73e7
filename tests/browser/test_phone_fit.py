"""Pages of the teaching workflow at a 375 px phone's width (issue 17's walk-through): nothing
makes the page scroll sideways, and nothing floats over the text a student is reading."""

from __future__ import annotations

import pytest

from courseware.services.groups import group_create
from quizzes.models import Question, QuestionType, QuizQuestion, RegradeLog
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade, question_regrade_run
from quizzes.services.review import question_edit
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_interactions import _start
from tests.factories import EnrollmentFactory, ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def test_the_bank_review_page_fits_a_phone_with_its_longest_type_badges(session_for, instructor, course):
    bank = QuestionBankFactory(course=course, owner=instructor)
    for kind in (QuestionType.DESCRIPTION, QuestionType.EMBEDDED, QuestionType.ESSAY):
        QuestionFactory(bank=bank, type=kind, status="draft", topic="nuclear-deterrence-and-collective-defence")
    session = session_for(instructor)
    page = session.goto(f"/teach/banks/{bank.pk}/?status=")
    page.set_viewport_size(PHONE)
    try:
        badge = page.locator(".review-card .badge", has_text="Description (text between questions").first
        assert badge.is_visible()
        assert page.evaluate(PAGE_OVERFLOW) <= 0, "the page scrolls sideways on a phone"
        box = badge.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "the badge wraps inside the screen"
    finally:
        page.set_viewport_size(DESKTOP)


def test_the_time_left_on_a_phone_is_docked_with_room_kept_for_it_so_it_covers_no_question(session_for, student, course):
    quiz = QuizFactory(module=ModuleFactory(course=course), shuffle_questions=False, time_limit_seconds=1800)
    for position in range(1, 7):
        QuizQuestion.objects.create(
            quiz=quiz, question=QuestionFactory(stem=f"Which system did ally {position} send first?"), position=position
        )
    session = session_for(student)
    page = _start(session, quiz)
    page.set_viewport_size(PHONE)
    try:
        timer = page.locator(".timer-row")
        # Docked: the whole width of the screen's bottom edge, not a box floating over the text.
        box = timer.bounding_box()
        assert (box["x"], box["width"]) == (0, PHONE["width"])
        assert box["y"] + box["height"] == PHONE["height"]
        # Room kept for it: at the end of the page the last question and the submit link end above it.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        timer_top = timer.bounding_box()["y"]
        for last in (page.locator("form.question").last, page.locator("#submit-link")):
            end = last.bounding_box()
            assert end["y"] + end["height"] <= timer_top, "the end of the page is hidden under the time left"
        assert page.evaluate(PAGE_OVERFLOW) <= 0
    finally:
        page.set_viewport_size(DESKTOP)


WIDE_TABLES = """() => [...document.querySelectorAll('.table-wrap')].map(wrap => {
    const hint = getComputedStyle(wrap, '::before');
    return {
        scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
        region: wrap.getAttribute('role') === 'region' && wrap.tabIndex === 0,
        hint: hint.content !== 'none' && hint.display !== 'none' ? hint.content : null,
        right: wrap.getBoundingClientRect().right,
    };
})"""


def test_wide_teaching_tables_scroll_inside_their_box_on_a_phone_and_say_so(session_for, instructor, student, course, monkeypatch):
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    bank = QuestionBankFactory(course=course, owner=instructor)
    choice = QuestionFactory(bank=bank, stem="Which air-defence system did Germany send to Ukraine first in 2022?")
    essay = QuestionFactory(bank=bank, essay=True, stem="Assess whether admitting Ukraine during the war would trigger Article 5.")
    quiz = QuizFactory(
        module=ModuleFactory(course=course), title="Collective defence and the long-range fires debate", shuffle_questions=False
    )
    for position, question in enumerate([choice, essay], start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    classmate = UserFactory(username="a-student-with-a-rather-long-username", first_name="Oleksandra", last_name="Kovalenko-Shevchenko")
    EnrollmentFactory(course=course, user=classmate)
    for user in (student, classmate):
        attempt = attempt_start(quiz=quiz, user=user)
        attempt_submit(
            attempt=attempt, user=user, answers={choice.pk: "c1", essay.pk: "Article 5 binds each ally, each as it deems necessary."}
        )
        attempt_grade(attempt_id=attempt.pk)
    question_edit(question=choice, user=instructor, answer={"correct": "c2"}, status=Question.Status.APPROVED)
    log = RegradeLog.objects.get()
    question_regrade_run(regrade_log_id=log.pk)

    session = session_for(instructor)
    session.page.set_viewport_size(PHONE)
    try:
        for path in (f"/teach/quizzes/{quiz.pk}/marking/", f"/teach/quizzes/{quiz.pk}/stats/", f"/teach/regrades/{log.pk}/"):
            page = session.goto(path)
            page.wait_for_timeout(50)  # site.js names the scrolling tables once they are laid out
            assert page.evaluate(PAGE_OVERFLOW) <= 0, f"{path}: the page scrolls sideways"
            tables = page.evaluate(WIDE_TABLES)
            for table in tables:
                assert table["right"] <= PHONE["width"], f"{path}: a table's box runs off the screen"
                if table["scrolls"]:
                    assert table["region"] and table["hint"], f"{path}: a table scrolls sideways without saying so"
            session.axe(f"{path} at 375 px")
    finally:
        session.page.set_viewport_size(DESKTOP)


def test_a_groups_delete_button_stands_apart_from_its_save_button(session_for, instructor, student, course):
    group_create(course=course, name="Learning plan", members=[student])
    page = session_for(instructor).goto(f"/teach/courses/{course.pk}/groups/")
    for width in (DESKTOP, PHONE):
        page.set_viewport_size(width)
        save = page.locator(".group-card button", has_text="Save").bounding_box()
        delete = page.locator(".group-card button", has_text="Delete").bounding_box()
        assert delete["y"] - (save["y"] + save["height"]) >= 24, "Delete touches Save"
    page.set_viewport_size(DESKTOP)
