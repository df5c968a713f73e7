"""Files students attach to essays: which kinds are accepted and how one is recognised.

A file's kind is judged by its content, never by its name or the type the browser claims: a
``.pdf`` that is an HTML page is refused. What each kind looks like:

- pdf: starts with ``%PDF-``;
- png, jpeg: their signatures (``quizzes.media``);
- docx: a ZIP archive holding ``[Content_Types].xml`` and a ``word/`` part;
- odt: a ZIP archive whose first member is ``mimetype`` saying ``application/vnd.oasis.opendocument.text``;
- txt: UTF-8 text without NUL bytes.

The file is then served only as a download (``download_response``: ``Content-Disposition:
attachment``, nosniff) with the type checked here, so even a text file that holds markup is never
shown as a page.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import FileResponse

from quizzes.media import image_content_type

if TYPE_CHECKING:
    from quizzes.models import ResponseFile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt", "txt": "txt", "png": "png", "jpeg": "jpg"}
LABELS = {"pdf": "PDF", "docx": "Word (.docx)", "odt": "OpenDocument text (.odt)", "txt": "plain text", "png": "PNG", "jpeg": "JPEG"}
_ODT = b"application/vnd.oasis.opendocument.text"
_NAME_MAX = 255

NO_FILE = "Choose a file to upload."
EMPTY_FILE = "{name} is empty."
TOO_BIG = "{name} is {size} KB; a file may be at most {limit} KB."
NOT_ACCEPTED = "{name} is not a file this question accepts (judged by its content, whatever its name): attach {kinds}."


class AttachmentRefused(ValueError):
    """A file cannot be attached; the message says why, for the student who chose it."""


@dataclass(frozen=True)
class CheckedAttachment:
    name: str
    kind: str
    data: bytes

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if members and members[0].filename == "mimetype" and members[0].file_size < 100:
                return "odt" if archive.read(members[0]).strip() == _ODT else None
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError):
        return None
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return "docx"
    return None


def attachment_kind(data: bytes) -> str | None:
    """The kind of file the bytes are (a key of ``CONTENT_TYPES``), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    image = image_content_type(data)
    if image in ("image/png", "image/jpeg"):
        return image.removeprefix("image/")
    if image is not None:
        return None  # GIF, WebP: images, but not among the kinds an essay takes
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def kinds_text(kinds: list[str]) -> str:
    labels = [LABELS[k] for k in kinds]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def attachment_check(*, name: str, data: bytes, max_bytes: int, kinds: list[str]) -> CheckedAttachment:
    """The file if it may be attached (one of ``kinds``, at most ``max_bytes``), or
    AttachmentRefused saying why; checked before anything is saved."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).replace("\\", "/").rsplit("/", 1)[-1].strip()[-_NAME_MAX:] or "file"
    if not data:
        raise AttachmentRefused(EMPTY_FILE.format(name=name))
    if len(data) > max_bytes:
        raise AttachmentRefused(TOO_BIG.format(name=name, size=-(-len(data) // 1024), limit=max_bytes // 1024))
    kind = attachment_kind(data)
    if kind not in kinds:
        raise AttachmentRefused(NOT_ACCEPTED.format(name=name, kinds=kinds_text(kinds)))
    return CheckedAttachment(name=name, kind=kind, data=data)


def download_response(stored: ResponseFile, *, own: bool) -> FileResponse:
    """The attached file as a download, for the page and the API alike. The student gets their own
    file name back; a marker a neutral one, since a file name often carries its author's name and
    anonymous marking must not give it away."""
    name = stored.name if own else f"essay-{stored.response_id}.{EXTENSIONS[stored.kind]}"
    response = FileResponse(stored.file.open("rb"), content_type=CONTENT_TYPES[stored.kind], as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(stored.size)
    return response
