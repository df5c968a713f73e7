"""The answer key each response is graded with (``effective_keys``): a read, shared by grading,
regrading, marking, progress and the student's result page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.db.models.functions import Coalesce

from quizzes.models import Question


@dataclass(frozen=True)
class EffectiveKey:
    """The key a response is graded with: the newest approved version's key when it fits the
    version the student saw (an instructor's fix applies to everyone), else the seen version's
    own key; nothing at all when the question has been retired (withdrawn)."""

    type: str
    choices: Any
    answer: dict[str, Any]
    withdrawn: bool
    question: Question


def _choice_shape(question: Question) -> Any:
    choices = question.choices
    if isinstance(choices, dict):
        # Matching's two columns; an essay's settings (not lists) have no options.
        return tuple(
            sorted((side, tuple(sorted(c.get("id", "") for c in items))) for side, items in choices.items() if isinstance(items, list))
        )
    if isinstance(choices, list):
        return tuple(sorted(c.get("id", "") for c in choices if isinstance(c, dict)))
    return ()


def effective_keys(*, questions: Iterable[Question]) -> dict[int, EffectiveKey]:
    """Map each question version id to the key it is graded with (one query).

    A draft edit changes nothing until it is approved; retiring the current version withdraws
    the question from every attempt that had any version of it.
    """
    seen = {q.pk: q for q in questions}
    roots = {q.root_id_or_self for q in seen.values()}
    # Only what choosing a version's key reads: not the generator's notes and key terms, two
    # JSON documents a row that a graded result's read decoded for every version.
    versions = Question.objects.filter(Q(id__in=roots) | Q(root_id__in=roots)).filter(_KEY_VERSION).only(*GRADING_QUESTION_FIELDS)
    return _keys(seen, versions)


# The versions a key may come from: the current one (retired: withdrawn) and the approved ones.
_KEY_VERSION = Q(is_current=True) | Q(status=Question.Status.APPROVED)

# What grading reads of a question version: its key, what the feedback and mastery take from
# it, and what decides which version's key applies.
GRADING_QUESTION_FIELDS = (
    "id",
    "root_id",
    "version",
    "is_current",
    "status",
    "type",
    "choices",
    "answer",
    "explanation",
    "points",
    "topic",
    "fact_id",
)


def grading_keys(*, question_ids: Iterable[int]) -> dict[int, EffectiveKey]:
    """``effective_keys`` of these question versions, read with them in one query instead of
    two, each row once and only its ``GRADING_QUESTION_FIELDS`` (the rest deferred): a grading
    batch's 1,000 responses share about 70 questions, which it read twice, whole (the
    generator's notes and key terms decoded from JSON each time)."""
    ids = set(question_ids)
    roots = Question.objects.filter(id__in=ids).annotate(key_root=Coalesce("root_id", "id")).values("key_root")
    rows = list(
        Question.objects.filter(Q(id__in=ids) | ((Q(id__in=roots) | Q(root_id__in=roots)) & _KEY_VERSION)).only(*GRADING_QUESTION_FIELDS)
    )
    seen = {q.pk: q for q in rows if q.pk in ids}
    # The rows the query matched as versions: those of a seen question's root that are current
    # or approved (a seen question may be neither, and is then no version to take a key from).
    roots_seen = {q.root_id_or_self for q in seen.values()}
    versions = [q for q in rows if q.root_id_or_self in roots_seen and (q.is_current or q.status == Question.Status.APPROVED)]
    return _keys(seen, versions)


def _keys(seen: dict[int, Question], versions: Iterable[Question]) -> dict[int, EffectiveKey]:
    current: dict[int, Question] = {}
    approved: dict[int, Question] = {}
    for version in versions:
        root = version.root_id_or_self
        if version.is_current:
            current[root] = version
        if version.status == Question.Status.APPROVED and (root not in approved or version.version > approved[root].version):
            approved[root] = version
    keys = {}
    for pk, question in seen.items():
        root = question.root_id_or_self
        withdrawn = root in current and current[root].status == Question.Status.RETIRED
        latest = approved.get(root, question)
        fits = latest.type == question.type and _choice_shape(latest) == _choice_shape(question)
        source = latest if fits else question
        keys[pk] = EffectiveKey(type=question.type, choices=question.choices, answer=source.answer, withdrawn=withdrawn, question=question)
    return keys
