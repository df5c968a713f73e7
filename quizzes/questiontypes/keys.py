"""The key's texts (what a student must produce or pick), and whether they are printed in what a
student reads: the quiz draw and review keep a question's key out of another's stem.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

from quizzes.models import QuestionType
from quizzes.questiontypes.base import normalise_text


def _number_as_written(value: Any) -> list[str]:
    """A numeric key as a reading prints it: 2022, 2.5, and 2,000 beside 2000."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return [str(value)] if value not in (None, "") else []
    if not math.isfinite(number):
        return []
    if number.is_integer():
        forms = [str(int(number))]
        if abs(number) >= 1000 and not 1000 <= number <= 2100:  # years are never printed "1,949"
            forms.append(f"{int(number):,}")
        return forms
    return [repr(number)]


_TAG = re.compile(r"<[^>]*>")


def key_terms(qtype: str, choices: Any, answer: Any) -> list[str]:
    """The texts of a question's key: what a student must produce or pick.

    Accepted answers (cloze, short answer, aliases included), the correct options' texts, the
    number as written, the right-hand texts of matching pairs. True/false and ordering have no
    key text (the key is a truth value or an order of texts every student sees). Stored on the
    question as ``key_terms`` so a quiz draw can tell when one question's key is printed in
    another's stem or options without reading every key again.
    """
    if not isinstance(answer, dict):
        return []
    terms: list[str] = []
    try:
        if qtype in (QuestionType.CLOZE, QuestionType.SHORT_ANSWER):
            terms = [a for a in answer.get("accepted") or [] if isinstance(a, str)]
        elif qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            correct = answer.get("correct")
            wanted = set(correct) if isinstance(correct, list) else {correct}
            terms = [c.get("text", "") for c in choices or [] if isinstance(c, dict) and c.get("id") in wanted]
        elif qtype == QuestionType.NUMERIC:
            raw = answer.get("text")
            terms = ([raw] if isinstance(raw, str) else []) + _number_as_written(answer.get("value"))
        elif qtype == QuestionType.MATCHING and isinstance(choices, dict):
            texts = {c.get("id"): c.get("text", "") for c in choices.get("right") or [] if isinstance(c, dict)}
            pairs = answer.get("pairs") or {}
            # In the left column's order, not the pairs' key order: PostgreSQL's jsonb reorders an
            # object's keys, and the stored terms must not depend on the database.
            terms = [texts.get(pairs.get(c.get("id")), "") for c in choices.get("left") or [] if isinstance(c, dict)]
    except (AttributeError, TypeError):
        return []  # a malformed key has no texts; validate_definition says what is wrong with it
    seen: set[str] = set()
    unique = []
    for term in terms:
        # Imported options may be HTML: the key is the text a student reads.
        clean = " ".join(html.unescape(_TAG.sub(" ", str(term))).split())
        if clean and normalise_text(clean) and clean.casefold() not in seen:
            seen.add(clean.casefold())
            unique.append(clean)
    return unique


def printed_text(qtype: str, stem: str, choices: Any) -> str:
    """Everything a student reads of a question before answering: the stem and every option."""
    parts = [stem or ""]
    if isinstance(choices, list):
        parts += [str(c.get("text", "")) for c in choices if isinstance(c, dict)]
    elif isinstance(choices, dict):
        for side in ("left", "right"):
            parts += [str(c.get("text", "")) for c in choices.get(side) or [] if isinstance(c, dict)]
    return "\n".join(parts)


def term_printed_in(term: str, text: str) -> bool:
    """Whether ``term`` appears in ``text`` as whole words, ignoring case ("2022" is not in "20225")."""
    if not term:
        return False
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None
