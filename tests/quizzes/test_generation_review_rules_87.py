"""Blind review 87 (issue 13), on Congressional Research Service summaries about NATO's budgets nobody had run the
generator on: "In the ____ years since Russia occupied Crimea" (counted to the report's own date) and "was 25.3% in
____" (the year a statistic is given for, where the statistic is what the sentence says)."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body


def test_years_since_an_event_counted_to_the_report_s_date_are_not_asked():
    text = (
        "In the seven years since Russia occupied Crimea and invaded Eastern Ukraine, the United States has been an architect "
        "of NATO's increased focus on deterring Russian aggression, including through the deployment of an Enhanced Forward "
        "Presence of about 4,500 troops to the three Baltic States and Poland."
    )
    assert not [q.stem for q in generate_body(text) if "the ____ years since" in q.stem]


def test_the_year_a_statistic_is_given_for_is_not_asked_but_the_statistic_is():
    text = (
        "The countries' percentage shares of the common funds are negotiated among the members of the alliance. "
        "The aggregate U.S. share, which has fallen over the past three decades, was 25.3% in 2007."
    )
    questions = generate_body(text)
    assert not [q.stem for q in questions if "in ____." in q.stem and "25.3%" in q.stem]
    assert [q for q in questions if q.type == QuestionType.NUMERIC and q.answer["value"] == 25.3], [q.stem for q in questions]
