# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""What every understanding builder reads: word lists of English sentence shapes (auxiliaries,
discourse openers, fronted phrases, verb forms), whether a sentence or fragment stands alone,
the rewrites of a clause into an option, and the fields every draft shares (topic, fact key,
exclusion group, matching drafts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from core.text.citations import strip_citations
from core.text.words import MONTH_NAMES_PATTERN
from quizzes.generation.builders import Context, QuestionDraft, _base, choice_list, difficulty, joined_passage, quote
from quizzes.generation.extract import Mention
from quizzes.generation.standalone import DEMONSTRATIVES, FIRST_SECOND_PERSON, NEUTER_PLURAL, PERSONAL, PLACE_TIME_DEIXIS, sentence_problems
from quizzes.generation.text import YEAR_END, Sentence, digest, normalise_text
from quizzes.models import QuestionType

KINDS = ("cause", "definition", "matching", "supported", "rule")


AUXILIARIES = {
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "can",
    "could",
    "will",
    "would",
    "should",
    "must",
    "may",
    "might",
    "remains",
    "remained",
}


# Auxiliaries that invert with the subject in a question ("Why was …?"); "remains" does not.
INVERTING = AUXILIARIES - {"remains", "remained"}


DISCOURSE_OPENERS = re.compile(
    r"^(?:However|Notably|Additionally|Furthermore|Moreover|Meanwhile|Indeed|Importantly|In addition|In particular|"
    r"Overall|Ultimately|Crucially|Significantly|At the same time|In turn|In practice|In this context|To this end|"
    r"First|Second|Third|Fourth|Finally|Lastly|Next|[A-Z][a-z]+ally)(?:,\s+|\s*[—–]\s*)"
)


FRONTED_TIME = re.compile(
    r"^(?P<adv>(?:In|On|By|Since|During|Until|Early in|Late in|In early|In late|In mid-)\s+"
    rf"(?:(?:\d{{1,2}}\s+)?(?:{MONTH_NAMES_PATTERN})\s+)?"
    r"(?:\d{1,2},?\s+)?(?:1[89]\d\d|20\d\d))(?:,\s*|\s+)(?P<rest>(?:[A-Z]|the |a |an )\S.*)$"
)


FRONTED_PHRASE = re.compile(
    r"^(?P<adv>(?:Early|Late|Later|Earlier|At first|Initially|Early on)[^,]{0,40}),\s+(?P<rest>(?:[A-Z]|the |a |an )\S.*)$"
)


_YEAR = re.compile(r"(?<![\d,.-])(1[89]\d\d|20\d\d)" + YEAR_END)


_LEADING_DETERMINERS = {"the", "a", "an", "many", "most", "some", "several", "both", "all", "each", "every", "few", "other"}


_STOP = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "from",
    "as",
    "that",
    "which",
    "its",
    "their",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "will",
    "would",
    "also",
    "into",
    "than",
    "more",
}


# --- shared helpers ------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text)]


def fragment_stands_alone(text: str) -> bool:
    """A clause shown without its sentence: no pronoun, demonstrative, deixis or first/second person at all.

    Stricter than ``standalone.sentence_problems``: "it" that the rest of the sentence resolved
    is unresolved once the clause is cut out.
    """
    banned = FIRST_SECOND_PERSON | PERSONAL | NEUTER_PLURAL | DEMONSTRATIVES | PLACE_TIME_DEIXIS | {"there", "former", "latter"}
    words = _words(text)
    for i, w in enumerate(words):
        # "nuclear weapons … or control over such weapons": "such" names what the clause said already.
        if w == "such" and i + 1 < len(words) and words[i + 1] in words[:i]:
            continue
        if w in banned:
            return False
    # "into that war", "at that time": "that" pointing back at something the fragment does not carry.
    if re.search(r"\b(?:in|at|into|of|by|for|from|with|on|after|before|during|to|since|until)\s+that\s+[a-z]+", text, re.I):
        return False
    return not re.search(r"[*#_\[\]{}<>|]|https?://", text)


# Sections about the document rather than its subject: nothing there is worth understanding.
_BOILERPLATE_HEADING = re.compile(
    r"^\W*(?:disclaimer|copyright|about (?:the )?(?:author|authors|us)|acknowledg\w*|notes?|references|sources|bibliography|endnotes|footnotes|author information|contact)\b",
    re.I,
)


def sentence_stands_alone(ctx: Context, sentence: Sentence) -> bool:
    if sentence.section.kind not in {"body", "conclusion", "abstract"} or _BOILERPLATE_HEADING.match(sentence.section.heading):
        return False
    spans = [(m.start, m.end) for m in ctx.facts.mentions.get(sentence.start, []) if m.kind == "person_role"]
    return not sentence_problems(sentence.text, person_spans=spans)


def _clean(text: str) -> str:
    """Citations dropped, whitespace tidied, no trailing full stop."""
    text = " ".join(strip_citations(text).split())
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return text.strip().rstrip(".;:,").strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(ctx: Context, sentence: Sentence, text: str) -> str:
    """Lower-case the first word when it is an ordinary word, never a name ("the conflict", not "nATO")."""
    first = text.split(" ", 1)[0]
    if first.lower() in _LEADING_DETERMINERS:
        return first.lower() + text[len(first) :]
    if first.isupper() or any(normalise_text(first) in normalise_text(m.surface) for m in ctx.facts.mentions.get(sentence.start, [])):
        return text
    if re.fullmatch(r"[A-Z][a-z]+ing", first):
        return first.lower() + text[len(first) :]  # a gerund subject ("Stabilising the economy")
    # An ordinary word: the reading writes it in lower case somewhere.
    if re.search(r"(?<![\w-])" + re.escape(first.lower()) + r"(?![\w-])", ctx.cleaned_text):
        return first.lower() + text[len(first) :]
    return text


def _content(text: str) -> set[str]:
    return {w for w in _words(text) if len(w) > 3 and w not in _STOP}


def _sentence_group(ctx: Context, sentence: Sentence) -> str:
    """The exclusion group of every question drawn from one sentence."""
    return digest(ctx.reading_key, "sentence", sentence.start, length=16)


def _finish(
    draft: QuestionDraft, *, kind: str, group: str, quality: float, notes: list[str], evidence_any: list[str] | None = None
) -> QuestionDraft:
    draft.group = group
    draft.quality = round(max(0.0, min(1.0, quality)), 2)
    draft.quality_notes = notes
    draft.meta["understanding"] = kind
    if evidence_any:
        draft.meta["evidence_any"] = evidence_any
    return draft


_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|will|would|does|do|did|must|remains|lacks|lacked|faces|faced|needs|needed|"
    r"[a-z]{3,}(?:ed|es))\b"
)


def _topic(ctx: Context, sentence: Sentence) -> str:
    facts = ctx.by_sentence.get(sentence.start, [])
    return facts[0].topic if facts else "strategy"


def _fact_key(ctx: Context, sentence: Sentence) -> str:
    facts = ctx.by_sentence.get(sentence.start, [])
    return facts[0].key if facts else digest(ctx.reading_key, "sentence-fact", sentence.start, length=32)


def _sentence_draft(ctx: Context, sentence: Sentence, qtype: str, key_parts: tuple[Any, ...], **fields: Any) -> QuestionDraft:
    """``_base`` with the topic and fact key of ``sentence``: the draft of a question about what one sentence says."""
    return _base(ctx, sentence, qtype, key_parts, topic=_topic(ctx, sentence), fact_key=_fact_key(ctx, sentence), **fields)


def reading_acronyms(ctx: Context) -> dict[str, tuple[str, str]]:
    """Every acronym the reading spells out: short form -> (long form, kind of thing it names)."""
    out: dict[str, tuple[str, str]] = {}
    for fact in ctx.facts.facts:
        if fact.kind == "acronym":
            out.setdefault(str(fact.data["short"]), (str(fact.data["long"]), str(fact.data.get("of_kind", ""))))
    return out


# Blind review 7: "FBI/IB" offered as the President's principal adviser on intelligence, the Department of
# Energy as the producer of foreign military intelligence. A body's full name says what sort of body it
# is; an option, or a swap, is of the key's sort: an office a person holds, a department, or an agency.
_OFFICE_HELD = re.compile(
    r"^(?:(?:Deputy|Under|Assistant|Principal|Acting)\s+)*(?:Director|Secretary|Minister|Chief|Chair|Chairman|Chairperson|"
    r"President|Adviser|Advisor|Commander|Administrator|Ambassador|Inspector|Attorney|Representative|Envoy|Coordinator)\b"
)
_DEPARTMENT = re.compile(r"^(?:the\s+)?(?:Department|Ministry|Dept\.)\b", re.I)


# Blind review 8: "EO" (an Executive Order) offered among intelligence agencies.
_DOCUMENT = re.compile(r"\b(?:Order|Directive|Memorandum|Act|Law|Strategy|Review|Plan|Report|Decision|Resolution|Treaty)$")


_COUNCIL = re.compile(r"\b(?:Council|Board|Committee|Commission|Panel|Group|Forum|Conference)$")


def body_sort(short: str, long: str) -> str:
    """What sort of body an abbreviation names: "office" (a post a person holds), "department", "document"
    (an order, an act), "council" (a council, board or commission), "part" (two bodies run together, "DEA/ONSI", or a long or numbered name such as
    "MCISR-E": no fair option) or "agency"."""
    if "/" in short or "/" in long or re.search(r"[-\d&]", short) or len(long.split()) > 6:
        return "part"
    if _DOCUMENT.search(long):
        return "document"
    if _COUNCIL.search(long):
        return "council"  # blind review 10: the NSC offered as a producer of military intelligence
    if _OFFICE_HELD.match(long):
        return "office"
    if _DEPARTMENT.match(long):
        return "department"
    return "agency"


def same_sort_of_body(acronyms: dict[str, tuple[str, str]], key: str, other: str) -> bool:
    """Whether the reading's abbreviation ``other`` names the same kind and sort of body as ``key``."""
    (key_long, key_kind), (other_long, other_kind) = acronyms[key], acronyms[other]
    sort = body_sort(other, other_long)
    return other_kind == key_kind and sort != "part" and sort == body_sort(key, key_long)


def matching_draft(ctx: Context, name: str, pairs: list[tuple[str, str, Sentence]], stem: str) -> QuestionDraft:
    """A matching question over pairs each stated in one sentence; the sentences joined are its passage."""

    key = digest(ctx.reading_key, "matching", name, length=32)
    left = choice_list(key + "L", [a for a, _, _ in pairs])
    right = choice_list(key + "R", list(dict.fromkeys(b for _, b, _ in pairs)))
    lid = {c["text"]: c["id"] for c in left}
    rid = {c["text"]: c["id"] for c in right}
    sentences = [s for _, _, s in pairs]
    passage, start, end = joined_passage(ctx, sentences)
    first = min(sentences, key=lambda s: s.start)
    return QuestionDraft(
        type=QuestionType.MATCHING,
        stem=stem,
        choices={"left": left, "right": right},
        answer={"pairs": {lid[a]: rid[b] for a, b, _ in pairs}},
        explanation="The reading says: " + " … ".join(f"“{quote(s)}”" for s in sorted(set(sentences), key=lambda s: s.start)),
        topic=_topic(ctx, first),
        difficulty=difficulty(ctx, QuestionType.MATCHING, passage=passage),
        section=first.section,
        passage=passage,
        start=start,
        end=end,
        key=key,
        fact_key=_fact_key(ctx, first),
        title=stem,
        meta={"evidence": [t for a, b, _ in pairs for t in (a, b)]},
    )


_IRREGULAR_PAST = {
    "led",
    "took",
    "gave",
    "made",
    "met",
    "began",
    "became",
    "brought",
    "built",
    "sent",
    "set",
    "held",
    "won",
    "lost",
    "left",
    "paid",
    "said",
    "told",
    "wrote",
    "saw",
    "went",
    "came",
    "chose",
    "drew",
    "fought",
    "sought",
    "spent",
    "struck",
    "undertook",
    "oversaw",
    "withdrew",
    "rose",
    "froze",
}


def _subject(ctx: Context, sentence: Sentence) -> Mention | None:
    """The named mention a sentence opens with (after a fronted date and title words), if any."""
    text = sentence.text
    lead = 0
    if m := DISCOURSE_OPENERS.match(text):
        lead = m.end()
    if m := FRONTED_TIME.match(text[lead:]):
        lead += m.start("rest")
    for mention in ctx.facts.mentions.get(sentence.start, []):
        if mention.start < lead:
            continue
        # Only title words before it: "British Lieutenant General Mike Jackson", "The Kosovo Force".
        if re.fullmatch(r"(?:(?:The|the|[A-Z][\w’'.-]*)\s+){0,5}", text[lead : mention.start]):
            return mention
        return None
    return None


_PLURAL_NOUNS = {
    "members",
    "countries",
    "forces",
    "officials",
    "leaders",
    "troops",
    "allies",
    "states",
    "nations",
    "partners",
    "governments",
    "soldiers",
    "ministers",
    "systems",
    "sanctions",
    "efforts",
    "policies",
    "operations",
    "agencies",
    "elements",
    "programs",
    "programmes",
    "summits",
    "missions",
}


_MODALS = {"can", "could", "will", "would", "should", "must", "may", "might"}


def _balanced(text: str) -> bool:
    """Quotes and brackets closed: a statement cut inside a quotation or an aside is not one."""
    pairs = (("(", ")"), ("“", "”"), ("[", "]"))
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def reading_names_any(ctx: Context, marks: Iterable[str]) -> bool:
    """Whether any of a pack entry's marks (regular expressions, case-insensitive) occurs anywhere in the reading. An
    option the reading speaks of may be true of it, so a pack's wrong option is offered only where this is False."""
    text = _one_lower_line(ctx.cleaned_text)
    return any(_mark(str(mark)).search(text) for mark in marks)


@lru_cache(maxsize=4)
def _one_lower_line(text: str) -> str:
    # One line (a mark may span a wrapped line), lower-cased: see _mark.
    return " ".join(text.split()).lower()


@lru_cache(maxsize=1024)
def _mark(mark: str) -> re.Pattern[str]:
    # A case-insensitive search scans a long reading many times slower than a plain one, so the marks search the
    # lower-cased text as lower-cased patterns; a mark with an upper-case escape (\W, \S, \D) keeps its case and re.I.
    return re.compile(mark, re.I) if re.search(r"\\[A-Z]", mark) else re.compile(mark.lower())
