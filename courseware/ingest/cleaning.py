# ruff: noqa: RUF001, RUF002 -- this module matches typographic quotes, dashes and non-Latin letters on purpose
"""Cleaning rules. Each rule is its own function so that it can be tested on its own.

Character-level rules (``normalize_unicode``, ``fix_mojibake``, ``fix_doubled_apostrophes``,
``strip_control_characters``) take and return text. Boilerplate rules take the document's
lines and return the lines kept plus what they removed, with a reason, so that nothing is
dropped silently. Joining the hard-wrapped lines of a paragraph is ``courseware.ingest.hyphenation``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import ftfy
from rapidfuzz import fuzz

from core.text.words import MONTH_NUMBERS, MONTH_PATTERN_LOWER
from courseware.ingest.extract import Line

# --- character level ------------------------------------------------------------------------

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}


def normalize_unicode(text: str) -> str:
    """NFC; one kind of space and of line break; no invisible characters; ligatures spelt out.

    Not NFKC: that would also rewrite symbols a reading may mean (superscripts, ½, ™).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")
    text = text.translate(_SPACES).translate(_INVISIBLE)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return unicodedata.normalize("NFC", text)


def fix_mojibake(text: str) -> str:
    """UTF-8 that was decoded as Windows-1252 somewhere upstream (``â€™`` → ``’``).

    ftfy only rewrites sequences that are far more likely mojibake than real text.
    """
    return ftfy.fix_encoding(text)


_DOUBLED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['‘’`´]{2,}(?=[^\W\d_])")


def fix_doubled_apostrophes(text: str) -> str:
    """``NATO'’s`` → ``NATO’s``: two apostrophes inside a word are one typographic apostrophe."""
    return _DOUBLED_APOSTROPHE.sub("’", text)


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control_characters(text: str) -> str:
    return _CONTROLS.sub("", text)


def clean_characters(text: str) -> str:
    """All character-level rules, in the order they depend on each other."""
    text = strip_control_characters(normalize_unicode(text))
    text = fix_mojibake(text)
    text = fix_doubled_apostrophes(text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


# --- boilerplate ------------------------------------------------------------------------------


@dataclass
class Removed:
    reason: str
    text: str


@dataclass
class BoilerplateResult:
    lines: list[Line]
    removed: list[Removed] = field(default_factory=list)


def _norm(line: Line) -> str:
    return " ".join(line.text.split()).lower()


def _next_nonblank(lines: list[Line], index: int, limit: int = 3) -> int | None:
    for j in range(index + 1, min(len(lines), index + 1 + limit)):
        if lines[j].text.strip():
            return j
    return None


def _remove_lines(lines: list[Line], reason_of: Callable[[Line], str | None]) -> BoilerplateResult:
    """Drop each line ``reason_of`` gives a reason for, recording it with that reason."""
    kept: list[Line] = []
    removed: list[Removed] = []
    for line in lines:
        reason = reason_of(line)
        if reason is None:
            kept.append(line)
        else:
            removed.append(Removed(reason, line.text.strip()))
    return BoilerplateResult(kept, removed)


def _remove_labels(
    lines: list[Line], reason: str, *, is_label: Callable[[int], bool], takes_next: Callable[[int, int], bool]
) -> BoilerplateResult:
    """Drop each label line and, when ``takes_next(label, next)`` agrees, the next non-blank line
    with it (a widget's two lines); the two are recorded as one removal."""
    kept: list[Line] = []
    removed: list[Removed] = []
    skip: set[int] = set()
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if is_label(i):
            j = _next_nonblank(lines, i)
            parts = [line.text.strip()]
            if j is not None and takes_next(i, j):
                skip.add(j)
                parts.append(lines[j].text.strip())
            removed.append(Removed(reason, "\n".join(parts)))
            continue
        kept.append(line)
    return BoilerplateResult(kept, removed)


_NO_TIME = re.compile(r"^no time to read\s*\??$")
_GET_SUMMARY = re.compile(r"^(get|read|see) (a|the) (summary|tl;?dr)$|^summari[sz]e (this|the) article$")


def remove_summary_widget(lines: list[Line]) -> BoilerplateResult:
    """News sites' "No time to read? / Get a summary" button text, wherever it appears."""
    return _remove_labels(
        lines,
        "summary_widget",
        is_label=lambda i: bool(_NO_TIME.match(_norm(lines[i])) or _GET_SUMMARY.match(_norm(lines[i]))),
        # "Get a summary" goes with the "No time to read?" before it; alone it is removed alone.
        takes_next=lambda i, j: bool(_NO_TIME.match(_norm(lines[i])) and _GET_SUMMARY.match(_norm(lines[j]))),
    )


_NAV_LABEL = re.compile(r"^(previous|prev\.?|next|older|newer)( (article|post|story|item|news|page))?\s*[:»«>]?$")
# A link title in a trailer: a short line that is not a sentence of the article.
_MAX_LINK_TITLE_WORDS = 25


def _is_link_title(line: Line) -> bool:
    text = line.text.strip()
    return bool(text) and len(text.split()) <= _MAX_LINK_TITLE_WORDS and not re.search(r"[.!?:;]$", text)


def remove_article_navigation(lines: list[Line]) -> BoilerplateResult:
    """ "Previous Article / Next Article" links with the titles of unrelated articles.

    At the end of the text everything from the first label on is one trailer; elsewhere only
    a label and the link title right after it are removed.
    """
    labels = [i for i, line in enumerate(lines) if line.heading is None and _NAV_LABEL.match(_norm(line))]
    if not labels:
        return BoilerplateResult(lines)
    first = labels[0]
    tail = [line for line in lines[first:] if line.text.strip()]
    if all(_NAV_LABEL.match(_norm(line)) or _is_link_title(line) for line in tail):
        text = "\n".join(line.text.strip() for line in tail)
        return BoilerplateResult(lines[:first], [Removed("article_navigation", text)])
    return _remove_labels(
        lines,
        "article_navigation",
        is_label=lambda i: i in labels,
        takes_next=lambda i, j: j not in labels and _is_link_title(lines[j]),
    )


_SOCIAL = r"(facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|mail|print|copy link|messenger|flipboard)"
_SHARE = re.compile(
    rf"^(share( this( article| story| post| page)?)?( on {_SOCIAL}| via {_SOCIAL}| by {_SOCIAL})?\s*:?"
    rf"|click to share.*|tweet( this)?|pin it|{_SOCIAL}( {_SOCIAL})*"
    rf"|(share|follow us)( on)?:? {_SOCIAL}([ ,|/]+{_SOCIAL})*)$"
)
_ADVERT = re.compile(r"^(advertisement|sponsored( content)?|ad)$")
_NEWSLETTER = re.compile(r"^(subscribe to (our|the) newsletter|sign up for (our|the) newsletter|subscribe now)[.!]?$")


def remove_share_widgets(lines: list[Line]) -> BoilerplateResult:
    """Share buttons ("Share on Facebook", "Tweet", "Facebook Twitter LinkedIn"), advertisement
    labels and newsletter prompts standing on their own line."""

    def reason_of(line: Line) -> str | None:
        text = _norm(line)
        if not text or line.heading is not None:
            return None
        if _SHARE.match(text):
            return "share_widget"
        if _ADVERT.match(text):
            return "advertisement"
        if _NEWSLETTER.match(text):
            return "newsletter_prompt"
        return None

    return _remove_lines(lines, reason_of)


# A photo's caption as news and government pages print it: the picture's description ending in its credit ("… at a press
# meeting before the Nato-meeting in Madrid, 28 June 2022. Credit: Torbjørn Kjosvold/Forsvaret").
_CAPTION_CREDIT = re.compile(
    r"(?:^|[.!?)”\"]\s+)(?:photo(?:graph)?\s+)?(?:credit|photo|photograph|image|picture)\s*:\s*[^.!?]{2,80}$", re.I
)
# A credit in brackets after a sentence of the text itself: "(photo: Allied Command Operations)".
_BRACKETED_CREDIT = re.compile(r"\s*\((?:photo(?:graph)?|credit|image|picture)(?:\s+credit)?\s*:\s*[^()]{2,80}\)", re.I)
# A caption's text printed again without its credit (the picture's alt text above it) is the caption too.
_SAME_CAPTION = 90


def remove_photo_captions(lines: list[Line]) -> BoilerplateResult:
    """Photo captions that end in their credit, the same caption printed again without it, and bracketed photo credits
    after a sentence: a caption read as prose names everyone in the picture (blind review 93: Norway's defence minister
    asked, from a caption printed twice)."""
    captions = [line.text.strip() for line in lines if line.heading is None and _CAPTION_CREDIT.search(line.text.strip())]
    bodies = [_CAPTION_CREDIT.sub("", c).strip() for c in captions]

    def reason_of(line: Line) -> str | None:
        text = line.text.strip()
        if not text or line.heading is not None:
            return None
        if text in captions:
            return "photo_caption"
        if len(text) >= 40 and any(fuzz.ratio(text, body) >= _SAME_CAPTION for body in bodies):
            return "photo_caption"
        return None

    result = _remove_lines(lines, reason_of)
    credits = _rewrite_lines(result.lines, _BRACKETED_CREDIT, "photo_credit")
    return BoilerplateResult(credits.lines, result.removed + credits.removed)


_PAGE_NUMBER = re.compile(r"^(page )?\d{1,4}( (of|/) \d{1,4})?$|^- ?\d{1,4} ?-$")


def remove_page_numbers(lines: list[Line]) -> BoilerplateResult:
    """Lines holding only a page number (PDF running footers)."""
    return _remove_lines(lines, lambda line: "page_number" if line.heading is None and _PAGE_NUMBER.match(_norm(line)) else None)


_DIGITS = re.compile(r"\d+")
# A running header or footer repeats on at least this share of the pages.
RUNNING_LINE_PAGE_SHARE = 0.5
RUNNING_LINE_MAX_WORDS = 15


def remove_running_lines(lines: list[Line], *, pages: int) -> BoilerplateResult:
    """Running headers and footers of a paginated document (journal name, short title, "Page 3"):
    short lines that recur, page numbers aside, on at least half the pages."""
    if pages < 2:
        return BoilerplateResult(lines)
    counts: dict[str, int] = {}
    for line in lines:
        key = _DIGITS.sub("#", _norm(line))
        if key and len(key.split()) <= RUNNING_LINE_MAX_WORDS:
            counts[key] = counts.get(key, 0) + 1
    threshold = max(2, round(pages * RUNNING_LINE_PAGE_SHARE))
    # At most once per page (a sentence repeated more often is the text's own), and not a
    # sentence: running lines are names and titles.
    running = {key for key, count in counts.items() if threshold <= count <= pages and not key.endswith((".", "!", "?", ","))}
    if not running:
        return BoilerplateResult(lines)
    return _remove_lines(lines, lambda line: "running_header" if _DIGITS.sub("#", _norm(line)) in running else None)


_MONTH = rf"(?P<month>{MONTH_PATTERN_LOWER})\.?"
_DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|date)(?: on)?:?\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}[\w: +]{0,12})?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+[A-Z][^.!?]{1,80}$", re.IGNORECASE)
# Bylines and datelines are looked for only at the top of the text.
HEAD_LINES = 6


def parse_dateline(text: str) -> date | None:
    match = _DATELINE.match(" ".join(text.split()))
    if not match:
        return None
    try:
        if match.group("iso"):
            year, month, day = (int(part) for part in match.group("iso").split("-"))
            return date(year, month, day)
        month_name = (match.group("month") or match.group("month2")).lower().rstrip(".")
        day = int(match.group("day") or match.group("day2"))
        year = int(match.group("year") or match.group("year2"))
        return date(year, MONTH_NUMBERS[month_name], day)
    except (ValueError, KeyError):
        return None


def remove_byline_and_dateline(lines: list[Line]) -> BoilerplateResult:
    """ "By Staff Reporter" and "July 10, 2024" at the top of an article are about the article,
    not part of it. They are removed (kept for review); the date becomes the publication date
    (see ``parse_dateline``)."""
    kept: list[Line] = []
    removed: list[Removed] = []
    seen = 0
    previous = ""
    for line in lines:
        text = line.text.strip()
        # A line continuing a wrapped sentence ("... the attacks of" / "11 September 2001") is not a dateline.
        continues = bool(previous) and (previous[-1].islower() or previous[-1] in ",;-")
        if text and line.heading is None and seen < HEAD_LINES and not continues:
            seen += 1
            if _BYLINE.match(text):
                removed.append(Removed("byline", text))
                continue
            if parse_dateline(text) is not None:
                removed.append(Removed("dateline", text))
                continue
        if text:
            previous = text
        kept.append(line)
    return BoilerplateResult(kept, removed)


def remove_separators(lines: list[Line]) -> BoilerplateResult:
    """Lines with no letter or digit at all: section breaks ("***", "* * *") and the "###" that
    ends a press release. They part the text but are not part of it."""
    return _remove_lines(
        lines,
        lambda line: "separator" if line.text.strip() and line.heading is None and not re.search(r"[^\W_]", line.text) else None,
    )


# "3:28 P.M. EDT": when a transcript's speaking started or ended, on a line of its own.
_TRANSCRIPT_TIME = re.compile(r"^\(?\d{1,2}[:.]\d{2}\s*[ap]\.?\s?m\.?(?:\s+[a-z]{2,5})?\)?$", re.IGNORECASE)


def remove_transcript_times(lines: list[Line]) -> BoilerplateResult:
    return _remove_lines(lines, lambda line: "transcript_time" if line.heading is None and _TRANSCRIPT_TIME.match(_norm(line)) else None)


# Transcribers' notes in parentheses: what the audience did ("(Applause.)", "(Laughter.)"),
# what could not be heard ("(inaudible)", "(Off-mike.)") or what the speaker did
# ("(Clears throat.)", "(bumps podium microphone)"). Recognised by their first word.
_STAGE_CUES = (
    "applause", "laughter", "laughs", "inaudible", "indiscernible", "unintelligible", "crosstalk", "cross-talk", "cheers",
    "cheering", "booing", "boos", "audience members", "audience member", "off-mike", "off mike", "off-mic", "off mic", "pause",
    "pauses", "silence", "coughs", "clears", "bumps", "gestures", "sighs", "no response", "technical difficulties",
)  # fmt: skip
# A cue and at most three more words: "(Clears throat.)", "(bumps podium microphone)", but not
# a parenthesis of the text's own that happens to start with such a word.
_STAGE_DIRECTION = re.compile(
    r"\s?\((?:" + "|".join(re.escape(cue) for cue in _STAGE_CUES) + r")\b(?:[ \-][^\s()]+){0,3}\.?\)(?:\s?—)?",
    re.IGNORECASE,
)
# A false start in a transcript: a word broken off and restarted ("an airma- — an airlift",
# "NATO S- — 74th NATO Summit"). The fragment and its dash go, and so does the word before it
# when the restart repeats it ("an airma- — an airlift" → "an airlift").
_FALSE_START = re.compile(
    r"(?:(?<![\w\-])(?P<previous>[^\W\d_]+)[ \t]+)?(?<![\w\-])(?P<fragment>[^\W\d_]{1,15})-\s+[—–](?=\s|$)\s?(?=(?P<next>[^\W\d_]+)?)"
)


# Subject pronouns: a restart may swap one for another ("it wa- — I was": the speaker began "it was" and said "I was").
_SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})


def _restarted(previous: str | None, fragment: str, restart: str) -> bool:
    """Whether the word before a broken-off fragment was restarted too: the restart repeats it ("an airma- — an
    airlift"), or puts another subject pronoun in its place before the word the fragment began ("it wa- — I was")."""
    opening = re.match(r"([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?", restart)
    if not previous or opening is None:
        return False
    words = [w for w in opening.groups() if w]
    if previous.casefold() == words[0].casefold():
        return True
    return (
        len(fragment) >= 2
        and len(words) == 2
        and previous.casefold() in _SUBJECT_PRONOUNS
        and words[0].casefold() in _SUBJECT_PRONOUNS
        and words[1].casefold().startswith(fragment.casefold())
    )


def _cut_false_start(match: re.Match[str]) -> tuple[str, str]:
    previous = match.group("previous")
    cut = f"{match.group('fragment')}- —"
    if _restarted(previous, match.group("fragment"), match.string[match.end() :]):
        return " ", f"{previous} {cut}"
    return (f"{previous} " if previous else " "), cut


def _cut_whole(match: re.Match[str]) -> tuple[str, str]:
    return " ", match.group(0).strip()


def _rewrite_lines(
    lines: list[Line], pattern: re.Pattern[str], reason: str, cut: Callable[[re.Match[str]], tuple[str, str]] = _cut_whole
) -> BoilerplateResult:
    """Cut every match of ``pattern`` out of the lines (``cut`` gives the replacement and the
    text recorded as removed), recording each cut; a line left empty by the cuts goes (it held
    nothing else)."""
    kept: list[Line] = []
    removed: list[Removed] = []
    for line in lines:
        if line.heading is not None or not pattern.search(line.text):
            kept.append(line)
            continue

        def replace(match: re.Match[str]) -> str:
            replacement, text = cut(match)
            removed.append(Removed(reason, text))
            return replacement

        text = re.sub(r"[ \t]{2,}", " ", pattern.sub(replace, line.text)).strip()
        if text:
            lead = line.lead if line.lead and text.startswith(line.lead) else ""
            kept.append(Line(text, line.heading, bold=line.bold, lead=lead, listed=line.listed))
    return BoilerplateResult(kept, removed)


def remove_stage_directions(lines: list[Line]) -> BoilerplateResult:
    return _rewrite_lines(lines, _STAGE_DIRECTION, "stage_direction")


_FALSE_START_AT_END = re.compile(r"(?:(?<![\w\-])(?P<previous>[^\W\d_]+)[ \t]+)?(?<![\w\-])(?P<fragment>[^\W\d_]{1,15})-$")
_DASH_AT_START = re.compile(r"^[—–](?=\s|$)\s?")


def remove_false_starts(lines: list[Line]) -> BoilerplateResult:
    result = _rewrite_lines(lines, _FALSE_START, "false_start", cut=_cut_false_start)
    kept = list(result.lines)
    # The same false start broken over two lines ("it wa-" / "— I was in constant contact").
    for index in range(len(kept) - 1):
        line, following = kept[index], kept[index + 1]
        fragment = _FALSE_START_AT_END.search(line.text)
        if fragment is None or line.heading is not None or following.heading is not None or not _DASH_AT_START.match(following.text):
            continue
        restart = _DASH_AT_START.sub("", following.text)
        # The word before the fragment stays unless the restart says it again (``_restarted``).
        start = (
            fragment.start() if _restarted(fragment.group("previous"), fragment.group("fragment"), restart) else fragment.start("fragment")
        )
        result.removed.append(Removed("false_start", f"{line.text[start:]}\n—"))
        kept[index] = Line(line.text[:start].rstrip(), bold=line.bold, lead=line.lead, listed=line.listed)
        kept[index + 1] = Line(restart, bold=following.bold, listed=following.listed)
    # A line that held nothing but the false start goes with it (a blank line would end the paragraph).
    emptied = {index for index, line in enumerate(kept) if not line.text.strip() and result.lines[index].text.strip()}
    return BoilerplateResult([line for index, line in enumerate(kept) if index not in emptied], result.removed)


BoilerplateRule = Callable[[list[Line]], BoilerplateResult]
BOILERPLATE_RULES: tuple[BoilerplateRule, ...] = (
    remove_summary_widget,
    remove_article_navigation,
    remove_share_widgets,
    remove_photo_captions,
    remove_byline_and_dateline,
    remove_separators,
    remove_transcript_times,
    remove_stage_directions,
    remove_false_starts,
)


def remove_boilerplate(lines: list[Line], *, page_numbers: bool, pages: int = 1) -> BoilerplateResult:
    """All boilerplate rules; page numbers and running headers only for paginated sources."""
    rules: Iterable[BoilerplateRule] = BOILERPLATE_RULES
    if page_numbers:
        rules = (*rules, remove_page_numbers, lambda lines: remove_running_lines(lines, pages=pages))
    removed: list[Removed] = []
    for rule in rules:
        result = rule(lines)
        lines = result.lines
        removed.extend(result.removed)
    return BoilerplateResult(lines, removed)
