"""Images in question text: which files are accepted, how the text refers to them, and how the
reference becomes a URL when the text is shown.

The stored text refers to a file of its question version as Moodle does,
``<img src="@@PLUGINFILE@@/diagram%201.png">`` (the name URL-encoded), so the text is the same
in the database and in an exported Moodle XML file. Only when a question is shown is the
reference rewritten to the permission-checked serving URL of that version
(``/question-files/<question id>/<name>``, ``quizzes.views.files``).

Sanitising keeps an ``<img>``'s ``src`` only when it is such a reference or such a URL: a
``data:`` or ``javascript:`` URI, or any other address, is dropped (the Content-Security-Policy
would block other hosts anyway, and an image from elsewhere tells that host who reads the quiz).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from django.urls import reverse

PLUGINFILE = "@@PLUGINFILE@@/"
# A reference in stored text: up to the end of the attribute value (quotes, spaces, markup; a
# backslash too, where the text sits JSON-escaped; a ")" closing Markdown's image). Names are
# URL-encoded in references, so no name holds any of these.
_REFERENCE = re.compile(re.escape(PLUGINFILE) + r"""([^"'\\\s<>?#)]+)""")
# The serving URL (under whatever prefix the site is mounted at): quizzes.urls "question-file".
_SERVED = re.compile(r"^(?:/[\w.-]+)*/question-files/\d+/[^/?#\s]+$")
_FILE_NAME_MAX = 255

# The image formats a browser shows and nothing else: their first bytes, and the type served.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),  # after "RIFF" and the length
)
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")

NOT_AN_IMAGE = "{name} is not a PNG, JPEG, GIF or WebP image (its content says so, whatever its name)."
SVG_REFUSED = "{name} is an SVG drawing: SVG can carry scripts, so it is not accepted. Export it as PNG and add that."
TOO_BIG = "{name} is {size} KB; an image may be at most {limit} KB."
EMPTY_FILE = "{name} is empty."
BAD_NAME = "The file name {name!r} cannot be used: give a name of 1 to 255 characters without '/' or '\\'."


class ImageRefused(ValueError):
    """An image cannot be kept; the message says why, for the person who gave it."""


@dataclass(frozen=True)
class CheckedImage:
    name: str
    content_type: str
    data: bytes


def image_content_type(data: bytes) -> str | None:
    """The image type the bytes are, by their signature, or None."""
    for signature, offset, content_type in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature and (offset == 0 or data[:4] == b"RIFF"):
            return content_type
    return None


def clean_file_name(name: str) -> str:
    """The name a file is kept and referred to by: its last path part, without control characters."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    if not name or len(name) > _FILE_NAME_MAX or "/" in name or "\\" in name or name in (".", ".."):
        raise ImageRefused(BAD_NAME.format(name=name[:80]))
    return name


def image_check(*, name: str, data: bytes, max_bytes: int) -> CheckedImage:
    """The image, or ImageRefused saying why it cannot be kept (checked before anything is saved)."""
    name = clean_file_name(name)
    if not data:
        raise ImageRefused(EMPTY_FILE.format(name=name))
    if len(data) > max_bytes:
        raise ImageRefused(TOO_BIG.format(name=name, size=-(-len(data) // 1024), limit=max_bytes // 1024))
    content_type = image_content_type(data)
    if content_type is None:
        head = data[:512].lstrip().lower()
        if name.lower().endswith((".svg", ".svgz")) or (head.startswith((b"<svg", b"<?xml")) and b"<svg" in head):
            raise ImageRefused(SVG_REFUSED.format(name=name))
        raise ImageRefused(NOT_AN_IMAGE.format(name=name))
    return CheckedImage(name=name, content_type=content_type, data=data)


def file_reference(name: str) -> str:
    """How text refers to a file: ``@@PLUGINFILE@@/`` and the URL-encoded name, as Moodle writes it."""
    return PLUGINFILE + quote(name)


def files_referenced(text: str) -> list[str]:
    """Names of the files ``text`` refers to, decoded, in order of first mention."""
    names: dict[str, None] = {}
    for match in _REFERENCE.finditer(text or ""):
        names[unquote(match.group(1))] = None
    return list(names)


def files_url_prefix(question_id: int) -> str:
    return reverse("question-file", kwargs={"question_id": question_id, "name": "-"})[:-1]


def files_rewrite(text: str, question_id: int | None) -> str:
    """``text`` with its file references pointing at ``question_id``'s serving URL, for showing it.
    A question not saved yet (no id) keeps its references, which then show no image."""
    if not text or PLUGINFILE not in text or question_id is None:
        return text
    return text.replace(PLUGINFILE, files_url_prefix(question_id))


def img_src_allowed(value: str) -> bool:
    """Whether an ``<img src>`` may stay: a file reference, or a question file's serving URL."""
    return value.startswith(PLUGINFILE) or bool(_SERVED.match(value))


def attribute_filter(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: drops an image source that is neither of ours (see module doc)."""
    if element == "img" and attribute == "src" and not img_src_allowed(value):
        return None
    return value
