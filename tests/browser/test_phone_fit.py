"""Pages of the teaching workflow at a 375 px phone's width (issue 17's walk-through): nothing
makes the page scroll sideways, and nothing floats over the text a student is reading."""

from __future__ import annotations

import pytest

from quizzes.models import QuestionType
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import QuestionBankFactory, QuestionFactory

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
