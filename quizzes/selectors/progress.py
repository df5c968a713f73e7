"""Reads of a student's own progress (the API's /api/me/progress/). Four queries whatever the
number of topics or attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from courseware.permissions import RequestUser, signed_in
from quizzes.models import Attempt, FactMastery, TopicMastery


@dataclass
class Progress:
    topics: list[TopicMastery]
    attempts_started: int
    attempts_graded: int
    facts_scheduled: int
    facts_due: int


def progress_for_user(*, user: RequestUser, now: datetime | None = None) -> Progress:
    now = now or timezone.now()
    topics = list(TopicMastery.objects.filter(user=signed_in(user)).order_by("topic"))
    attempts = Attempt.objects.filter(user=signed_in(user), quiz__is_practice=False).aggregate(
        started=Count("id"), graded=Count("id", filter=Q(state=Attempt.State.GRADED))
    )
    cards = FactMastery.objects.filter(user=signed_in(user), due__isnull=False).aggregate(
        scheduled=Count("id"), due=Count("id", filter=Q(due__lte=now))
    )
    return Progress(
        topics=topics,
        attempts_started=attempts["started"],
        attempts_graded=attempts["graded"],
        facts_scheduled=cards["scheduled"],
        facts_due=cards["due"],
    )
