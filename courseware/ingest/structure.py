# ruff: noqa: RUF001, RUF003 -- this module matches typographic quotes, dashes and non-Latin letters on purpose
"""From lines to blocks: paragraphs and headings.

Structured sources (Markdown, HTML) already say what is a heading; their paragraphs are
separated by blank lines. For unstructured text (plain text, PDF) the layout is read:

1. **Layout.** When most lines are long (median over ``ONE_LINE_PARAGRAPH_CHARS``) every
   line is a paragraph (news copied from a web page); otherwise lines are hard-wrapped and
   blank lines separate paragraphs.
2. **Headings** are recognised by form, never by a leading space alone (page-break
   indentation puts one on ordinary lines too): a short line (``is_heading_shaped``) that
   stands at a paragraph boundary before it (start, blank line, a heading, or the previous
   line ends a sentence) and after it (blank line, end, or a next line that starts like a
   sentence while this line was *ended early*, see 4).
3. **Paragraph breaks** inside a block of hard-wrapped lines: a line that ends a sentence and
   was ended early ends its paragraph.
4. **Ended early.** In text wrapped by character count (an editor, ``fold``) every line inside
   a paragraph is full: the next word would not have fitted. There a line that would have
   fitted the next word was ended on purpose. Text extracted from typeset PDFs has
   proportional widths, so there a line counts as ended early only when it is much shorter
   than the usual width (``SHORT_LINE_RATIO``, ``PARAGRAPH_END_RATIO``).
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from core.text.words import MONTH_ABBREVIATIONS_PATTERN
from courseware.ingest.extract import Line
from courseware.ingest.hyphenation import Vocabulary, reflow_paragraph

ONE_LINE_PARAGRAPH_CHARS = 110
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
# A heading followed directly by text (no blank line) must be this much shorter than the
# document's usual line, or it is just the first line of a paragraph.
SHORT_LINE_RATIO = 0.6
# A hard-wrapped line ending a sentence and shorter than this share of the usual width ends
# its paragraph (“... accession remains.” followed by “ Meanwhile, Russia ...”).
PARAGRAPH_END_RATIO = 0.75
# Share of paragraph-internal lines that must be full (the next word would not have fitted)
# for the text to count as wrapped by character count.
GREEDY_SHARE = 0.97

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BAD_HEADING_END = re.compile(r"[.,;:\-–—(\[/&]$")
_FUNCTION_WORD_END = re.compile(
    r"\b(the|a|an|of|and|or|to|in|for|with|on|by|at|from|that|which|is|are|was|its|their|as|than|but|nor|into|whose|this|these)$",
    re.IGNORECASE,
)
_HEADING_START = re.compile(r"^([A-ZÀ-ÖØ-ÞĀ-ž]|\d+(\.\d+)*\.?\s|[IVXLC]+\.\s|[„“\"'‘(]?[A-ZÀ-Þ])")
_DATE_LIKE = re.compile(rf"^[\W\d]*(({MONTH_ABBREVIATIONS_PATTERN})[a-z]*\.?)?[\s\d,./-]*$", re.IGNORECASE)
_TWO_SENTENCES = re.compile(r"[a-z]{2,}[.!?] [A-Z]")
# A transcript's speaker turn ("MR. SULLIVAN:  Thanks", "Q    Thank you", "THE PRESIDENT: ...")
# is never a heading, however short the turn. A label of one plain word counts only when the
# transcript's two spaces follow it: "NATO: A New Era" is a heading, "KIRBY:  Thanks" a turn.
_SPEAKER_TURN = re.compile(
    r"^(?:Q(?:[.:]?\s|\s{2})|(?:[A-Z][A-Z'’\-]*\.?\s){1,4}[A-Z][A-Z.'’\-]+:\s|[A-Z]+\.\s?[A-Z][A-Z'’\-]+:\s|[A-Z][A-Z'’\-]+:\s{2})"
)
# Markdown written without the space after the hashes ("##Title"): CommonMark takes it for a
# paragraph, readers take it for a heading.
_LOOSE_ATX = re.compile(r"^(#{1,6})(?=[^\s#])([^#\n]+?)\s*#*\s*$")
# Numbered divisions of legal and official texts: "Article 5", "ARTICLE V", "Section 2. Scope".
_DIVISION = re.compile(
    r"^(?:article|artikel|section|chapter|part|annex|appendix)\s+(?:\d+[a-z]?|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"(?:[.:\-–—]?\s+\S.*)?$",
    re.IGNORECASE,
)
# What separates a run-in heading from its paragraph: "Vision:", "Vision –", "Vision —".
_RUN_IN_SEPARATOR = re.compile(r"^\s*[:–—-]\s+|[:–—-]\s*$")
# A document sets run-in headings on purpose when it does so at least this often.
MIN_RUN_IN_HEADINGS = 2
MAX_RUN_IN_WORDS = 10


@dataclass
class Block:
    kind: str  # "heading" | "paragraph"
    text: str
    level: int = 1
    lines: list[str] = field(default_factory=list)


def is_heading_shaped(text: str) -> bool:
    """Short, starts like a title, no final full stop or comma, not a broken-off fragment."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS:
        return False
    if not _HEADING_START.match(text) or _BAD_HEADING_END.search(text) or (_SENTENCE_END.search(text) and not text.endswith("?")):
        return False
    if _FUNCTION_WORD_END.search(text) or _DATE_LIKE.match(text) or _TWO_SENTENCES.search(text):
        return False
    if not re.search(r"[^\W\d_]{3,}", text):
        return False
    # Brackets opened and not closed (or the reverse) mean the line was cut from a sentence.
    return text.count("(") == text.count(")")


def is_speaker_turn(text: str) -> bool:
    return bool(_SPEAKER_TURN.match(text.strip()))


def _without_trailing_colon(text: str) -> str:
    """ "Key Outcomes:" → "Key Outcomes": a colon after a heading only says that text follows."""
    return text.strip().removesuffix(":").rstrip() if text.strip().endswith(":") and not text.strip().endswith("::") else text.strip()


def _standalone_heading(text: str) -> str | None:
    """The heading a one-line paragraph of a structured text stands for, if it is one: a
    numbered division ("Article 5") or a short line in capitals ("APPROACH")."""
    candidate = _without_trailing_colon(text)
    if is_speaker_turn(candidate) or not is_heading_shaped(candidate):
        return None
    if _DIVISION.match(candidate) and len(candidate.split()) <= MAX_HEADING_WORDS:
        return candidate
    letters = [ch for ch in candidate if ch.isalpha()]
    if len(letters) >= 4 and all(ch.isupper() for ch in letters) and len(candidate.split()) <= 8:
        return candidate
    return None


def _run_in_heading(line: Line) -> tuple[str, str] | None:
    """``(heading, rest of the paragraph)`` when the paragraph opens with a bold run that reads
    as a heading and is set off by a colon or a dash ("**Vision:** The strategy ...")."""
    lead = line.lead.strip()
    if not lead or line.listed or not line.text.startswith(lead):
        return None
    rest = line.text[len(lead) :]
    if not (_RUN_IN_SEPARATOR.search(lead) or re.match(r"^\s*[:–—-]\s", rest)):
        return None
    heading = re.sub(r"\s*[:–—-]\s*$", "", lead).strip()
    rest = re.sub(r"^\s*[:–—-]\s*", "", rest).strip()
    if not rest or len(heading.split()) > MAX_RUN_IN_WORDS or is_speaker_turn(heading) or not is_heading_shaped(heading):
        return None
    return heading, rest


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.strip()))


def _starts_sentence(text: str) -> bool:
    return bool(re.match(r"^[\"“‘'(]?[A-ZÀ-Þ0-9]", text.strip()))


def usual_width(lines: list[str]) -> int:
    """The width the text was wrapped at: a high percentile of non-blank line lengths."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _groups(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines separated by blank lines."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def segment(lines: list[Line], *, structured: bool, vocabulary: Vocabulary) -> list[Block]:
    blocks = _segment_structured(lines) if structured else _segment_layout(lines)
    for block in blocks:
        block.text = reflow_paragraph(block.lines, vocabulary) if block.kind == "paragraph" else " ".join(" ".join(block.lines).split())
    blocks = _join_broken_paragraphs([block for block in blocks if block.text])
    _assign_levels(blocks, structured=structured)
    return blocks


_BREAK_BEFORE = re.compile(r"\b(the|a|an|of|and|or|to|in|for|with|on|by|at|from|over|under|between|into|than|whose)$")
# A paragraph needs this many words before a break after it can be taken for a page break.
MIN_BROKEN_PARAGRAPH_WORDS = 8


def _join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """One paragraph split in two by a page break ("... the Secretary's principal staff" /
    "assistant for intelligence ..."): the first part stops mid-sentence, the second goes on
    in lower case. Text converted from PDF does this at every page break inside a paragraph."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == block.kind == "paragraph"
            and re.search(r"[^\W\d_]$", previous.text)
            # The second part goes on in lower case, or after a word no sentence ends with.
            and (re.match(r"^[a-z]", block.text) or _BREAK_BEFORE.search(previous.text))
            and len(previous.text.split()) >= MIN_BROKEN_PARAGRAPH_WORDS
            and len(block.text.split()) >= MIN_BROKEN_PARAGRAPH_WORDS
        ):
            previous.text = f"{previous.text} {block.text}"
            previous.lines = previous.lines + block.lines
            continue
        joined.append(block)
    return joined


def _segment_structured(lines: list[Line]) -> list[Block]:
    """Marked headings, plus paragraphs that the text sets as headings without marking them:

    - a paragraph that is wholly bold and shaped like a heading (the usual way web editors set
      a subheading), a trailing colon allowed;
    - a one-line paragraph written like a Markdown heading without the space ("##Title");
    - a one-line numbered division ("Article 5") or a short line in capitals ("APPROACH");
    - a run-in heading, a bold run opening a paragraph and set off by a colon or a dash, when
      the text does that at least ``MIN_RUN_IN_HEADINGS`` times (one bold lead-in is emphasis).

    Unmarked headings sit one level below the deepest marked heading; run-in headings one
    level below the text's other unmarked headings, whose parts they usually are.
    """
    blocks: list[Block] = []
    groups = _groups(lines)
    marked_levels = [line.heading for line in lines if line.heading is not None]
    bold_level = min(6, max(marked_levels, default=1) + 1)
    run_ins = {id(group[0]): found for group in groups if (found := _run_in_heading(group[0])) is not None}
    if len(run_ins) < MIN_RUN_IN_HEADINGS:
        run_ins = {}
    has_unmarked = any(len(group) == 1 and _unmarked_heading(group[0]) is not None for group in groups)
    run_in_level = min(6, bold_level + 1) if has_unmarked else bold_level
    for group in groups:
        paragraph: list[str] = []
        for index, line in enumerate(group):
            if index == 0 and id(line) in run_ins:
                heading, rest = run_ins[id(line)]
                blocks.append(Block("heading", "", level=run_in_level, lines=[heading]))
                paragraph.append(rest)
                continue
            if line.heading is None and len(group) == 1 and (unmarked := _unmarked_heading(line)) is not None:
                text, level = unmarked
                line = Line(text, level or bold_level)
            if line.heading is not None:
                if paragraph:
                    blocks.append(Block("paragraph", "", lines=paragraph))
                    paragraph = []
                blocks.append(Block("heading", "", level=line.heading, lines=[line.text]))
            else:
                paragraph.extend(line.text.split("\n"))
        if paragraph:
            blocks.append(Block("paragraph", "", lines=paragraph))
    return blocks


def _unmarked_heading(line: Line) -> tuple[str, int | None] | None:
    """``(heading text, level or None for "one below the marked ones")`` for a one-line
    paragraph of a structured text that is a heading although not marked as one."""
    if line.heading is not None or line.listed or "\n" in line.text.strip():
        return None
    loose = _LOOSE_ATX.match(line.text.strip())
    # The hashes mark it as plainly as a real ATX heading; only a hashtag is refused (the
    # pattern wants a letter or digit after the hashes and no other hash in the line).
    if (
        loose
        and len(loose.group(2)) <= 2 * MAX_HEADING_CHARS
        and re.match(r"[^\W_]", loose.group(2))
        and not _SENTENCE_END.search(loose.group(2))
    ):
        return loose.group(2).strip(), len(loose.group(1))
    if line.bold:
        candidate = _without_trailing_colon(line.text)
        if is_heading_shaped(candidate) and not is_speaker_turn(candidate):
            return candidate, None
    standalone = _standalone_heading(line.text)
    return (standalone, None) if standalone is not None else None


def _segment_layout(lines: list[Line]) -> list[Block]:
    texts = [line.text for line in lines]
    nonblank = [text.strip() for text in texts if text.strip()]
    if not nonblank:
        return []
    if statistics.median(len(text) for text in nonblank) > ONE_LINE_PARAGRAPH_CHARS:
        return _segment_one_line_paragraphs(nonblank)
    width = usual_width(texts)
    groups = _groups(lines)
    greedy = _is_greedy_wrapped([[line.text.strip() for line in group] for group in groups], width)
    blocks: list[Block] = []
    for group in groups:
        texts_in_group = [line.text.strip() for line in group]
        paragraph: list[str] = []
        previous_was_heading = False
        for i, text in enumerate(texts_in_group):
            # A heading right under another heading (a title, then "Introduction") has a
            # boundary before it just as if a sentence had ended.
            previous = None if previous_was_heading or i == 0 else texts_in_group[i - 1]
            following = texts_in_group[i + 1] if i + 1 < len(texts_in_group) else None
            previous_was_heading = _is_layout_heading(text, previous, following, width, greedy=greedy)
            if previous_was_heading:
                if paragraph:
                    blocks.append(Block("paragraph", "", lines=paragraph))
                    paragraph = []
                blocks.append(Block("heading", "", lines=[text]))
                continue
            paragraph.append(text)
            if following is not None and _ends_sentence(text) and _ended_early(text, following, width, greedy, PARAGRAPH_END_RATIO):
                blocks.append(Block("paragraph", "", lines=paragraph))
                paragraph = []
        if paragraph:
            blocks.append(Block("paragraph", "", lines=paragraph))
    return blocks


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _is_greedy_wrapped(groups: list[list[str]], width: int) -> bool:
    """True when the text was wrapped by character count (a monospaced editor, ``fold``,
    ``textwrap``): then every line inside a paragraph is broken only because the next word
    did not fit, and a line that *would* have fitted the next word was ended on purpose.
    Text extracted from typeset PDFs is not like that (proportional fonts)."""
    checked = fitted = 0
    for texts in groups:
        for text, following in itertools.pairwise(texts):
            if _ends_sentence(text) or is_heading_shaped(text):
                continue
            checked += 1
            fitted += len(text) + 1 + len(_first_word(following)) > width
    return checked >= 5 and fitted / checked >= GREEDY_SHARE


def _ended_early(text: str, following: str, width: int, greedy: bool, ratio: float) -> bool:
    """The line stops well before the text's usual width: the author ended it."""
    if greedy:
        return len(text) + 1 + len(_first_word(following)) <= width
    return len(text) < ratio * width


def _is_layout_heading(text: str, previous: str | None, following: str | None, width: int, *, greedy: bool = False) -> bool:
    if not is_heading_shaped(text) or is_speaker_turn(text):
        return False
    if text.endswith("?") and (previous is not None or following is not None):
        return False  # a question is a heading only when it stands alone
    if previous is not None and not _ends_sentence(previous):
        return False
    if following is None:
        return True
    return _starts_sentence(following) and _ended_early(text, following, width, greedy, SHORT_LINE_RATIO)


def _segment_one_line_paragraphs(texts: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for i, text in enumerate(texts):
        previous = texts[i - 1] if i > 0 else None
        if (
            is_heading_shaped(text)
            and not is_speaker_turn(text)
            and (previous is None or _ends_sentence(previous))
            and not text.endswith("?")
        ):
            blocks.append(Block("heading", "", lines=[text]))
        else:
            blocks.append(Block("paragraph", "", lines=[text]))
    return blocks


def _assign_levels(blocks: list[Block], *, structured: bool) -> None:
    """Layout gives no levels: a heading directly under another heading is its subheading."""
    if structured:
        return
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        previous = blocks[i - 1] if i > 0 else None
        block.level = previous.level + 1 if previous is not None and previous.kind == "heading" else 1
