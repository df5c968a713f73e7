"""Showing question text (stems, choices, feedback) by its format: imported questions keep
Moodle's text formats in ``Question.meta["format"]`` (html, moodle, markdown, plain); ours are
plain. Auto-escaping would show an HTML stem as tags, so these filters render it instead.

Every filter's markup comes from nh3 (``quizzes.interop.render``), never from the raw text:
templates still contain no ``|safe``, and plain text is escaped exactly as before.

    {% load question_text %}
    <div class="stem">{{ q.stem|question_text:q.text_format }}</div>      block: paragraphs allowed
    <span>{{ o.text|question_inline:q.text_format }}</span>                inside a label or li
    <option>{{ o.text|question_plain:q.text_format }}</option>             text only (options, attributes)
"""

from __future__ import annotations

import html

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from quizzes.interop.base import DEFAULT_FORMAT
from quizzes.interop.render import question_text_html
from quizzes.media import attribute_filter
from quizzes.questiontypes import BLANK

register = template.Library()

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
# Stands in for the cloze blank while the stem is rendered: letters and digits, so neither Markdown
# (which would read "____" as emphasis or a rule) nor nh3 changes it.
_BLANK_STAND_IN = "QUIZBLANKd41d8cd9"
BLANK_HTML = '<span class="muted">[blank]</span>'


@register.filter
def question_text(text: object, fmt: str | None = None) -> SafeString:
    """The text as sanitised HTML, paragraphs allowed (stems, feedback)."""
    return question_text_html(str(text or ""), fmt)


@register.filter
def question_inline(text: object, fmt: str | None = None) -> SafeString:
    """Phrasing HTML only, for a choice inside a label or list item: Markdown without the <p>."""
    value = str(text or "")
    if (fmt or DEFAULT_FORMAT) == "markdown":
        return mark_safe(nh3.clean(_MARKDOWN.renderInline(value), attribute_filter=attribute_filter))  # noqa: S308 (cleaned by nh3 on this line)
    return question_text_html(value, fmt)


@register.filter
def question_plain(text: object, fmt: str | None = None) -> str:
    """Text without markup, for places that hold no HTML (<option>, attributes): plain text as
    it is; other formats rendered, stripped of every tag and unescaped, then auto-escaped as usual."""
    value = str(text or "")
    if (fmt or DEFAULT_FORMAT) == "plain":
        return value
    return html.unescape(nh3.clean(question_inline(value, fmt), tags=set())).strip()


@register.filter
def question_cloze(text: object, fmt: str | None = None) -> SafeString:
    """A cloze stem with its blank shown as "[blank]" (the student types the missing term)."""
    value = str(text or "").replace(BLANK, _BLANK_STAND_IN, 1)
    rendered = question_text_html(value, fmt)
    # The stand-in is plain letters, so it survives rendering and escaping unchanged; only our own
    # fixed markup goes in its place.
    return mark_safe(rendered.replace(_BLANK_STAND_IN, BLANK_HTML, 1))  # noqa: S308 (nh3/escaped output plus a constant)


__all__ = ["BLANK_HTML", "question_cloze", "question_inline", "question_plain", "question_text"]
