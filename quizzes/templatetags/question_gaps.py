"""Embedded answers as a student sees them: the stem rendered by its format (sanitised like every
other stem), cut where its [[n]] gap marks were, each piece followed by its gap's input.

    {% load question_gaps %}
    {% gap_pieces q as pieces %}
    {% for piece in pieces %}{{ piece.html }}{% if piece.number %}…input for gap piece.number…{% endif %}{% endfor %}

The marks are swapped for letter-and-digit stand-ins before rendering, so neither Markdown nor
nh3 changes them, and only our own inputs go in their place.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from quizzes.interop.render import question_text_html
from quizzes.presenters import gap_key_text
from quizzes.questiontypes import GAP_MARK, gap_of_choice

register = template.Library()

_STAND_IN = "QUIZGAPe3b0c442x{}x"


@register.simple_tag
def gap_pieces(question: Any) -> list[dict[str, Any]]:
    """[{html, number, options, value}]: the text before each gap, the gap (its drop-down options,
    if any, and the student's saved answer), and a last piece of text with no gap."""
    numbers = [int(m.group(1)) for m in GAP_MARK.finditer(question.stem or "")]
    marked = GAP_MARK.sub(lambda m: _STAND_IN.format(m.group(1)), str(question.stem or ""))
    rendered = str(question_text_html(marked, question.text_format))
    saved = question.answer if isinstance(question.answer, dict) else {}
    pieces = []
    rest = rendered
    for number in numbers:
        before, _, rest = rest.partition(_STAND_IN.format(number))
        options = [o for o in question.options if gap_of_choice(str(o["id"])) == number]
        # The pieces are cut out of nh3's (or the escaper's) output, so each is as safe as the whole.
        pieces.append({"html": mark_safe(before), "number": number, "options": options, "value": str(saved.get(str(number), ""))})  # noqa: S308
    pieces.append({"html": mark_safe(rest), "number": None, "options": [], "value": ""})  # noqa: S308
    return pieces


@register.simple_tag
def gap_answers(item: Any) -> list[dict[str, Any]]:
    """Per gap, for the result page: what the student gave (an option's text, not its id) and,
    when the review shows correct answers (``item.correct_answer`` holds the key), the right one."""
    texts = {str(o["id"]): str(o.get("text", "")) for o in item.options or []}
    given = item.answer if isinstance(item.answer, dict) else {}
    key = item.correct_answer if isinstance(item.correct_answer, dict) else {}
    rows = []
    for number in [int(m.group(1)) for m in GAP_MARK.finditer(item.stem or "")]:
        value = str(given.get(str(number), ""))
        gap = (key.get("gaps") or [])[number - 1] if number <= len(key.get("gaps") or []) else None
        right = gap_key_text(gap, texts) if isinstance(gap, dict) else None
        rows.append({"number": number, "given": texts.get(value, value), "right": right})
    return rows
