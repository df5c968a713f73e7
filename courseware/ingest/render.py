"""Imported text is shown to users only as HTML built here and sanitised with nh3."""

from __future__ import annotations

from html import escape

import nh3

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "mark", "strong", "em", "blockquote"}


def sanitize_html(html: str) -> str:
    """The last step before any imported text reaches a page: only harmless tags survive,
    no attributes, no scripts or styles (their content is dropped too)."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, url_schemes=set(), strip_comments=True)


def text_to_html(text: str) -> str:
    """Paragraphs separated by blank lines become ``<p>`` elements; the text is escaped first,
    so markup that was in the reading shows as text and never runs."""
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return sanitize_html("".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph))
