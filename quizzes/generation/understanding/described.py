# ruff: noqa: RUF002, RUF003 - the readings use typographic quotes and dashes, so the patterns, docs and comments must too
"""A named system identified by how the reading describes it, and the other way round: "The HIMARS systems, known for
their precision and range, enabled …" is asked as "How does the reading describe the HIMARS systems?", with how the
reading describes systems of other classes as the wrong options ("Portable and highly effective against armored
vehicles", "Crucial in diminishing Russia’s air dominance"); "The Javelins, portable and highly effective against
armored vehicles, enabled …" as "Which system does the reading describe as portable and highly effective against armored
vehicles?", with other systems the reading names as the wrong options.

The description is what the reading writes right after the name, between commas:

- when the name opens the sentence (the clause after the second comma is its predicate): a reduced relative
  ("The Javelins, portable and highly effective against armored vehicles, enabled …"), "known for" ("The HIMARS
  systems, known for their precision and range, enabled …") or a relative of being ("Stingers, which are man-portable,
  allowed …"); never a participle of what happened to it ("delivered in March", "supplied by Germany");
- anywhere, a relative of being that ends the sentence ("… supplied Ukraine with Stinger surface-to-air missiles,
  which have been crucial in diminishing Russia’s air dominance.").

A description counts when it tells something: two content words at least ("man-portable" alone does not), not only
praise ("advanced", "modern", "effective"), no word of the thing's own names, and it stands alone once cut out (but for
the "their" of "known for their …", which the "which" stem turns into "its").

Precision first:

- "Which system …?": the wrong options are systems the reading itself names, never one the reading keeps out of options
  (``Context.not_distractors``: another question's key would tie that question's exclusion group to this one and, on a
  reading that asks about every system it names, cost the groups their sentences), never one named in the described
  sentence, and never one the description may fit: the pack classes it and the key in different classes (no other
  anti-tank weapon for an anti-tank description) and no content word of the description is in what the pack or the
  reading says of it ("portable" is in the pack's "man-portable surface-to-air missile": no Stinger for a portable
  anti-tank weapon). A description of only the virtues any guided weapon has ("precision and range") is not asked so.
- "How does the reading describe …?": the wrong options are descriptions of systems of other classes that share no
  content word with what the pack or the reading says of the asked one, and are no mere virtues; a description offered
  as a wrong option is never asked itself (its question's key would be printed here).

No matching of systems to descriptions: each described system is the key of its own sentence's blanks, so a matching
printing three of them would tie three sentences' groups into one (``quality``), costing more questions than it adds.
Organisations and programmes are not asked: nothing tells whether a description of one body fits another of its class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _one_correct
from quizzes.generation.distractors import SYSTEM_CATEGORIES
from quizzes.generation.extract import Mention
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _IRREGULAR_PAST,
    DISCOURSE_OPENERS,
    _capital,
    _clean,
    _finish,
    _sentence_draft,
    _sentence_group,
    _words,
    fragment_stands_alone,
    sentence_stands_alone,
)
from quizzes.models import QuestionType

# After a name that opens the sentence: an optional descriptor in lower case ("systems", "surface-to-air missiles"),
# the description between commas, then the predicate's verb.
_SUBJECT = re.compile(
    r"^(?P<descriptor>(?:\s+[a-z][\w-]*){0,3}?),\s+"
    r"(?:(?P<known>known\s+for\s+(?:(?:their|its)\s+)?[a-z][^,;:()“”\"]{3,80}?)"
    r"|(?:which|that)\s+(?:is|are|was|were)\s+(?P<relative>[a-z][^,;:()“”\"]{3,80}?)"
    r"|(?P<reduced>(?:(?:highly|very|extremely|relatively|particularly|notably)\s+)?[a-z][\w-]*(?:\s+[^,;:()“”\"]{0,80}?)?))"
    r",\s+(?P<verb>[a-z]+)\b"
)
# After a name anywhere else: "… supplied Ukraine with Stinger surface-to-air missiles, which have been crucial in
# diminishing Russia’s air dominance." A relative of being that runs to the sentence's end.
_LAST = re.compile(
    r"^(?P<descriptor>(?:\s+[a-z][\w-]*){0,3}?),\s+which\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?P<relative>[a-z][^,;:()“”\"]{3,100}?)\s*$"
)
# The verb of the predicate after the description: a past tense or a finite auxiliary.
_FINITE = {"has", "have", "had", "is", "are", "was", "were", "remain", "remains"}
# What a reduced relative may not open with: a determiner, a pronoun or a preposition is no adjective.
_NOT_ADJECTIVE = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "which",
        "that",
        "who",
        "and",
        "or",
        "but",
        "such",
        "including",
        "however",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "to",
        "of",
        "as",
        "like",
        "unlike",
        "then",
        "also",
        "both",
        "all",
        "each",
        "some",
        "many",
        "most",
        "several",
        "these",
        "those",
        "this",
        "it",
        "they",
    ]
)
# Participles that tell what happened to the thing, not what it is.
_EVENT_PARTICIPLES = frozenset(
    [
        "provided",
        "supplied",
        "delivered",
        "sent",
        "donated",
        "transferred",
        "shipped",
        "pledged",
        "promised",
        "announced",
        "approved",
        "deployed",
        "received",
        "purchased",
        "bought",
        "ordered",
        "used",
        "fired",
        "captured",
        "destroyed",
        "lost",
        "launched",
        "requested",
        "expected",
        "scheduled",
        "planned",
        "given",
        "introduced",
        "produced",
        "manufactured",
        "made",
        "built",
        "acquired",
    ]
)
# Praise anything gets: a description made only of these tells nothing.
_PRAISE = frozenset(
    [
        "advanced",
        "modern",
        "sophisticated",
        "effective",
        "effectiveness",
        "highly",
        "very",
        "important",
        "crucial",
        "critical",
        "essential",
        "powerful",
        "capable",
        "significant",
        "major",
        "vital",
        "useful",
        "valuable",
        "reliable",
        "latest",
        "western",
        "known",
    ]
)
# Virtues any weapon of its day has: as a wrong option such a description may be true of the asked one too ("known for
# their precision and range": so is any guided missile), and as the description a stem asks for it fits every option.
_VIRTUES = frozenset(
    [
        "precision",
        "precise",
        "accuracy",
        "accurate",
        "range",
        "long-range",
        "lethal",
        "lethality",
        "mobility",
        "mobile",
        "speed",
        "firepower",
    ]
)
_STOPS = frozenset({"which", "that", "their", "with", "from", "into", "against", "have", "been", "were"})
KINDS = frozenset({"system"})
MIN_CONTENT_WORDS, MAX_WORDS = 2, 14
MIN_WRONG, WRONG_OPTIONS = 2, 3
NOUN = {"system": "system"}


@dataclass(frozen=True)
class Described:
    sentence: Sentence
    thing: Mention
    named: str  # the thing as the sentence writes it, for a stem: "the HIMARS systems"
    written: str  # the description as written: "known for their precision and range"
    description: str  # as a stem prints it after "describe as": "known for its precision and range"


def _content_words(text: str) -> set[str]:
    """Content words, hyphenated compounds also split ("man-portable" -> man-portable, portable), lower case."""
    out: set[str] = set()
    for word in _words(text):
        word = word.replace("'s", "").replace("'", "")
        out |= {w for w in (word, *word.split("-")) if len(w) > 3}
    return out - _STOPS


def _specific(description: str) -> bool:
    """Whether a description says something of one kind of thing, not praise any weapon gets."""
    return bool({w for w in _content_words(description) if "-" not in w} - _PRAISE - _VIRTUES)


def _informative(description: str, thing: Mention) -> bool:
    content = {w for w in _content_words(description) if "-" not in w}
    if len(content) < MIN_CONTENT_WORDS or not content - _PRAISE or word_count(description) > MAX_WORDS:
        return False
    if content & {w for name in thing.names for w in _content_words(name)} or any(contains_term(description, n) for n in thing.names):
        return False
    return fragment_stands_alone(_KNOWN_POSSESSIVE.sub("known for ", description))


_KNOWN_POSSESSIVE = re.compile(r"^known\s+for\s+(?:their|its)\s+")


def _opening(sentence: Sentence, thing: Mention) -> str | None:
    """ "The " or "" when only that (after a discourse opener) stands before the thing; None when it is no subject."""
    text = sentence.text
    lead = m.end() if (m := DISCOURSE_OPENERS.match(text)) else 0
    found = re.fullmatch(r"\s*((?:The|the)\s+)?", text[lead : thing.start])
    return None if found is None else (found.group(1) or "")


def _match(sentence: Sentence, thing: Mention) -> Described | None:
    after = " " + _clean(sentence.text[thing.end :])
    opening = _opening(sentence, thing)
    found = _SUBJECT.match(sentence.text[thing.end :]) if opening is not None else None
    if found is not None:
        verb = found.group("verb")
        if not (verb in _FINITE or verb in _IRREGULAR_PAST or verb.endswith("ed")):
            found = None
    if found is not None and found.group("reduced"):
        first, *rest = found.group("reduced").split()
        # An adjective or a participle of what the thing is ("mounted on trucks", "armed with twin cannons"): no
        # determiner or preposition, no "-ing" clause, no participle of giving or of an event ("The Javelins, delivered
        # in March, …" says when they came, not what they are), no passive with its agent ("supplied by Germany").
        if first in _NOT_ADJECTIVE or first.endswith("ing") or first in _EVENT_PARTICIPLES or rest[:1] == ["by"]:
            found = None
    last = _LAST.match(after) if found is None else None
    if found is None and last is None:
        return None
    m = found or last
    assert m is not None
    written = " ".join(next(g for g in (m.groupdict().get("known"), m.group("relative"), m.groupdict().get("reduced")) if g).split())
    description = _KNOWN_POSSESSIVE.sub("known for its ", written) if written.startswith("known ") else written
    if not _informative(description, thing):
        return None
    named = "the " + thing.surface + " ".join(m.group("descriptor").split(" "))
    return Described(sentence, thing, " ".join(named.split()), written, description)


def find_described(ctx: Context) -> list[Described]:
    out: list[Described] = []
    seen: set[str] = set()
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        for thing in ctx.facts.mentions.get(sentence.start, []):
            if thing.kind not in KINDS or not _classed(thing):
                continue
            found = _match(sentence, thing)
            if found is not None and normalise_text(thing.value) not in seen:
                seen.add(normalise_text(thing.value))
                out.append(found)
    return out


def _said_of(ctx: Context, thing: Mention, described: list[Described]) -> set[str]:
    """Content words of what the pack and the reading say a thing is: its pack description, the descriptors the reading
    writes after its name, its own description in the reading."""
    term = ctx.lexicon.lookup(thing.value)
    texts = [term.description if term else "", *(d.written for d in described if d.thing.value == thing.value)]
    texts += [
        str(m.data.get("descriptor") or "")
        for ms in ctx.facts.mentions.values()
        for m in ms
        if m.kind == thing.kind and m.value == thing.value
    ]
    return {w for t in texts for w in _content_words(t)}


def _classed(thing: Mention) -> bool:
    return thing.category in SYSTEM_CATEGORIES


def _fits_not(ctx: Context, description: str, other: Mention, key: Mention, described: list[Described]) -> bool:
    """Whether ``description`` is surely not of ``other``, in a question about ``key``: the pack classes both, in
    different classes, and no content word of the description is in what the pack or the reading says of ``other``."""
    if not (_classed(other) and _classed(key)) or other.category == key.category:
        return False
    return not _content_words(description) & _said_of(ctx, other, described)


def _named_systems(ctx: Context) -> list[Mention]:
    """Every classed system the reading names, once, in reading order."""
    out: dict[str, Mention] = {}
    for sentence in ctx.facts.sentences:
        for m in ctx.facts.mentions.get(sentence.start, []):
            if m.kind in KINDS and _classed(m):
                out.setdefault(normalise_text(m.value), m)
    return list(out.values())


def _which_questions(ctx: Context, described: list[Described]) -> list[QuestionDraft]:
    """ "Which system does the reading describe as …?" among other systems the reading names."""
    out: list[QuestionDraft] = []
    named = _named_systems(ctx)
    for d in described:
        if not _specific(d.description):
            continue
        others = [
            m.value
            for m in named
            if normalise_text(m.value) != normalise_text(d.thing.value)
            and normalise_text(m.value) not in ctx.not_distractors
            and not any(contains_term(d.sentence.text, n) for n in m.names)
            and _fits_not(ctx, d.description, m, d.thing, described)
        ]
        others = sorted(others, key=lambda o: digest(ctx.reading_key, "described", d.thing.value, o))[:WRONG_OPTIONS]
        if len(others) < MIN_WRONG:
            continue
        noun = NOUN[d.thing.kind]
        draft = _sentence_draft(
            ctx,
            d.sentence,
            QuestionType.SINGLE_CHOICE,
            ("described", d.thing.value),
            stem=f"Which {noun} does the reading describe as {d.description}?",
            answer={},
            title=f"Described: {d.thing.value}",
        )
        _one_correct(draft, d.thing.value, others)
        notes = [f"how the reading describes {d.thing.value}", f"options: other {noun}s the reading names, of other classes"]
        out.append(
            _finish(
                draft, kind="described", group=_sentence_group(ctx, d.sentence), quality=0.72, notes=notes, evidence_any=list(d.thing.names)
            )
        )
    return out


def _how_questions(ctx: Context, described: list[Described]) -> list[QuestionDraft]:
    """ "How does the reading describe the HIMARS systems?" with how it describes things of other classes as the wrong
    options. A description offered as a wrong option is never asked itself (its question's key would be printed here),
    so the descriptions are split: those held back as options, the rest asked."""

    def fair(asked: int, option: int) -> bool:
        a, o = described[asked], described[option]
        return (
            _specific(o.written)
            and _fits_not(ctx, o.written, a.thing, o.thing, described)
            and not _content_words(o.written) & _content_words(a.written)
            and not any(contains_term(o.written, n) for n in a.thing.names)
        )

    ranked = sorted(range(len(described)), key=lambda i: digest(ctx.reading_key, "described-how", described[i].sentence.start))
    held: list[int] = []
    while True:
        asked = [i for i in ranked if i not in held]
        options = {i: [o for o in held if fair(i, o)] for i in asked}
        short = [i for i in asked if len(options[i]) < MIN_WRONG]
        if not short:
            break
        # Hold back the description that is a fair wrong option for most of the questions still short of options.
        useful = {o: sum(fair(i, o) for i in short if i != o) for o in asked}
        best = max(asked, key=lambda o: (useful[o], -ranked.index(o)))
        if useful[best] == 0:
            break
        held.append(best)
    out: list[QuestionDraft] = []
    for i, chosen in options.items():
        if len(chosen) < MIN_WRONG:
            continue
        d = described[i]
        draft = _sentence_draft(
            ctx,
            d.sentence,
            QuestionType.SINGLE_CHOICE,
            ("described-how", d.thing.value),
            stem=f"How does the reading describe {d.named}?",
            answer={},
            title=f"How described: {d.thing.value}",
        )
        _one_correct(draft, _capital(d.written), [_capital(described[o].written) for o in chosen[:WRONG_OPTIONS]])
        notes = [f"how the reading describes {d.named}", "options: how the reading describes things of other classes"]
        out.append(
            _finish(draft, kind="described", group=_sentence_group(ctx, d.sentence), quality=0.7, notes=notes, evidence_any=[d.written])
        )
    return out


def build_described_questions(ctx: Context) -> list[QuestionDraft]:
    described = find_described(ctx)
    if not described:
        return []
    return _which_questions(ctx, described) + _how_questions(ctx, described)
