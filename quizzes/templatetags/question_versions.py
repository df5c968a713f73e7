"""Edits of approved questions that wait for approval, for the bank's review list: one query for
the whole page, so each card can say "version N waits" without a query of its own."""

from __future__ import annotations

from typing import Any

from django import template

from quizzes.models import Question

register = template.Library()


@register.simple_tag
def waiting_versions(cards: list[dict[str, Any]]) -> dict[int, Question]:
    """Root id -> the newest draft version newer than the card's (current) question."""
    current = {card["question"].root_id_or_self: card["question"] for card in cards}
    newest: dict[int, Question] = {}
    for row in Question.objects.filter(root_id__in=list(current), is_current=False).order_by("version"):
        newest[row.root_id or 0] = row  # ordered by version: the last one stays
    return {
        root: row
        for root, row in newest.items()
        if row.status == Question.Status.DRAFT and current[root].status == Question.Status.APPROVED and row.version > current[root].version
    }


@register.filter
def waiting_of(waiting: dict[int, Question] | None, question: Question) -> Question | None:
    return (waiting or {}).get(question.root_id_or_self)
