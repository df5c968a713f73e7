"""Showing imported text: a question's stem, choices and feedback as safe HTML, by its format.

Imported questions keep Moodle's text formats (``Question.meta["format"]``); our own questions
are plain text. Templates that print ``{{ q.stem }}`` show an HTML stem as tags; they can print
``question_text_html(q.stem, q.meta.get("format"))`` instead. The HTML was sanitised on import
and is sanitised again here, so a row edited elsewhere cannot smuggle a script in.
"""

from __future__ import annotations

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from quizzes.interop.base import DEFAULT_FORMAT
from quizzes.media import attribute_filter

_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def question_text_html(text: str, fmt: str | None = None) -> SafeString:
    fmt = fmt or DEFAULT_FORMAT
    if fmt == "html":
        return mark_safe(nh3.clean(text, attribute_filter=attribute_filter))  # noqa: S308 (cleaned by nh3 on this line)
    if fmt == "moodle":
        # Moodle's auto-format: HTML allowed, and line breaks in the source are kept.
        return mark_safe(nh3.clean(text.replace("\n", "<br>\n"), attribute_filter=attribute_filter))  # noqa: S308 (cleaned by nh3 on this line)
    if fmt == "markdown":
        return mark_safe(nh3.clean(_MARKDOWN.render(text), attribute_filter=attribute_filter))  # noqa: S308 (cleaned by nh3 on this line)
    return SafeString(linebreaks(escape(text))) if "\n" in text else SafeString(escape(text))
