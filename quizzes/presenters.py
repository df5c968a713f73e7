"""Answers and answer keys as words (option texts, not ids), for the result page, the review page and
the instructor's attempt view.
"""

from __future__ import annotations

from typing import Any

from quizzes.forms import answer_is_given
from quizzes.models import QuestionType
from quizzes.questiontypes import gap_numbers, number_text

# The key of a description (text between questions: nothing to answer), wherever a key is shown.
NO_KEY = "—"
NO_ANSWER = "(no answer)"


def _option_texts(item: Any) -> dict[str, str]:
    return {str(o["id"]): str(o.get("text", "")) for o in (item.options or []) + (item.left or [])}


def _gaps(item: Any, numbers: Any) -> list[int]:
    """The gaps of an embedded-answers item: those its stem marks, else those ``numbers`` name."""
    return gap_numbers(item.stem) or sorted(int(n) for n in numbers if str(n).isdigit())


def answer_text(item: Any, value: Any) -> str:
    """A student's answer as words (option texts, not ids); embedded answers gap by gap."""
    if not answer_is_given(value):
        return ""
    texts = _option_texts(item)
    if item.type == QuestionType.EMBEDDED and isinstance(value, dict):
        given = {str(k): str(v) for k, v in value.items() if v not in (None, "")}
        shown = {n: texts.get(v, v) for n, v in given.items()}
        return "; ".join(f"gap {n}: {shown.get(str(n), NO_ANSWER)}" for n in _gaps(item, given))
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


def gap_key_text(gap: Any, texts: dict[str, str]) -> str:
    """One gap's key as words: its accepted answers, its number (± tolerance, unit) or its right option."""
    if not isinstance(gap, dict):
        return ""
    if gap.get("kind") == "text":
        return " or ".join(str(a) for a in gap.get("accepted") or [])
    if gap.get("kind") == "numeric":
        tolerance = f" ± {number_text(gap['tolerance'])}" if gap.get("tolerance") else ""
        return f"{number_text(gap.get('value'))}{tolerance} {gap.get('unit') or ''}".strip()
    return texts.get(str(gap.get("correct")), str(gap.get("correct", "")))


def key_text(item: Any, key: Any) -> str:
    """An answer key as words, in the shapes of quizzes.questiontypes; embedded answers gap by gap,
    a description ``NO_KEY`` (whatever is stored)."""
    if item.type == QuestionType.DESCRIPTION:
        return NO_KEY
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
    if item.type == QuestionType.EMBEDDED:
        gaps = key.get("gaps") or []
        texts = _option_texts(item)
        return "; ".join(f"gap {n}: {gap_key_text(gap, texts)}" for n, gap in enumerate(gaps, start=1))
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
