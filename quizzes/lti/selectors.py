from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from quizzes.lti.models import Context, ScoreSync
from quizzes.models import Attempt


def score_syncs_for_quiz(*, quiz_id: int) -> QuerySet[ScoreSync]:
    return (
        ScoreSync.objects.filter(line_item__quiz_id=quiz_id).select_related("attempt__user", "line_item__context").order_by("-updated_at")
    )


def contexts_for_course(*, course_id: int) -> QuerySet[Context]:
    return Context.objects.filter(course_id=course_id).select_related("platform")


def setup_urls(*, build: Any) -> dict[str, str]:
    """What an administrator pastes into the LMS, as absolute URLs."""
    return {
        "login_initiation_url": build("lti:login"),
        "redirect_uri": build("lti:launch"),
        "target_link_uri": build("lti:launch"),
        "deep_linking_url": build("lti:launch"),
        "jwks_url": build("lti:jwks"),
        "dynamic_registration_url": build("lti:register"),
    }


def attempts_pushed_to_lms(*, attempt_ids: list[int]) -> list[int]:
    """Those of the attempts whose student came from an LMS, in a course linked to one: their scores go back."""
    return list(
        Attempt.objects.filter(id__in=attempt_ids, user__lti_identities__isnull=False, quiz__module__course__lti_contexts__isnull=False)
        .values_list("id", flat=True)
        .distinct()
    )


# A failed push is tried again by the beat task once it has rested this long (the task's own retries,
# with backoff up to 30 minutes, are over by then), until it has been tried this many times in all.
RETRY_FAILED_AFTER = timedelta(hours=1)
RETRY_MAX_TRIES = 60


def score_pushes_to_retry(*, now: Any = None) -> list[int]:
    """Attempts whose last push failed and rested long enough, oldest first."""
    rested = (now or timezone.now()) - RETRY_FAILED_AFTER
    return list(
        ScoreSync.objects.filter(status=ScoreSync.Status.FAILED, updated_at__lte=rested, tries__lt=RETRY_MAX_TRIES)
        .order_by("updated_at")
        .values_list("attempt_id", flat=True)
        .distinct()
    )
