"""A student's progress: mastery per topic and spaced-practice cards per fact."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from quizzes.models.banks import Fact


class TopicMastery(models.Model):
    # No index of its own: topic_mastery_unique (user, topic) starts with it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_mastery", db_index=False)
    topic = models.CharField(max_length=60)
    answered = models.PositiveIntegerField(default=0)
    credit = models.FloatField(default=0)
    mastery = models.FloatField(default=0, help_text="0..1, recency-weighted")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "topic"]
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="topic_mastery_unique")]


class FactMastery(models.Model):
    """Per-fact mastery and the student's spaced-repetition card for that fact (fsrs)."""

    # No index of its own: fact_mastery_unique (user, fact) starts with it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fact_mastery", db_index=False)
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="mastery")
    answered = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)
    mastery = models.FloatField(default=0)
    card = models.JSONField(default=dict, blank=True, help_text="fsrs.Card.to_dict()")
    due = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "fact"], name="fact_mastery_unique")]
        # Serves "practice due today": a student's cards by due date.
        indexes = [models.Index(fields=["user", "due"], name="fact_mastery_due")]
