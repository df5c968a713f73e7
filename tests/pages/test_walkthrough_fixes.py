"""Defects of issue 17's browser walk-through that a page shows without measuring layout: one
retire control per question, the numbers students saw in the instructor's pages, essays apart
from automatic items in the statistics, and a progress page that agrees with the attempt row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_each_question_on_the_bank_review_page_has_one_retire_control_the_confirmation_link(instructor, course):
    bank = QuestionBankFactory(course=course, owner=instructor)
    question = QuestionFactory(bank=bank, status="draft")

    html = client_for(instructor).get(reverse("bank-review", args=[bank.pk]), {"status": ""}).content.decode()

    card = html[html.index(f'id="question-{question.pk}"') :]
    card = card[: card.index("</article>")]
    assert card.count("Retire") == 1
    assert reverse("question-change-confirm", args=[question.pk, "retire"]) in card
    assert 'value="retire"' not in card
