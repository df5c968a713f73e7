"""A question's versions as a reader compares them: who saved each and when, what it was (draft,
in use, waiting for approval, replaced), and what changed from the version before, line by line
over the stem, the options and the key, all in words (never JSON or option ids)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from quizzes.models import Question, QuestionType
from quizzes.questiontypes import CASE_SENSITIVE, TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT, gap_of_choice


@dataclass(frozen=True)
class DiffLine:
    change: str  # "added", "removed" or "same"
    text: str


@dataclass(frozen=True)
class VersionEntry:
    question: Question
    author: str
    state: str  # in words: "in use", "waiting for approval", ...
    lines: list[str]
    diff: list[DiffLine]  # against the version before (empty for the first)


def _num(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(number)) if number.is_integer() else str(number)


def readable_lines(question: Question) -> list[str]:
    """The version's content, one fact per line, in the order the editor shows it."""
    answer = question.answer if isinstance(question.answer, dict) else {}
    choices = question.choices
    lines = [f"Type: {QuestionType(question.type).label}" if question.type in QuestionType.values else f"Type: {question.type}"]
    lines += [f"Question: {line}" for line in question.stem.splitlines() or [""]]
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        correct = answer.get("correct")
        right_ids = set(correct) if isinstance(correct, list) else {correct}
        weights = answer.get("weights") or {}
        for c in choices or []:
            mark = "✓ right" if c.get("id") in right_ids else "✗ wrong"
            credit = f", {round(float(weights[c['id']]) * 100)} % credit" if c.get("id") in weights else ""
            feedback = f" — feedback: {c['feedback']}" if c.get("feedback") else ""
            lines.append(f"Choice ({mark}{credit}): {c.get('text', '')}{feedback}")
    elif question.type == QuestionType.TRUE_FALSE:
        lines.append(f"Right answer: {'True' if answer.get('correct') else 'False'}")
    elif question.type in (QuestionType.SHORT_ANSWER, QuestionType.CLOZE):
        weights = answer.get("weights") or {}
        for a in answer.get("accepted") or []:
            credit = f" ({round(float(weights[a]) * 100)} % credit)" if a in weights else ""
            lines.append(f"Accepted answer: {a}{credit}")
        lines.append("Small spelling mistakes: " + ("forgiven" if answer.get(TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT) else "not forgiven"))
        lines.append("Capitals: " + ("must match" if answer.get(CASE_SENSITIVE) else "ignored"))
    elif question.type == QuestionType.NUMERIC:
        unit = f" {answer['unit']}" if answer.get("unit") else ""
        lines.append(f"Right value: {_num(answer.get('value'))} ± {_num(answer.get('tolerance', 0))}{unit}")
        for alt in answer.get("alternatives") or []:
            lines.append(
                f"Also accepted: {_num(alt.get('value'))} ± {_num(alt.get('tolerance', 0))} ({round(float(alt.get('weight', 1)) * 100)} % credit)"
            )
    elif question.type == QuestionType.MATCHING and isinstance(choices, dict):
        right = {c["id"]: c.get("text", "") for c in choices.get("right") or []}
        pairs = answer.get("pairs") or {}
        for c in choices.get("left") or []:
            lines.append(f"Pair: {c.get('text', '')} → {right.get(pairs.get(c['id'], ''), '?')}")
        for rid, text in right.items():
            if rid not in pairs.values():
                lines.append(f"Distractor: {text}")
    elif question.type == QuestionType.ORDERING:
        texts = {c["id"]: c.get("text", "") for c in choices or []}
        lines += [f"Item {n}: {texts.get(i, '?')}" for n, i in enumerate(answer.get("order") or [], start=1)]
    elif question.type == QuestionType.ESSAY:
        settings = choices if isinstance(choices, dict) else {}
        lines.append(f"Word limit: {settings.get('word_limit') or 'none'}")
        if settings.get("response_template"):
            lines.append(f"Starting text: {settings['response_template']}")
        if answer.get("grader_info"):
            lines.append(f"Information for markers: {answer['grader_info']}")
        for c in answer.get("rubric") or []:
            levels = "; ".join(f"{_num(lv.get('points'))} {lv.get('label', '')}".strip() for lv in c.get("levels") or [])
            lines.append(f"Rubric: {c.get('criterion', '')} — {levels}")
    elif question.type == QuestionType.EMBEDDED:
        texts = {c["id"]: c.get("text", "") for c in choices or [] if isinstance(c, dict)}
        for number, gap in enumerate(answer.get("gaps") or [], start=1):
            share = f" (share {gap.get('points', 1)})"
            if gap.get("kind") == "text":
                lines.append(f"Gap {number}{share}: typed, accepted: {' / '.join(gap.get('accepted') or [])}")
            elif gap.get("kind") == "numeric":
                lines.append(f"Gap {number}{share}: number {_num(gap.get('value'))} ± {_num(gap.get('tolerance', 0))}")
            else:
                options = [("✓ " if i == gap.get("correct") else "") + t for i, t in texts.items() if gap_of_choice(i) == number]
                lines.append(f"Gap {number}{share}: drop-down: {' | '.join(options)}")
    if question.explanation:
        lines.append(f"General feedback: {question.explanation}")
    lines.append(f"Points: {_num(question.points)}")
    if question.topic:
        lines.append(f"Topic: {question.topic}")
    return lines


def _diff(before: list[str], after: list[str]) -> list[DiffLine]:
    rows = []
    for line in difflib.ndiff(before, after):
        tag, text = line[:2], line[2:]
        if tag == "+ ":
            rows.append(DiffLine("added", text))
        elif tag == "- ":
            rows.append(DiffLine("removed", text))
        elif tag == "  ":
            rows.append(DiffLine("same", text))
    return rows


def _state(question: Question, current_version: int) -> str:
    if question.meta.get("discarded"):
        return "discarded"
    if question.is_current:
        return {"approved": "in use", "draft": "current draft", "retired": "retired"}.get(question.status, question.status)
    if question.version > current_version and question.status == Question.Status.DRAFT:
        return "waiting for approval"
    return "replaced"


def question_history(*, question: Question) -> list[VersionEntry]:
    """Every version of ``question``'s root, newest first, each with its changes from the one before."""
    root = question.root_id_or_self
    versions = list(Question.objects.filter(Q(pk=root) | Q(root_id=root)).select_related("created_by").order_by("version"))
    current_version = max((v.version for v in versions if v.is_current), default=0)
    entries: list[VersionEntry] = []
    previous: list[str] = []
    for n, version in enumerate(versions):
        lines = readable_lines(version)
        author = version.created_by.get_full_name() or version.created_by.get_username() if version.created_by else ""
        author = author or {"generated": "the generator", "imported": "an import"}.get(version.origin, "unknown")
        entries.append(VersionEntry(version, author, _state(version, current_version), lines, _diff(previous, lines) if n else []))
        previous = lines
    return list(reversed(entries))
