"""The walk-through's form defects (issue 17): the quiz editor offers a bank's topics by label
with their approved counts (#15), shows a form error once (#15), names the time zone of its dates
(#25) and says review options in words students and instructors understand (#22)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizzes.models import Quiz
from quizzes.services.quizzes import SOURCE_NOT_ENOUGH_QUESTIONS
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Check",
    "questions_per_page": 0,
    "grading_method": "highest",
    "pass_mark": 50,
    "review_after_submit": 4,
    "review_after_close": 4,
}


def test_the_topic_is_chosen_from_the_banks_topics_by_label_with_their_approved_counts(instructor, course) -> None:
    bank = QuestionBankFactory(course=course, name="Summit bank")
    for _ in range(3):
        QuestionFactory(bank=bank, topic="summits-and-diplomacy")
    QuestionFactory(bank=bank, topic="summits-and-diplomacy", status="draft")
    QuestionFactory(bank=bank, topic="nuclear-deterrence")
    module = ModuleFactory(course=course)
    html = client_for(instructor).get(reverse("quiz-new", args=[module.pk])).content.decode()
    select = re.search(r'<select id="topic-0".*?</select>', html, re.S)
    assert select is not None, "the topic is a select, not a text box"
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))
    assert options == ["Any topic", "Nuclear deterrence (1 approved)", "Summits and diplomacy (3 approved)"]
    assert '<optgroup label="Summit bank"' in select.group(0)
    assert "---------" not in html


def test_a_saved_topic_stays_selected_and_a_shortfall_names_the_topic_by_its_label_once(instructor, course) -> None:
    bank = QuestionBankFactory(course=course)
    QuestionFactory(bank=bank, topic="summits-and-diplomacy")
    module = ModuleFactory(course=course)
    client = client_for(instructor)
    html = client.post(
        reverse("quiz-new", args=[module.pk]), {**FORM, "bank-0": bank.pk, "topic-0": "summits-and-diplomacy", "count-0": 2}
    ).content.decode()
    expected = SOURCE_NOT_ENOUGH_QUESTIONS.format(bank=bank.name, topic=" (topic “Summits and diplomacy”)", available=1, count=2)
    assert html.count(expected.replace("'", "&#x27;")) == 1, "the error is shown once"
    assert re.search(r'<option value="summits-and-diplomacy" selected>', html)
    assert not Quiz.objects.filter(title="Check").exists()


def test_the_quiz_dates_name_their_time_zone_and_review_options_are_plain_words(instructor, student, course) -> None:
    module = ModuleFactory(course=course, is_published=True)
    html = client_for(instructor).get(reverse("quiz-new", args=[module.pk])).content.decode()
    assert "Opens (UTC)" in html and "Closes (UTC)" in html
    assert "All of that" not in html
    assert "Their score, which were right, and the correct answers" in html

    quiz = QuizFactory(module=module, is_published=True, review_after_submit=Quiz.Review.FEEDBACK)
    page = client_for(student).get(reverse("quiz-start", args=[quiz.pk])).content.decode()
    assert "All of that" not in page
    assert "Your score, which questions you got right, the correct answers, and feedback quoting the reading" in page
