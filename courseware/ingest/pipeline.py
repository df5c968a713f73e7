"""The whole import pipeline, with no database: bytes in, a ``ParsedReading`` out.

Used by the import service (which saves the result in one transaction) and by the admin's
preview (which only shows it).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from courseware.ingest.cleaning import Removed, clean_characters, parse_dateline, remove_boilerplate
from courseware.ingest.detect import SourceFormat, check_not_binary, decode_text, is_pdf, sniff_text_format
from courseware.ingest.errors import EmptyReadingError, NoContentError, ReadingTooLargeError
from courseware.ingest.extract import Line, RawDocument, extract_html, extract_markdown, extract_pdf, extract_plain
from courseware.ingest.frontmatter import split_front_matter
from courseware.ingest.hyphenation import Vocabulary
from courseware.ingest.language import detect_language
from courseware.ingest.sections import (
    KIND_ABSTRACT,
    KIND_FOREIGN_ABSTRACT,
    KIND_REFERENCES,
    ParsedSection,
    build_layout,
    heading_key,
    is_reference_list,
)
from courseware.ingest.structure import Block, segment

KIND_PAPER = "paper"
KIND_NEWS = "news"
KIND_REPORT = "report"
KINDS = (KIND_PAPER, KIND_NEWS, KIND_REPORT)

# Headings that open a paper's parts; such a first line is not the reading's title.
_PART_NAMES = re.compile(
    r"^(abstract|introduction|summary|executive summary|contents|table of contents|foreword|preface|key findings|conclusions?|"
    r"streszczenie|zusammenfassung|résumé|resumen)$",
    re.IGNORECASE,
)
# A paper cites; a news article rarely does.
PAPER_MIN_CITATIONS = 5


@dataclass
class ParsedReading:
    source_format: str
    checksum: str
    raw_text: str
    cleaned_text: str
    title: str
    kind: str
    language: str
    sections: list[ParsedSection]
    removed: list[Removed] = field(default_factory=list)
    source: str = ""
    published_on: date | None = None


def checksum_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(data: bytes, *, filename: str, max_bytes: int) -> tuple[SourceFormat, str, RawDocument]:
    """Validate the bytes, detect the format by content and extract text. Raises a
    ``ReadingImportError`` for anything that cannot be imported."""
    if not data.strip():
        raise EmptyReadingError()
    if len(data) > max_bytes:
        raise ReadingTooLargeError(max_bytes)
    if is_pdf(data):
        document = extract_pdf(data)
        return SourceFormat.PDF, "\n".join(line.text for line in document.lines), document
    check_not_binary(data)
    text = decode_text(data)
    if not text.strip():
        raise EmptyReadingError()
    front_matter, text = split_front_matter(text)
    source_format = sniff_text_format(text, filename)
    if front_matter is not None:
        # Front matter is a Markdown convention: what follows it is Markdown (or HTML).
        if source_format != SourceFormat.HTML:
            source_format = SourceFormat.MARKDOWN
        document = extract_html(text) if source_format == SourceFormat.HTML else extract_markdown(clean_characters(text))
        document.removed.insert(0, ("front_matter", front_matter.raw))
        document.title = clean_characters(front_matter.title).strip() or document.title
        document.published_on = front_matter.published_on or document.published_on
        return source_format, "\n".join(line.text for line in document.lines), document
    if source_format in (SourceFormat.HTML, SourceFormat.MARKDOWN):
        # The raw text kept for HTML and Markdown is the extracted text, never the markup: a
        # stored <script> could one day reach a page through some careless template.
        document = extract_html(text) if source_format == SourceFormat.HTML else extract_markdown(clean_characters(text))
        return source_format, "\n".join(line.text for line in document.lines), document
    return source_format, text, extract_plain(text)


def _expand(lines: list[Line]) -> list[Line]:
    """Structured paragraphs may span several physical lines; boilerplate rules see each."""
    expanded: list[Line] = []
    for line in lines:
        text = clean_characters(line.text)
        lead = clean_characters(line.lead).strip() if line.lead else ""
        if line.heading is not None or "\n" not in text:
            expanded.append(Line(text, line.heading, bold=line.bold, lead=lead, listed=line.listed))
        else:
            parts = text.split("\n")
            # A run-in heading stays with the paragraph's first line, which starts with it.
            expanded.append(Line(parts[0], lead=lead if parts[0].startswith(lead) else "", listed=line.listed))
            expanded.extend(Line(part, listed=line.listed) for part in parts[1:])
    return expanded


def _find_title_block(blocks: list[Block], *, structured: bool) -> int | None:
    if not blocks or blocks[0].kind != "heading" or _PART_NAMES.match(heading_key(blocks[0].text)):
        return None
    if structured:
        # "# Title" followed by "## Parts": the top heading is the title when it is the only one at its level.
        top = blocks[0].level
        same_level = [block for block in blocks if block.kind == "heading" and block.level <= top]
        return 0 if len(same_level) == 1 else None
    return 0


def parse_reading(data: bytes, *, filename: str, max_bytes: int, title: str | None = None, kind: str | None = None) -> ParsedReading:
    source_format, raw_text, document = read_document(data, filename=filename, max_bytes=max_bytes)
    structured = document.structured
    lines = (
        _expand(document.lines)
        if structured
        else [Line(text) for text in clean_characters("\n".join(line.text for line in document.lines)).split("\n")]
    )
    boilerplate = remove_boilerplate(lines, page_numbers=source_format == SourceFormat.PDF, pages=document.pages)
    removed = [Removed(reason, text) for reason, text in document.removed] + boilerplate.removed
    vocabulary = Vocabulary.from_text("\n".join(line.text for line in boilerplate.lines))
    blocks = segment(boilerplate.lines, structured=structured, vocabulary=vocabulary)
    if not any(re.search(r"[^\W\d_]", block.text) for block in blocks):
        raise NoContentError()
    title_block = _find_title_block(blocks, structured=structured)
    if title_block == 0 and not structured:
        # Headings right under the title are the reading's top level, not subheadings of it.
        for block in blocks[1:]:
            if block.kind != "heading":
                break
            block.level = max(1, block.level - 1)
    document_language = detect_language(" ".join(block.text for block in blocks), default="en")
    layout = build_layout(blocks, title_block=title_block, document_language=document_language)
    resolved_title = (title or "").strip()
    if not resolved_title and title_block is not None:
        resolved_title = blocks[title_block].text
    if not resolved_title:
        resolved_title = document.title or _first_heading(blocks) or _title_from_filename(filename)
    return ParsedReading(
        source_format=str(source_format),
        checksum=checksum_of(data),
        raw_text=raw_text,
        cleaned_text=layout.cleaned_text,
        title=resolved_title[:300],
        kind=kind or guess_kind(layout.sections),
        language=document_language,
        sections=layout.sections,
        removed=removed,
        source=document.source,
        published_on=document.published_on or next((parse_dateline(item.text) for item in removed if item.reason == "dateline"), None),
    )


def _first_heading(blocks: list[Block]) -> str:
    """A text that opens with a heading among several at its level (converters from PDF make
    every heading a top-level one) is still named by that first heading better than by its
    file name."""
    if blocks and blocks[0].kind == "heading" and not _PART_NAMES.match(heading_key(blocks[0].text)):
        return blocks[0].text
    return ""


def guess_kind(sections: list[ParsedSection]) -> str:
    kinds = {section.kind for section in sections}
    citations = sum(len(section.citations) for section in sections)
    reference_list = any(section.kind == KIND_REFERENCES and is_reference_list(section.heading) for section in sections)
    if reference_list or kinds & {KIND_ABSTRACT, KIND_FOREIGN_ABSTRACT} or citations >= PAPER_MIN_CITATIONS:
        return KIND_PAPER
    return KIND_NEWS


def _title_from_filename(filename: str) -> str:
    stem = PurePath(filename or "reading").stem
    words = re.sub(r"[_\-]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled reading"
