"""Pages of the teaching workflow at a 375 px phone's width (issue 17's walk-through): nothing
makes the page scroll sideways, and nothing floats over the text a student is reading."""

from __future__ import annotations

import pytest

from quizzes.models import QuestionType, QuizQuestion
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_interactions import _start
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

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
