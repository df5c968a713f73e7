"""Topics are named in words on the pages, not by their slugs (walk-through item 17)."""

from __future__ import annotations

import pytest

from quizzes.models import TopicMastery
from quizzes.topics import topic_label
from tests.conftest import client_for


@pytest.mark.parametrize(
    ("slug", "label"),
    [
        ("summits-and-diplomacy", "Summits and diplomacy"),  # the domain pack's own label
        ("article-5", "Article 5 and collective defence"),
        ("baltic-air-policing", "Baltic air policing"),  # no pack names it: the slug in words
        ("general", "General"),
        ("", ""),
    ],
)
def test_topic_label(slug: str, label: str) -> None:
    assert topic_label(slug) == label


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/progress/"])
def test_the_students_mastery_charts_name_topics_in_words(student, url: str) -> None:
    TopicMastery.objects.create(user=student, topic="summits-and-diplomacy", answered=4, credit=3, mastery=0.75)
    page = client_for(student).get(url).content.decode()
    assert "Summits and diplomacy" in page and "summits-and-diplomacy" not in page
