"""Answers and answer keys as words (option texts, not ids), for the result page, the review page and
the instructor's attempt view.
"""

from __future__ import annotations

from typing import Any

from quizzes.forms import answer_is_given
from quizzes.models import QuestionType
from quizzes.questiontypes import number_text


def _option_texts(item: Any) -> dict[str, str]:
    return {str(o["id"]): str(o.get("text", "")) for o in (item.options or []) + (item.left or [])}


def answer_text(item: Any, value: Any) -> str:
    """A student's answer as words (option texts, not ids)."""
    if not answer_is_given(value):
        return ""
    texts = _option_texts(item)
    if isinstance(value, bool):
        return "True" if value else "False"
    if item.type == "matching" and isinstance(value, dict):
        return "; ".join(f"{texts.get(k, k)} → {texts.get(str(v), v)}" for k, v in value.items())
    if isinstance(value, list):
        joiner = " → " if item.type == "ordering" else ", "
        return joiner.join(texts.get(str(v), str(v)) for v in value)
    if item.type == "numeric":
        return number_text(value)  # as the student typed it; an older stored float without a trailing ".0"
    return texts.get(str(value), str(value)) if item.type in ("single_choice",) else str(value)


def key_text(item: Any, key: Any) -> str:
    """An answer key as words, in the shapes of quizzes.questiontypes."""
    if not isinstance(key, dict):
        return "" if key is None else str(key)
    if item.type == QuestionType.ESSAY:
        # Markers' eyes only (the review page, the instructor's attempt view).
        parts = ["marked by an instructor"]
        if key.get("grader_info"):
            parts.append(f"guide: {key['grader_info']}")
        if key.get("rubric"):
            parts.append("rubric: " + "; ".join(str(c.get("criterion", "")) for c in key["rubric"]))
        return " · ".join(parts)
    if "pairs" in key:
        return answer_text(item, key["pairs"])
    if "order" in key:
        return answer_text(item, key["order"])
    if "accepted" in key:
        return " or ".join(str(a) for a in key["accepted"])
    if "value" in key:
        tolerance = f" ± {number_text(key['tolerance'])}" if key.get("tolerance") else ""
        return f"{number_text(key['value'])}{tolerance} {key.get('unit', '')}".strip()
    if "correct" in key:
        return answer_text(item, key["correct"])
    return ""
