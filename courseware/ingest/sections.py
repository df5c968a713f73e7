"""Blocks → the cleaned text and its sections, with offsets.

The cleaned text is the blocks joined by blank lines, headings included. A section is a
heading and the paragraphs under it; ``section.text`` is exactly
``cleaned_text[section.start:section.end]`` (the paragraphs only, not the heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text.citations import CitationMatch, extract_citations
from courseware.ingest.language import detect_language
from courseware.ingest.structure import Block

PARAGRAPH_SEPARATOR = "\n\n"

KIND_TITLE = "title"
KIND_ABSTRACT = "abstract"
KIND_BODY = "body"
KIND_CONCLUSION = "conclusion"
KIND_REFERENCES = "references"
KIND_FOREIGN_ABSTRACT = "foreign_abstract"

_ABSTRACT = re.compile(r"^(abstract|summary|executive summary|key findings|synopsis)$", re.IGNORECASE)
# Names of an abstract in other languages; with a non-English text they mark the translated abstract.
_FOREIGN_ABSTRACT = re.compile(
    r"^(streszczenie|zusammenfassung|kurzfassung|résumé|resume|resumen|riassunto|sommario|samenvatting|sammanfattning|"
    r"abstrakt|tiivistelmä|аннотация|резюме|анотація|özet|shrnutí|súhrn|rezumat|resumo)$",
    re.IGNORECASE,
)
_CONCLUSION = re.compile(
    r"^(conclusions?|concluding (remarks|thoughts)|final (remarks|thoughts)|summary and conclusions?|discussion and conclusions?|"
    r"conclusions? and recommendations|outlook)$",
    re.IGNORECASE,
)
_REFERENCES = re.compile(r"^(references|bibliography|works cited|literature|sources|notes|endnotes|further reading)$", re.IGNORECASE)
# Back matter that is about the document, not part of what it teaches: a disclaimer, the
# authors' notes, lists of related products and resources. Kept like a reference list (shown,
# never questioned), but it does not make a text a paper.
_BACK_MATTER = re.compile(
    r"^(disclaimers?|about the authors?|author contact information|acknowledge?ments?|copyright( notice)?|"
    r"(related|other|additional)( [A-Z]{2,6})? (products|reports|publications|reading|resources)|relevant statutes)$",
    re.IGNORECASE,
)
# The publisher's own list, named by its acronym: "CRS Products", "RAND Reports".
_PUBLISHER_PRODUCTS = re.compile(r"^[A-Z]{2,6} (Products|Reports|Publications)$")
_NUMBERING = re.compile(r"^(\d+(\.\d+)*\.?|[IVXLC]+\.)\s+")


@dataclass
class ParsedSection:
    order: int
    heading: str
    level: int
    kind: str
    language: str
    text: str
    start: int
    end: int
    citations: list[CitationMatch] = field(default_factory=list)


@dataclass
class Layout:
    cleaned_text: str
    sections: list[ParsedSection]


def is_reference_list(heading: str) -> bool:
    """A list of works cited, as opposed to other back matter."""
    return bool(_REFERENCES.match(heading_key(heading)))


def heading_key(heading: str) -> str:
    return _NUMBERING.sub("", heading).strip().rstrip(":").strip()


def classify(heading: str, *, language: str, document_language: str) -> str:
    key = heading_key(heading)
    if _FOREIGN_ABSTRACT.match(key) or (language != document_language and _ABSTRACT.match(key)):
        return KIND_FOREIGN_ABSTRACT
    if _ABSTRACT.match(key):
        return KIND_ABSTRACT
    if _CONCLUSION.match(key):
        return KIND_CONCLUSION
    if _REFERENCES.match(key) or _BACK_MATTER.match(key) or _PUBLISHER_PRODUCTS.match(key):
        return KIND_REFERENCES
    return KIND_BODY


def build_layout(blocks: list[Block], *, title_block: int | None, document_language: str) -> Layout:
    """Join blocks into the cleaned text and cut it into sections.

    ``title_block`` is the index of the block that is the reading's title, if any: it opens the
    first section (a news article's title with its lead paragraphs).
    """
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for block in blocks:
        if pieces:
            position += len(PARAGRAPH_SEPARATOR)
        spans.append((position, position + len(block.text)))
        pieces.append(block.text)
        position += len(block.text)
    cleaned_text = PARAGRAPH_SEPARATOR.join(pieces)

    # Group: (heading block index or None, [paragraph block indexes])
    groups: list[tuple[int | None, list[int]]] = []
    for i, block in enumerate(blocks):
        if block.kind == "heading" or i == title_block:
            groups.append((i, []))
        elif groups:
            groups[-1][1].append(i)
        else:
            groups.append((None, [i]))

    sections: list[ParsedSection] = []
    for heading_index, paragraphs in groups:
        heading = blocks[heading_index].text if heading_index is not None else ""
        level = blocks[heading_index].level if heading_index is not None else 1
        if paragraphs:
            start, end = spans[paragraphs[0]][0], spans[paragraphs[-1]][1]
        else:
            # A heading with nothing under it (a part title followed by its first subheading):
            # an empty section placed right after the heading.
            start = end = spans[heading_index][1] if heading_index is not None else 0
        text = cleaned_text[start:end]
        language = detect_language(text, default=document_language)
        kind = KIND_TITLE if heading_index is not None and heading_index == title_block and not paragraphs else None
        if kind is None:
            kind = classify(heading, language=language, document_language=document_language)
        if language != document_language and kind in (KIND_ABSTRACT, KIND_BODY) and _is_edge(len(sections), len(groups)):
            kind = KIND_FOREIGN_ABSTRACT
        sections.append(
            ParsedSection(
                order=len(sections) + 1,
                heading=heading,
                level=level,
                kind=kind,
                language=language,
                text=text,
                start=start,
                end=end,
                citations=extract_citations(text),
            )
        )
    return Layout(cleaned_text=cleaned_text, sections=sections)


def _is_edge(index: int, count: int) -> bool:
    """Translated abstracts sit at the very start or the very end of a paper."""
    return index <= 1 or index >= count - 2
