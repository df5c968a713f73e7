"""Essay attachments in words and for the file picker: which kinds a question takes."""

from __future__ import annotations

from django import template

from quizzes.attachments import EXTENSIONS, kinds_text

register = template.Library()


@register.filter
def attachment_kinds(kinds: list[str]) -> str:
    """``["pdf", "docx"]`` as "PDF or Word (.docx)"."""
    return kinds_text(list(kinds)) if kinds else ""


@register.filter
def attachment_accept(kinds: list[str]) -> str:
    """The file input's ``accept``: a hint to the browser's picker; the server judges the content."""
    extensions = [f".{EXTENSIONS[k]}" for k in kinds] + ([".jpeg"] if "jpeg" in kinds else [])
    return ",".join(extensions)
