"""Question banks and what they are made of: questions (versioned), the facts questions are
written from, and the domain terms the fact extractor recognises.

The shape of ``Question.choices``, ``Question.answer`` and ``Response.answer`` for each
question type is defined, validated and graded in ``quizzes.questiontypes``; these models
only store them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_RESPONSE = "multiple_response", "Multiple response"
    TRUE_FALSE = "true_false", "True / false"
    CLOZE = "cloze", "Cloze (type the missing term)"
    NUMERIC = "numeric", "Numeric"
    MATCHING = "matching", "Matching"
    ORDERING = "ordering", "Ordering"
    SHORT_ANSWER = "short_answer", "Short answer"
    ESSAY = "essay", "Essay (marked by an instructor)"
    DESCRIPTION = "description", "Description (text between questions, no answer, no marks)"
    EMBEDDED = "embedded_answers", "Embedded answers (cloze with several gaps)"


class LexiconTerm(models.Model):
    """A domain term the fact extractor recognises; seeded from seeds/lexicon.json, extended in the admin."""

    term = models.CharField(max_length=200, unique=True)
    category = models.CharField(max_length=40)
    aliases = models.JSONField(default=list, blank=True)
    description = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "term"]

    def __str__(self) -> str:
        return f"{self.term} ({self.category})"


class Fact(models.Model):
    class Kind(models.TextChoices):
        SYSTEM = "system", "Aid or weapons system"
        PROGRAMME = "programme", "Programme or operation"
        ORGANISATION = "organisation", "Organisation"
        PERSON_ROLE = "person_role", "Person with role"
        SUMMIT = "summit", "Place or summit with its date"
        MONEY = "money", "Money amount"
        EVENT = "event", "Dated event"
        TREATY_RULE = "treaty_rule", "Treaty rule"
        SCENARIO = "scenario", "Scenario"
        ACRONYM = "acronym", "Acronym definition"
        PLACE = "place", "Country or city"
        TERM = "term", "Key term"

    reading = models.ForeignKey("courseware.Reading", on_delete=models.CASCADE, related_name="facts")
    section = models.ForeignKey("courseware.Section", on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    topic = models.CharField(max_length=60)
    value = models.CharField(max_length=300, help_text="the normalised main value")
    data = models.JSONField(default=dict, blank=True, help_text="kind-specific normalised values")
    sentence = models.TextField()
    start = models.PositiveIntegerField(help_text="offset of the sentence in the reading's cleaned text")
    end = models.PositiveIntegerField()
    key = models.CharField(max_length=64, help_text="deterministic identity, stable across regeneration")

    class Meta:
        ordering = ["reading", "start"]
        constraints = [models.UniqueConstraint(fields=["reading", "key"], name="fact_unique_key_per_reading")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class QuestionBank(models.Model):
    name = models.CharField(max_length=200)
    course = models.ForeignKey("courseware.Course", on_delete=models.CASCADE, null=True, blank=True, related_name="banks")
    reading = models.ForeignKey("courseware.Reading", on_delete=models.SET_NULL, null=True, blank=True, related_name="banks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="bank_unique_name")]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """One version of a question. An edit creates a new row with the same ``root``.

    Attempts point at the row they saw, so editing never changes what a student answered.
    Only the row with ``is_current=True`` is shown in the bank and drawn into new attempts.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        RETIRED = "retired", "Retired"

    class Origin(models.TextChoices):
        GENERATED = "generated", "Generated"
        MANUAL = "manual", "Written by an instructor"
        IMPORTED = "imported", "Imported"

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    root = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="versions")
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    title = models.CharField(max_length=200, blank=True)
    stem = models.TextField()
    choices = models.JSONField(default=list, blank=True)
    answer = models.JSONField(default=dict)
    explanation = models.TextField(blank=True)
    topic = models.CharField(max_length=60, blank=True)
    difficulty = models.FloatField(default=0.5, help_text="0 easy .. 1 hard (estimate)")
    points = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.GENERATED)
    fact = models.ForeignKey(Fact, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions")
    source_section = models.ForeignKey("courseware.Section", on_delete=models.SET_NULL, null=True, blank=True, related_name="questions")
    source_passage = models.TextField(blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True, help_text="offset in the reading's cleaned text")
    source_end = models.PositiveIntegerField(null=True, blank=True)
    generation_key = models.CharField(max_length=64, blank=True, help_text="identity of a generated question; regeneration matches on it")
    is_edited = models.BooleanField(default=False)
    # Questions that give each other away (one sentence or fact, or one's key printed in the
    # other) share a group: a quiz draws at most one of a group, and approving a whole bank
    # approves only each group's best. Empty = a group of its own.
    # (db_index serves the bank approval's and review page's per-group lookups.)
    exclusion_group = models.CharField(max_length=64, blank=True, default="", db_index=True)
    quality = models.FloatField(null=True, blank=True, help_text="0..1, higher is better; the generator's ranking")
    quality_notes = models.JSONField(default=list, blank=True, help_text="why the generator kept it")
    key_terms = models.JSONField(
        default=list, blank=True, help_text="the key's texts (questiontypes.key_terms), for 'key printed in another question' checks"
    )
    meta = models.JSONField(default=dict, blank=True, help_text="import/export extras: idnumber, tags, format")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bank", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="question_points_non_negative"),
            models.CheckConstraint(condition=Q(difficulty__gte=0) & Q(difficulty__lte=1), name="question_difficulty_0_1"),
        ]
        indexes = [
            # Serves drawing approved questions of a bank/topic into an attempt and the review filters.
            models.Index(fields=["bank", "is_current", "status", "topic"], name="question_bank_draw"),
            # Serves regeneration's lookup of existing generated questions.
            models.Index(fields=["bank", "generation_key"], name="question_generation_key"),
        ]

    def __str__(self) -> str:
        return f"[{self.type}] {self.stem[:60]}"

    @property
    def root_id_or_self(self) -> int:
        return self.root_id or self.pk
