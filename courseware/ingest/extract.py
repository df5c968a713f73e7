"""Text extraction per format. Every extractor returns a ``RawDocument``: lines of text, with
the heading level filled in where the format marks headings (Markdown ``#``, HTML ``h1``-``h6``).

Plain text and PDF text are *unstructured*: their line breaks are layout, and paragraphs and
headings are recovered later from the layout (``structure.py``). Markdown and HTML are
*structured*: each line is already one paragraph or heading (inner line breaks are kept as
``\\n`` so that re-flowing can still join hyphenated words).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from courseware.ingest.errors import NoTextLayerError, UnreadablePdfError


@dataclass
class Line:
    text: str
    heading: int | None = None  # heading level when the source format marks the line as one
    bold: bool = False  # the whole paragraph is bold: a common way to set a subheading
    # A bold run at the start of a paragraph that the paragraph's text starts with ("**Vision:**
    # The strategy ..."): a run-in heading when the document sets several paragraphs this way.
    lead: str = ""
    listed: bool = False  # a list item: never a heading, whatever its form


@dataclass
class RawDocument:
    lines: list[Line]
    structured: bool
    title: str = ""  # a title the format declares (<title>, PDF metadata); a hint only
    source: str = ""  # publisher or site name, when the format declares one
    pages: int = 1
    published_on: date | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, text) dropped during extraction


def extract_plain(text: str) -> RawDocument:
    return RawDocument(lines=[Line(line) for line in text.split("\n")], structured=False)


# --- PDF ------------------------------------------------------------------------------------

# A PDF whose pages yield fewer letters than this in total has no usable text layer.
MIN_PDF_LETTERS = 20


def extract_pdf(data: bytes) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs every recoverable oddity of a damaged file as a warning; the import reports
    # the outcome instead, so keep the log quiet while reading.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdfError()
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata_title = ""
        if reader.metadata is not None and reader.metadata.title:
            metadata_title = str(reader.metadata.title).strip()
    except UnreadablePdfError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, NotImplementedError) as exc:
        raise UnreadablePdfError() from exc
    text = "\n".join(pages)
    if sum(ch.isalpha() for ch in text) < MIN_PDF_LETTERS:
        raise NoTextLayerError()
    document = extract_plain(text)
    document.title = metadata_title
    document.pages = len(pages)
    return document


# --- HTML -----------------------------------------------------------------------------------

# Content of these elements is never text of the reading: code, styling, embedded objects.
_DROP_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head", "select", "button"}
# Page furniture around an article: removed, but kept for review like other boilerplate.
_FURNITURE = {"nav": "page_navigation", "footer": "page_footer", "aside": "sidebar", "form": "form"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "pre", "figure", "figcaption", "address", "hr", "body", "html",
}  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Struck-through text in a transcript or an edited page is what the text no longer says
# ("Operation <s>Allied Rescue</s> [Allies Refuge]"): removed, kept for review.
_STRUCK = {"s", "del", "strike"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track"}


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.removed: list[tuple[str, str]] = []
        self.title = ""
        self._buffer: list[str] = []
        self._heading: int | None = None
        self._drop_depth = 0
        self._furniture: list[tuple[str, list[str]]] = []
        self._in_title = False
        self._title_parts: list[str] = []
        self.source = ""
        self.published_on: date | None = None
        self._bold_depth = 0
        self._list_depth = 0
        self._bold_chars = 0
        self._plain_chars = 0
        self._struck_depth = 0
        self._struck_parts: list[str] = []
        # Run-in heading: "start" until the block's first text; "in" while that text is bold;
        # "closed" once the bold run ends; "after" once plain text follows it; "none" otherwise.
        self._lead_state = "start"
        self._lead_parts: list[str] = []

    def _read_metadata(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Publisher and publication date from the usual meta tags (Open Graph, article:,
        Dublin Core) or the first <time datetime>."""
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        value = (attrs.get("content") if tag == "meta" else attrs.get("datetime")) or ""
        publisher = tag == "meta" and key in ("og:site_name", "publisher", "article:publisher", "dc.publisher")
        if publisher and not self.source and not value.startswith("http"):  # article:publisher is often a URL
            self.source = " ".join(value.split())[:300]
        is_date = tag == "time" or key in ("article:published_time", "date", "dc.date", "dc.date.issued", "pubdate", "publish-date")
        if is_date and self.published_on is None:
            self.published_on = parse_iso_date(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time"):
            self._read_metadata(tag, dict(attrs))
        if tag == "title" and not self._title_parts:
            # <title> lives in <head>, whose other content is dropped; only the first counts
            # (an <svg> may carry its own).
            self._in_title = True
            return
        if tag in _VOID:
            if tag == "br":
                self._write("\n")
            return
        if tag in _DROP_CONTENT:
            self._drop_depth += 1
            return
        if self._drop_depth:
            return
        if tag in _STRUCK:
            self._struck_depth += 1
            return
        if tag in _FURNITURE:
            self._flush()
            self._furniture.append((tag, []))
            return
        if tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in _BLOCKS:
            self._flush()
            if tag in ("ul", "ol"):
                self._list_depth += 1
        elif tag in ("b", "strong"):
            self._bold_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _VOID:
            return
        if tag in _DROP_CONTENT:
            self._drop_depth = max(0, self._drop_depth - 1)
            return
        if self._drop_depth:
            return
        if tag in _STRUCK:
            self._struck_depth = max(0, self._struck_depth - 1)
            if not self._struck_depth:
                struck = " ".join("".join(self._struck_parts).split())
                self._struck_parts = []
                if struck:
                    self.removed.append(("struck_text", struck))
            return
        if tag in _FURNITURE and self._furniture and self._furniture[-1][0] == tag:
            self._flush()
            name, parts = self._furniture.pop()
            text = "\n".join(part for part in parts if part)
            if text:
                self.removed.append((_FURNITURE[name], text))
            return
        if tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            if tag in ("ul", "ol"):
                self._list_depth = max(0, self._list_depth - 1)
        elif tag in ("b", "strong"):
            self._bold_depth = max(0, self._bold_depth - 1)
            if not self._bold_depth and self._lead_state == "in":
                self._lead_state = "closed"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._drop_depth:
            return
        if self._struck_depth:
            self._struck_parts.append(data)
            return
        # HTML collapses runs of white space; line breaks in the source are not layout.
        self._write(re.sub(r"\s+", " ", data))
        self._follow_lead(data)
        letters = len(data.strip())
        if self._bold_depth:
            self._bold_chars += letters
        else:
            self._plain_chars += letters

    def _write(self, text: str) -> None:
        self._buffer.append(text)

    def _follow_lead(self, data: str) -> None:
        if not data.strip():
            if self._lead_state == "in":
                self._lead_parts.append(data)
            return
        if self._lead_state == "start":
            self._lead_state = "in" if self._bold_depth else "none"
        if (self._lead_state == "in" and not self._bold_depth) or self._lead_state == "closed":
            self._lead_state = "after"
        if self._lead_state == "in":
            self._lead_parts.append(data)

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        text = "\n".join(part.strip() for part in text.split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()
        heading, self._heading = self._heading, None
        # A bold list item is a list item, not a subheading.
        bold = self._bold_chars > 0 and self._plain_chars == 0 and not self._list_depth
        self._bold_chars = self._plain_chars = 0
        lead = " ".join("".join(self._lead_parts).split()) if self._lead_state == "after" and not self._list_depth else ""
        self._lead_state, self._lead_parts = "start", []
        if not text:
            return
        if self._furniture:
            self._furniture[-1][1].append(text)
            return
        if heading is not None:
            text = " ".join(text.split())
        self.lines.append(
            Line(text, heading, bold=bold, lead=lead if heading is None and text.startswith(lead) else "", listed=self._list_depth > 0)
        )
        self.lines.append(Line(""))

    def close(self) -> None:
        super().close()
        self._flush()
        while self._furniture:
            name, parts = self._furniture.pop()
            if parts:
                self.removed.append((_FURNITURE[name], "\n".join(parts)))
        self.title = _strip_site_name(" ".join("".join(self._title_parts).split()))


def _strip_site_name(title: str) -> str:
    """ "Enhanced Forward Presence | Defence Review" → "Enhanced Forward Presence": page titles
    end with the site's name after a separator; the article's title is the longest part."""
    parts = [part.strip() for part in re.split(r"\s+[|\u2013\u2014\u00b7]\s+|\s+-\s+", title) if part.strip()]
    return max(parts, key=len) if parts else title


def parse_iso_date(value: str) -> date | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def extract_html(text: str) -> RawDocument:
    parser = _ArticleParser()
    parser.feed(text)
    parser.close()
    return RawDocument(
        lines=parser.lines,
        structured=True,
        title=parser.title,
        removed=parser.removed,
        source=parser.source,
        published_on=parser.published_on,
    )


# --- Markdown -------------------------------------------------------------------------------

_markdown = MarkdownIt("commonmark").enable("table")


def _is_all_bold(token: Token) -> bool:
    depth = bold = plain = 0
    for child in token.children or []:
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in ("text", "code_inline") and child.content.strip():
            if depth:
                bold += 1
            else:
                plain += 1
    return bold > 0 and plain == 0


_STRUCK_OPEN = re.compile(r"^<(s|del|strike)(\s[^>]*)?>$", re.IGNORECASE)
_STRUCK_CLOSE = re.compile(r"^</(s|del|strike)\s*>$", re.IGNORECASE)


@dataclass
class _Inline:
    text: str
    struck: list[str]
    lead: str  # the bold run the paragraph starts with, when plain text follows it


def _inline(token: Token) -> _Inline:
    """The visible text of an inline token: markup, images and struck-through text left out."""
    parts: list[str] = []
    struck: list[str] = []
    struck_parts: list[str] = []
    struck_depth = 0
    lead_parts: list[str] = []
    lead_state = "start"  # as in the HTML parser: start, in, closed, after, none
    strong_depth = 0
    for child in token.children or []:
        if child.type == "html_inline":
            if _STRUCK_OPEN.match(child.content.strip()):
                struck_depth += 1
            elif _STRUCK_CLOSE.match(child.content.strip()) and struck_depth:
                struck_depth -= 1
                if not struck_depth:
                    struck.append(" ".join("".join(struck_parts).split()))
                    struck_parts = []
            continue  # inline markup is never kept
        if child.type == "strong_open":
            strong_depth += 1
            if lead_state == "start":
                lead_state = "in"
            continue
        if child.type == "strong_close":
            strong_depth = max(0, strong_depth - 1)
            if not strong_depth and lead_state == "in":
                lead_state = "closed"
            continue
        if child.type in ("text", "code_inline"):
            piece = child.content
        elif child.type in ("softbreak", "hardbreak"):
            piece = "\n"
        else:
            continue
        if struck_depth:
            struck_parts.append(piece)
            continue
        parts.append(piece)
        if piece.strip():
            if lead_state == "start":
                lead_state = "none"
            elif lead_state == "closed":
                lead_state = "after"
            elif lead_state == "in" and "\n" in piece:
                lead_state = "none"  # a bold run over several lines is no run-in heading
        if lead_state == "in":
            lead_parts.append(piece)
    lead = " ".join("".join(lead_parts).split()) if lead_state == "after" else ""
    return _Inline("".join(parts), [item for item in struck if item], lead)


def extract_markdown(text: str) -> RawDocument:
    lines: list[Line] = []
    removed: list[tuple[str, str]] = []
    heading: int | None = None
    in_list = 0
    for token in _markdown.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = None
        elif token.type == "inline":
            inline = _inline(token)
            removed.extend(("struck_text", item) for item in inline.struck)
            content = inline.text.strip()
            if content:
                lead = inline.lead if heading is None and not in_list and content.startswith(inline.lead) else ""
                lines.append(
                    Line(
                        " ".join(content.split()) if heading else content,
                        heading,
                        bold=not in_list and _is_all_bold(token),
                        lead=lead,
                        listed=in_list > 0,
                    )
                )
                lines.append(Line(""))
        elif token.type in ("fence", "code_block") and token.content.strip():
            lines.append(Line(token.content.strip()))
            lines.append(Line(""))
        elif token.type == "html_block":
            # Raw HTML inside Markdown goes through the HTML extractor: its text is kept, its
            # markup and scripts are not.
            inner = extract_html(token.content)
            lines.extend(inner.lines)
            removed.extend(inner.removed)
    return RawDocument(lines=lines, structured=True, removed=removed)
