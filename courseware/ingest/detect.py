"""Format detection by content (the file name is only a hint) and decoding of text bytes."""

from __future__ import annotations

import codecs
import re
from enum import StrEnum

from charset_normalizer import from_bytes

from courseware.ingest.errors import UndecodableTextError, UnsupportedTypeError


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    PDF = "pdf"
    HTML = "html"


# Signatures of common binary formats people upload by mistake (Word, images, archives,
# executables). They are refused by what the bytes are, whatever the file is called.
_BINARY_SIGNATURES = (
    b"PK\x03\x04",  # zip: docx, odt, epub, xlsx
    b"\xd0\xcf\x11\xe0",  # OLE: doc, xls
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"RIFF",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"{\\rtf",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"%!PS",
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer's "chaos" is the share of the text that looks like mis-decoding, and
# "coherence" how much it reads like a known language. Below these bounds we would rather
# refuse the file than import garbage that the cleaner cannot repair.
MAX_CHAOS = 0.15
MIN_COHERENCE = 0.2

_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:p|div|h[1-6]|article|section|main|br|span|a|ul|ol|li|table|script|style|title|meta|body)\b[^>]*>", re.IGNORECASE
)
_MD_ATX = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_SETEXT = re.compile(r"^\S[^\n]*\n(?:=+|-{3,})[ \t]*$", re.MULTILINE)
_MD_FEATURES = re.compile(
    # links, bold, blockquotes, fences; backslash escapes of Markdown punctuation (an escaped
    # "***" rule, "[sic]" in escaped brackets) that converters write; and headings written
    # without the space after the hashes ("##Title").
    r"(\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__|^>[ \t]|^```|\\[*_#\[\]]|^#{1,6}[^\W\d_][^#\n]*$)",
    re.MULTILINE,
)
# Bulleted and numbered lines are Markdown only together with other signs: plain text has
# numbered headings ("1. Origins") and dashed lists too.
_MD_LISTS = re.compile(r"^\s*(?:[-*+]|\d+\.)[ \t]+\S", re.MULTILINE)


def is_pdf(data: bytes) -> bool:
    # The PDF header may be preceded by a little junk; readers accept it within the first KB.
    return b"%PDF-" in data[:1024]


def check_not_binary(data: bytes) -> None:
    """Refuse known binary formats and anything with NUL or many control bytes."""
    head = data[:4096]
    if any(head.startswith(signature) for signature in _BINARY_SIGNATURES):
        raise UnsupportedTypeError()
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in head:
        raise UnsupportedTypeError()
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if controls > max(8, len(head) // 100):
        raise UnsupportedTypeError()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with a BOM, else a confident guess, else refuse."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableTextError() from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS or best.coherence < MIN_COHERENCE:
        raise UndecodableTextError()
    return str(best)


def sniff_text_format(text: str, filename: str = "") -> SourceFormat:
    """HTML or Markdown when the text itself says so; the extension only breaks ties."""
    head = text[:20000]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 3:
        return SourceFormat.HTML
    markdown_score = 2 * len(_MD_ATX.findall(head)) + 2 * len(_MD_SETEXT.findall(head)) + len(_MD_FEATURES.findall(head))
    if markdown_score:
        markdown_score += min(2, len(_MD_LISTS.findall(head)))
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if markdown_score >= 2 or (extension in {"md", "markdown"} and markdown_score >= 1):
        return SourceFormat.MARKDOWN
    return SourceFormat.TEXT
