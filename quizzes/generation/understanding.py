# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Questions beyond recall: cause and effect, definitions, matching across sections and
"which statement does the reading support".

Each builder reads sentence shapes, not one paper's wording, and keeps precision first: a
sentence that does not stand alone, a clause with a pronoun, or too few fair distractors
means no question rather than a doubtful one.

1. Cause and effect: a sentence with an explicit causal marker (because, since, as, due to,
   as a result of, led to, in order to, so that, therefore ...) is split into cause and
   effect. The stem asks why the effect holds ("Why, according to the reading, was …?", the
   auxiliary moved in front of the subject), the key is the cause as written, and the wrong
   options are other clauses of the reading of the same shape (a clause for a clause, a
   noun phrase for a noun phrase, a purpose "to …" for a purpose) from other sentences, so
   each is true somewhere in the reading but not the reason given for this effect.
2. Definitions: "X is defined as / refers to / means Y" and "X (ACR), a/an Y," give "Which
   term does the reading define as Y?" with other terms of the same kind as options.
3. Matching across sections: named programmes, operations and organisations to the one year
   the reading gives for them, and actors to what the reading reports they did; the pairs
   come from at least two sections.
4. "Which statement does the reading support?": one sentence rewritten by rule (discourse
   markers and citations dropped, a fronted date moved to the end, asides removed), and three
   variants of the same rewrite that swap a name for another of its fine category, move a
   year or negate the auxiliary; each variant is checked against the whole reading so that
   no sentence supports it.

Chronology ordering and plain acronym expansion live in ``builders`` (gen-core's).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, choice_list, difficulty, joined_passage, quote
from quizzes.generation.distractors import format_amount, money_variants, pick
from quizzes.generation.extract import Mention, strip_citations
from quizzes.generation.standalone import (
    DEMONSTRATIVES,
    FIRST_SECOND_PERSON,
    NEUTER_PLURAL,
    PERSONAL,
    PLACE_TIME_DEIXIS,
    sentence_problems,
)
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
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
    r"(?:(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:\d{1,2},?\s+)?(?:1[89]\d\d|20\d\d))(?:,\s*|\s+)(?P<rest>(?:[A-Z]|the |a |an )\S.*)$"
)
FRONTED_PHRASE = re.compile(
    r"^(?P<adv>(?:Early|Late|Later|Earlier|At first|Initially|Early on)[^,]{0,40}),\s+(?P<rest>(?:[A-Z]|the |a |an )\S.*)$"
)
_YEAR = re.compile(r"(?<![\d,.-])(1[89]\d\d|20\d\d)(?![\d,])")
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


# --- 1. cause and effect ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Causal:
    sentence: Sentence
    effect: str  # a clause
    cause: str  # as written: a clause, a noun phrase or "to …"
    shape: str  # "clause", "np" or "purpose"
    marker: str


_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|will|would|does|do|did|must|remains|lacks|lacked|faces|faced|needs|needed|"
    r"[a-z]{3,}(?:ed|es))\b"
)
_CAUSAL_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(?P<effect>[A-Z].{15,}?),? because (?P<cause>(?!of\b).{10,})$"), "clause", "because"),
    (re.compile(r"^Because (?P<cause>(?!of\b)[^,]{10,}), (?P<effect>[a-z].{15,}|[A-Z].{15,})$"), "clause", "because"),
    (
        re.compile(r"^(?P<effect>[A-Z].{15,}?),? (?:due to|because of|owing to|as a result of|as a consequence of) (?P<cause>.{8,})$"),
        "np",
        "due to",
    ),
    (re.compile(r"^(?P<effect>[A-Z].{15,}?), (?:since|as) (?P<cause>(?:the|a|an|[A-Z]).{10,})$"), "clause", "since"),
    (re.compile(r"^(?P<effect>[A-Z].{15,}?),? (?:in order to|so as to) (?P<cause>[a-z].{8,})$"), "purpose", "in order to"),
    (re.compile(r"^(?P<effect>[A-Z].{15,}?),? so that (?P<cause>.{10,})$"), "clause", "so that"),
]
_LED_TO = re.compile(r"^(?P<cause>[A-Z][^,]{8,}?) (?:has led|have led|had led|led|leads|lead) to (?P<effect>.{8,})$")
_RESULT_OPENER = re.compile(
    r"^(?:As a result|Consequently|As a consequence|Therefore|For this reason|Because of this|Thus),\s+(?P<effect>[A-Z].{15,})$"
)
# Where a reading states a circumstance in a noun phrase ("amid X", "despite X"): fair wrong
# reasons for a noun-phrase cause, stated in the reading but never as this effect's cause.
_NP_HARVEST = re.compile(
    r"\b(?:due to|because of|owing to|as a result of|caused by|driven by|fuell?ed by|amid|despite|following|in response to)\s+"
    r"(?P<np>(?:the|a|an|[A-Z])[^,;.()]{8,90}?)(?=[,;.]|\s+(?:and|but|while|which|that)\s|$)"
)
# Situations a reading says something caused or faced: noun phrases of the same shape.
_NP_OBJECT_HARVEST = re.compile(
    r"\b(?:led to|leads to|lead to|faced|faces|suffered|experienced|caused|posed|triggered|prompted|sparked|"
    r"heightened|exacerbated|worsened|undermined)\s+(?P<np>(?:the|a|an)\s[^,;.()]{8,90}?)(?=[,;.]|\s+(?:and|but|while|which|that)\s|$)"
)
_PURPOSE_HARVEST = re.compile(
    r"\b(?:in order to|so as to|aims? to|aimed to|seeks? to|sought to|designed to|intended to|meant to|efforts? to|plans? to|helps? to|helped to)\s+"
    r"(?P<vp>[a-z][^,;.()]{8,90}?)(?=[,;.]|\s+(?:and|but|while|which)\s|$)"
)


def _cause_ok(text: str, shape: str) -> bool:
    n = word_count(text)
    if not 2 <= n <= 22 or not fragment_stands_alone(text):
        return False
    if shape == "clause":
        return bool(_CLAUSE_VERB.search(text))
    return True


def find_causal(ctx: Context) -> list[Causal]:
    out: list[Causal] = []
    sentences = ctx.facts.sentences
    for i, sentence in enumerate(sentences):
        if not sentence_stands_alone(ctx, sentence) and not _RESULT_OPENER.match(_clean(sentence.text)):
            continue
        text = DISCOURSE_OPENERS.sub("", _clean(sentence.text))
        found: Causal | None = None
        for pattern, shape, marker in _CAUSAL_PATTERNS:
            if (m := pattern.match(text)) is None:
                continue
            effect, cause = _clean(m.group("effect")), _clean(m.group("cause"))
            if marker == "since" and (_YEAR.search(cause[:30]) or re.match(r"(?:then|the (?:start|beginning|end)|its|their)\b", cause)):
                continue  # "since 2015", "since the start of the war": time, not cause
            if _cause_ok(cause, shape) and fragment_stands_alone(effect) and _CLAUSE_VERB.search(effect):
                found = Causal(sentence, effect, cause, shape, marker)
                break
        if found is None and (m := _LED_TO.match(text)):
            cause, effect = _clean(m.group("cause")), _clean(m.group("effect"))
            if _cause_ok(cause, "np") and len(_content(cause)) >= 2 and fragment_stands_alone(effect):
                found = Causal(sentence, f"{effect}", cause, "np", "led to")
        if found is None and (m := _RESULT_OPENER.match(text)) and i > 0:
            previous = sentences[i - 1]
            cause = _clean(previous.text)
            same_paragraph = previous.section.order == sentence.section.order
            effect = _clean(m.group("effect"))
            if same_paragraph and sentence_stands_alone(ctx, previous) and _cause_ok(cause, "clause") and fragment_stands_alone(effect):
                found = Causal(sentence, effect, cause, "clause", "as a result")
        if found is not None:
            out.append(found)
    return out


def why_stem(ctx: Context, causal: Causal) -> str | None:
    """'Why, according to the reading, was X …?' with the auxiliary inverted, else 'What … explains why …?'."""
    if causal.marker == "led to":
        return f"According to the reading, what led to {_lower_first(ctx, causal.sentence, causal.effect)}?"
    effect = causal.effect
    tail = ""
    if (m := FRONTED_TIME.match(effect)) or (m := FRONTED_PHRASE.match(effect)):
        adverbial = m.group("adv")  # a preposition or a time adverb: never a name
        effect, tail = _capital(m.group("rest")), " " + adverbial[:1].lower() + adverbial[1:]
    tokens = effect.split(" ")
    for i, token in enumerate(tokens[:10]):
        if token.lower() in AUXILIARIES:
            subject = " ".join(tokens[:i])
            if i == 0 or "," in subject or _CLAUSE_VERB.search(subject.lower()) or token.lower() not in INVERTING:
                break
            rest = " ".join(tokens[i + 1 :])
            if not rest or rest.split(" ", 1)[0].lower() == "not":
                break
            return f"Why, according to the reading, {token.lower()} {_lower_first(ctx, causal.sentence, subject)} {rest}{tail}?"
        if token.endswith(","):
            break
    return f"What, according to the reading, explains why {_lower_first(ctx, causal.sentence, effect)}{tail}?"


def _as_option(text: str, shape: str) -> str:
    text = _clean(text)
    if shape == "purpose":
        return "To " + text
    return _capital(text)


def _wrong_reasons(ctx: Context, causal: Causal, causes: list[Causal]) -> list[str]:
    """Clauses of the same shape from other sentences that the reading does not give as this effect's cause."""
    pool: list[tuple[str, Sentence]] = []
    for other in causes:
        if other.sentence.start == causal.sentence.start:
            continue
        if other.shape == causal.shape:
            pool.append((other.cause, other.sentence))
        if causal.shape == "clause" and _CLAUSE_VERB.search(other.effect):
            pool.append((other.effect, other.sentence))
    for sentence in ctx.facts.sentences:
        if abs(sentence.index - causal.sentence.index) <= 2 and sentence.section.order == causal.sentence.section.order:
            continue  # a neighbour may state another cause of the same effect
        if causal.shape == "np":
            pool += [(_clean(m.group("np")), sentence) for m in _NP_HARVEST.finditer(sentence.text)]
            pool += [(_clean(m.group("np")), sentence) for m in _NP_OBJECT_HARVEST.finditer(sentence.text)]
        elif causal.shape == "purpose":
            pool += [(_clean(m.group("vp")), sentence) for m in _PURPOSE_HARVEST.finditer(sentence.text)]
        elif sentence_stands_alone(ctx, sentence) and 6 <= word_count(sentence.text) <= 20:
            pool.append((DISCOURSE_OPENERS.sub("", _clean(sentence.text)), sentence))
    key_words = _content(causal.cause) | _content(causal.effect)
    chosen: list[str] = []
    seen = {normalise_text(causal.cause)}
    for text, _sentence in sorted(pool, key=lambda p: (p[1].section.order == causal.sentence.section.order, digest(ctx.reading_key, p[0]))):
        norm = normalise_text(text)
        if norm in seen or not _cause_ok(text, causal.shape) or word_count(text) > max(22, 2 * word_count(causal.cause)):
            continue
        # Sharing many words with this cause or effect may make it a second statement of the same reason.
        if len(_content(text) & key_words) > 1 or norm in normalise_text(causal.cause) or normalise_text(causal.cause) in norm:
            continue
        chosen.append(text)
        seen.add(norm)
        if len(chosen) == 3:
            break
    return chosen


def build_cause_questions(ctx: Context) -> list[QuestionDraft]:

    causes = find_causal(ctx)
    out: list[QuestionDraft] = []
    for causal in causes:
        stem = why_stem(ctx, causal)
        wrong = _wrong_reasons(ctx, causal, causes)
        if stem is None or len(wrong) < 2:
            continue  # two wrong reasons make a fair three-option question; one does not
        key_text = _as_option(causal.cause, causal.shape)
        draft = _base(
            ctx,
            causal.sentence,
            QuestionType.SINGLE_CHOICE,
            ("cause", causal.sentence.start),
            stem=stem,
            answer={},
            topic=_topic(ctx, causal.sentence),
            fact_key=_fact_key(ctx, causal.sentence),
            title=f"Cause: {causal.effect[:60]}",
            meta={"cause_marker": causal.marker},
        )
        _one_correct(draft, key_text, [_as_option(w, causal.shape) for w in wrong])
        notes = [f"explicit causal marker ({causal.marker})", f"distractors: {causal.shape}s stated elsewhere in the reading"]
        _finish(
            draft,
            kind="cause",
            group=_sentence_group(ctx, causal.sentence),
            quality=0.8 if causal.shape != "clause" or causal.marker in {"because", "as a result"} else 0.75,
            notes=notes,
            evidence_any=[causal.cause],
        )
        out.append(draft)
    return out


def _topic(ctx: Context, sentence: Sentence) -> str:
    facts = ctx.by_sentence.get(sentence.start, [])
    return facts[0].topic if facts else "strategy"


def _fact_key(ctx: Context, sentence: Sentence) -> str:
    facts = ctx.by_sentence.get(sentence.start, [])
    return facts[0].key if facts else digest(ctx.reading_key, "sentence-fact", sentence.start, length=32)


# --- 2. definitions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Definition:
    sentence: Sentence
    term: str
    definition: str
    verb: str  # "define" for explicit definitions, "describe" for appositives
    mention: Mention | None


_TERM = r"(?:the term |the concept of )?[“\"]?(?P<term>[A-Za-z][\w’'-]*(?: [\w’'-]+){0,5}?)[”\"]?(?: \((?P<acr>[A-Z][A-Za-z]{1,9})\))?"
_DEFINITION_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^" + _TERM + r",? (?:is|are) (?:commonly |generally |often |broadly )?defined as (?P<def>.{10,})$", re.I), "define"),
    (re.compile(r"^" + _TERM + r",? (?:refers|refer) to (?P<def>.{10,})$", re.I), "define"),
    (re.compile(r"^(?:the term |the concept of )[“\"]?(?P<term>[\w’' -]{3,60})[”\"]?,? means (?P<def>.{10,})$", re.I), "define"),
    (re.compile(r"^[“\"](?P<term>[\w’' -]{3,60})[”\"],? means (?P<def>.{10,})$", re.I), "define"),
]
# "DIA is a DOD combat support agency that …", "NSA serves as …"
_IS_A = re.compile(
    r"^(?:The )?(?P<term>[A-Z][\w’'-]*(?: (?:of|for|and|[A-Z][\w’'-]*)){0,6}) (?:is|was|serves as|acts as|functions as) "
    r"(?P<def>(?:an?|the) [a-z][^;:]{15,200})$"
)
# "the Kosovo Security Force (KSF), a lightly armed force for civil protection, …"
_APPOSITIVE = re.compile(
    r"(?P<term>(?:[A-Z][\w’'-]*)(?: (?:of|for|and|on|the|[A-Z][\w’'-]*)){1,7})(?: \((?P<acr>[A-Z][A-Za-z]{1,9})\))?, "
    r"(?P<def>an? (?:[a-z][\w-]*,? ){2,14}?[a-z][\w-]*)(?=,|\.$| that | which )"
)


def reading_acronyms(ctx: Context) -> dict[str, tuple[str, str]]:
    """Every acronym the reading spells out: short form -> (long form, kind of thing it names)."""
    out: dict[str, tuple[str, str]] = {}
    for fact in ctx.facts.facts:
        if fact.kind == "acronym":
            out.setdefault(str(fact.data["short"]), (str(fact.data["long"]), str(fact.data.get("of_kind", ""))))
    return out


def find_definitions(ctx: Context) -> list[Definition]:
    out: list[Definition] = []
    acronyms = reading_acronyms(ctx)
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        text = DISCOURSE_OPENERS.sub("", _clean(sentence.text))
        candidates: list[tuple[str, str, str]] = []
        for pattern, verb in _DEFINITION_PATTERNS:
            if m := pattern.match(text):
                candidates.append((m.group("term"), m.group("def"), verb))
                break
        for m in _APPOSITIVE.finditer(text):
            term = re.sub(r"^(?:The|the) ", "", m.group("term"))
            candidates.append((term, m.group("def"), "describe"))
        if not candidates and (m := _IS_A.match(text)):
            term = m.group("term")
            subject = _subject(ctx, sentence)
            # Only a name the reading knows as one: an acronym it spells out, or a named body or programme.
            if term in acronyms or (subject is not None and subject.kind in {"organisation", "programme"} and subject.surface == term):
                candidates.append((term, m.group("def"), "describe"))
        for term, definition, verb in candidates:
            term, definition = _clean(term), _clean(definition)
            if not (1 <= word_count(term) <= 7 and 4 <= word_count(definition) <= 25):
                continue
            if not fragment_stands_alone(definition) or contains_term(definition, term) or term.lower() in _STOP:
                continue
            mention = _mention_for(ctx, sentence, term)
            out.append(Definition(sentence, term, definition, verb, mention))
    return list({normalise_text(d.term): d for d in reversed(out)}.values())[::-1]


def _mention_for(ctx: Context, sentence: Sentence, term: str) -> Mention | None:
    for m in ctx.facts.mentions.get(sentence.start, []):
        if normalise_text(m.surface) == normalise_text(term) or normalise_text(m.value) == normalise_text(term):
            return m
    return None


def _term_noun(definition: Definition, acronyms: dict[str, tuple[str, str]] | None = None) -> str:
    m = definition.mention
    if m is None and acronyms and definition.term in acronyms:
        return {"organisation": "organisation", "programme": "programme"}.get(acronyms[definition.term][1], "term")
    if m is None:
        return "term"
    return {"organisation": "organisation", "programme": "programme", "person_role": "person", "system": "system", "place": "place"}.get(
        m.kind, "term"
    )


def build_definition_questions(ctx: Context) -> list[QuestionDraft]:

    definitions = find_definitions(ctx)
    acronyms = reading_acronyms(ctx)
    out: list[QuestionDraft] = []
    for d in definitions:
        noun = _term_noun(d, acronyms)
        others: list[str] = []
        if d.term in acronyms:
            # Another acronym of the reading naming the same kind of thing (DIA among NSA, NRO, CIA).
            others = sorted(
                (
                    a
                    for a, (_, kind) in acronyms.items()
                    if a != d.term and kind == acronyms[d.term][1] and not contains_term(d.sentence.text, a)
                ),
                key=lambda a: digest(ctx.reading_key, "def", d.term, a),
            )[:3]
        elif d.mention is not None:
            others = pick(
                pools=ctx.pools,
                mention=d.mention,
                sentence=d.sentence.text,
                key=digest(ctx.reading_key, "def", d.term),
                count=3,
                lexicon=ctx.lexicon,
            )
        if len(others) < 3 and noun == "term":
            # Concepts of the reading's domain pack (the lexicon holds only the packs that apply).
            concepts = [t.term for t in ctx.lexicon.by_category("concept") if not contains_term(d.sentence.text, t.term)]
            others = sorted(concepts, key=lambda t: digest(ctx.reading_key, "def", d.term, t))[: 3 - len(others)] + others
        if len(others) < 3:
            # Other terms the reading itself defines or describes: the same kind of answer.
            same = [
                o.term for o in definitions if o is not d and _term_noun(o, acronyms) == noun and not contains_term(d.sentence.text, o.term)
            ]
            others = list(dict.fromkeys([*others, *same]))[:3]
        if len(others) < 3:
            continue
        verb = "define" if d.verb == "define" else "describe"
        draft = _base(
            ctx,
            d.sentence,
            QuestionType.SINGLE_CHOICE,
            ("definition", d.term),
            stem=f"Which {noun} does the reading {verb} as “{d.definition}”?",
            answer={},
            topic=_topic(ctx, d.sentence),
            fact_key=_fact_key(ctx, d.sentence),
            title=f"Definition: {d.term}",
        )
        _one_correct(draft, d.term, others)
        notes = [f"{'explicit definition' if verb == 'define' else 'appositive description'}", f"distractors: other {noun}s of the reading"]
        out.append(
            _finish(
                draft,
                kind="definition",
                group=_sentence_group(ctx, d.sentence),
                quality=0.8 if verb == "define" else 0.7,
                notes=notes,
                evidence_any=[d.term],
            )
        )
    # Definitions that got no question of their own (too few same-kind terms) can still be matched;
    # matching those that did would print every single question's key.
    asked = {normalise_text(q.title.removeprefix("Definition: ")) for q in out}
    rest = [d for d in definitions if normalise_text(d.term) not in asked]
    if len(rest) >= 3:
        out += _definition_matching(ctx, rest)
    return out


def _definition_matching(ctx: Context, definitions: list[Definition]) -> list[QuestionDraft]:
    chosen = sorted(definitions, key=lambda d: digest(ctx.reading_key, "def-match", d.term))[:5]
    draft = matching_draft(
        ctx,
        "definitions",
        [(d.term, _capital(d.definition), d.sentence) for d in chosen],
        "Match each term to the way the reading defines or describes it.",
    )
    return [
        _finish(
            draft,
            kind="definition",
            group=draft.key[:16],
            quality=0.75,
            notes=["definitions stated in the reading", "every option is one of the reading's own definitions"],
        )
    ]


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


# --- 3. matching across sections ----------------------------------------------------------------------

_NAMED_KINDS = {"programme", "organisation", "summit"}
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


def _named_years(ctx: Context) -> list[tuple[str, int, Sentence]]:
    """(name, year, sentence) where a named programme or body opens a sentence with exactly one year,
    and the reading dates it to no other year anywhere."""
    years_of: dict[str, set[int]] = defaultdict(set)
    first: dict[str, tuple[str, Sentence]] = {}
    for sentence in ctx.facts.sentences:
        mentions = ctx.facts.mentions.get(sentence.start, [])
        years = {int(m.data["year"]) for m in mentions if m.kind == "date" and m.data.get("year")}
        if not years:
            continue
        subject = _subject(ctx, sentence)
        for m in mentions:
            if m.kind not in _NAMED_KINDS | {"term"} or not m.value[:1].isupper():
                continue
            key = normalise_text(m.value)
            if m is subject and len(years) == 1 and sentence_stands_alone(ctx, sentence):
                years_of[key] |= years
                first.setdefault(key, (m.value, sentence))
            else:
                years_of[key] |= {-y for y in years}  # dated in passing: makes its year unclear
    out = []
    for key, years in years_of.items():
        if key in first and len(years) == 1:
            name, sentence = first[key]
            out.append((name, next(iter(years)), sentence))
    return out


def _deeds(ctx: Context) -> list[tuple[str, str, Sentence]]:
    """(actor, what the reading says the actor did, sentence) from sentences that open with a named actor."""
    out = []
    acronyms = reading_acronyms(ctx)
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        subject = _subject(ctx, sentence)
        actor, after = "", ""
        if subject is not None and subject.kind in {"person_role", "organisation", "place"}:
            if subject.kind != "place" or subject.data.get("place") == "country":
                actor, after = subject.surface, sentence.text[subject.end :].strip()
        elif (m := re.match(r"(?:The )?([A-Z][A-Za-z]{1,9})\s", sentence.text)) and m.group(1) in acronyms:
            # An acronym the reading spelled out earlier ("NRO builds and operates satellites").
            actor, after = m.group(1), sentence.text[m.end() :].strip()
        if not actor:
            continue
        words = after.split(" ")
        verb, following = words[0], (words[1].lower() if len(words) > 1 else "")
        past = verb.endswith("ed") or verb in _IRREGULAR_PAST
        # "builds", "specializes" - but not a plural noun after a name used as a modifier ("NATO members must").
        present = (
            bool(re.fullmatch(r"[a-z]{3,}(?<!s)s", verb))
            and verb not in _PLURAL_NOUNS | {"has", "was", "does", "is"}
            and following not in AUXILIARIES | _MODALS | {"like", "such"}
        )
        if not (past or present):
            continue
        deed = _clean(re.split(r",\s|;\s| while | which | who | whose | that | but |\(", after)[0])
        if 3 <= word_count(deed) <= 14 and fragment_stands_alone(deed):
            out.append((actor, deed, sentence))
    return out


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


def _cross_section_pairs(ctx: Context, name: str, items: list[tuple[str, str, Sentence]]) -> list[tuple[str, str, Sentence]]:
    """Up to five pairs, distinct on both sides, from at least two sections (else none)."""
    chosen: list[tuple[str, str, Sentence]] = []
    lefts: set[str] = set()
    rights: set[str] = set()
    for item in sorted(items, key=lambda it: digest(ctx.reading_key, name, it[0])):
        left, right = normalise_text(item[0]), normalise_text(item[1])
        if left in lefts or right in rights or any(contains_term(item[1], other[0]) for other in items):
            continue
        chosen.append(item)
        lefts.add(left)
        rights.add(right)
        if len(chosen) == 5:
            break
    sections = {it[2].section.order for it in chosen}
    return chosen if len(chosen) >= 3 and len(sections) >= 2 else []


def build_matching_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    specs = [
        (
            "named-years",
            [(n, str(y), s) for n, y, s in _named_years(ctx)],
            "Match each of these to the year the reading gives for it.",
            "dated names, each with one year in the reading",
        ),
        (
            "deeds",
            _deeds(ctx),
            "Match each actor with the action the reading reports.",
            "actors opening a sentence with what they did or do",
        ),
    ]
    for name, items, stem, note in specs:
        pairs = _cross_section_pairs(ctx, name, items)
        if not pairs:
            continue
        draft = matching_draft(ctx, f"understanding-{name}", pairs, stem)
        sections = len({s.section.order for _, _, s in pairs})
        out.append(
            _finish(
                draft,
                kind="matching",
                group=draft.key[:16],
                quality=0.7 + 0.05 * min(sections - 2, 2),
                notes=[note, f"pairs from {sections} sections"],
            )
        )
    return out


# --- 4. which statement does the reading support? -------------------------------------------------

_SWAP_KINDS = {"person_role", "organisation", "programme", "system", "summit", "place"}
COUNTRIES_WITH_THE = {"United States", "United Kingdom", "Netherlands", "Czech Republic", "Philippines", "United Arab Emirates"}
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|can't|won't|nor|neither|none)\b|n't\b", re.I)
_ASIDE = re.compile(
    r", (?:which|who) [^,]{4,80}, "
    r"|, (?:led|supported|funded|backed|chaired|hosted|commanded|established|created|signed|announced|adopted) (?:by|at|in|on) [^,]{3,60}, "
)
# Trailing material that compression to subject-verb-object drops: a participle clause
# (", delivering trauma kits …"), an "including" list, a second clause after ", while".
_TRAILING = re.compile(r",\s+(?:including|such as|while|whereas|with|[a-z]+ing)\b.*$")
_PAREN = re.compile(r"\s*\([^()]{1,60}\)")


def rewrite_statement(text: str) -> tuple[str, list[str]] | None:
    """The sentence said differently by rule, with what was done; None when no rule applies.

    The rules only drop or move words, so the statement stays true to the sentence: a discourse
    marker dropped, parentheses (acronyms, asides) dropped, a non-restrictive "which/who" clause
    dropped, and a fronted date ("In 2008, X did Y") moved to the end ("X did Y in 2008").
    """
    text = _clean(text)
    done: list[str] = []
    if DISCOURSE_OPENERS.match(text):
        text = DISCOURSE_OPENERS.sub("", text)
        done.append("discourse marker dropped")
    if _PAREN.search(text):
        text = _PAREN.sub("", text)
        done.append("parentheses dropped")
    if _ASIDE.search(text):
        text = _ASIDE.sub(" ", text, count=1)
        done.append("aside dropped")
    if (m := _TRAILING.search(text)) and word_count(text[: m.start()]) >= 8:
        text = text[: m.start()]
        done.append("compressed to its main clause")
    if (m := FRONTED_TIME.match(text)) and not re.search(r", |\s?[—–]\s?", m.group("rest")):
        adverbial = m.group("adv")
        text = f"{_capital(m.group('rest'))} {adverbial[:1].lower() + adverbial[1:]}"
        done.append("date moved to the end")
    if not done:
        return None
    return _capital(text.strip()) + ".", done


def _said_elsewhere(ctx: Context, sentence: Sentence, variant: str, changed: str) -> bool:
    """Whether some sentence of the reading might support the variant: it names the swapped-in
    element together with other content of the statement."""
    rest = _content(variant) - _content(changed)
    return any(contains_term(other.text, changed) and len(_content(other.text) & rest) >= 2 for other in ctx.facts.sentences)


_MODALS = {"can", "could", "will", "would", "should", "must", "may", "might"}
_ADVERBS = {"also", "already", "still", "now", "recently", "repeatedly", "often", "always", "never", "be"}
_IRREGULAR_PARTICIPLES = (
    "led",
    "taken",
    "given",
    "made",
    "begun",
    "become",
    "brought",
    "built",
    "sent",
    "set",
    "held",
    "won",
    "lost",
    "paid",
    "told",
    "written",
    "seen",
    "chosen",
    "drawn",
    "fought",
    "sought",
    "spent",
    "struck",
    "undertaken",
    "withdrawn",
    "shown",
    "known",
    "grown",
    "put",
    "kept",
    "met",
)
_SUBORDINATOR = re.compile(r"^(?:While|Although|Though|If|When|As|Since|Because|After|Before|Unless|Whereas|Despite|Once)\b")


def _negate(statement: str) -> str | None:
    if _NEGATION.search(statement) or _SUBORDINATOR.match(statement):
        return None  # negating a negative reads as a trick; a fronted clause may hold the auxiliary
    tokens = statement.split(" ")
    for i, token in enumerate(tokens[:12]):
        if token.endswith(","):
            return None
        if i > 0 and token in INVERTING and tokens[i - 1].lower() not in {"which", "who", "that"}:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            # Only a verb is negated ("has not provided", "must not take", "was not signed"):
            # "is not a Russian collapse" or "has not also pledged" read as tricks.
            if token in _MODALS and re.fullmatch(r"[a-z]+", following) and following not in _ADVERBS:
                return " ".join([*tokens[: i + 1], "not", *tokens[i + 1 :]])
            if re.fullmatch(r"[a-z]+(?:ed|en)|" + "|".join(_IRREGULAR_PARTICIPLES), following) and following not in {"been"}:
                return " ".join([*tokens[: i + 1], "not", *tokens[i + 1 :]])
            return None
        coordinated = any(
            a == "and" and b[-1:] == token[-1:] and _base_form(b) is not None
            for a, b in zip(tokens[i + 1 :], tokens[i + 2 :], strict=False)
        )  # "builds and operates": one "does not" cannot govern both
        if i > 0 and not coordinated and (base := _base_form(token)) is not None and _plain_subject(tokens[:i]):
            # No auxiliary: "NATO provided X" -> "NATO did not provide X", "NRO builds" -> "NRO does not build".
            auxiliary = "did" if not token.endswith("s") or token in _IRREGULAR_PAST else "does"
            return " ".join([*tokens[:i], auxiliary, "not", base, *tokens[i + 1 :]])
    return None


_IRREGULAR_BASE = {
    "led": "lead",
    "took": "take",
    "gave": "give",
    "made": "make",
    "began": "begin",
    "became": "become",
    "brought": "bring",
    "built": "build",
    "sent": "send",
    "held": "hold",
    "won": "win",
    "left": "leave",
    "paid": "pay",
    "sought": "seek",
    "spent": "spend",
    "fought": "fight",
    "met": "meet",
    "withdrew": "withdraw",
    "undertook": "undertake",
    "oversaw": "oversee",
}
_REPORTING = {
    "highlighted",
    "highlights",
    "said",
    "says",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "underscored",
    "reaffirmed",
    "affirmed",
    "announced",
    "stated",
    "welcomed",
    "recognized",
    "recognised",
    "acknowledged",
    "expressed",
    "argued",
    "argues",
}
_SUBJECT_WORDS = re.compile(r"(?:[A-Z][\w’'.-]*|the|a|an|of|and|for|on|in|[a-z]+’s|[a-z]+'s)")


def _plain_subject(tokens: list[str]) -> bool:
    """A short subject of names and determiners ("NATO", "The European Union", "Ukraine's allies" is not)."""
    return 1 <= len(tokens) <= 7 and tokens[0][:1].isupper() and all(_SUBJECT_WORDS.fullmatch(t) for t in tokens)


def _base_form(verb: str) -> str | None:
    """The base form of a past or third-person verb, checked against the English word list; None if unsure."""
    from quizzes.generation.standalone import zipf

    if verb in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[verb]
    if verb in _REPORTING:
        return None  # "did not highlight that …" denies the speaking, not the fact
    if not re.fullmatch(r"[a-z]{4,}", verb) or verb in _PLURAL_NOUNS:
        return None
    if verb.endswith("ied"):
        candidates = [verb[:-3] + "y"]
    elif verb.endswith("ed"):
        candidates = [verb[:-1], verb[:-2]] + ([verb[:-3]] if verb[-3] == verb[-4] else [])
    elif verb.endswith("ies"):
        candidates = [verb[:-3] + "y"]
    elif verb.endswith("es"):
        candidates = [verb[:-1], verb[:-2]]
    elif verb.endswith("s") and not verb.endswith("ss"):
        candidates = [verb[:-1]]
    else:
        return None
    # The first candidate that is a common English word ("provided" -> "provide", "trained" -> "train").
    return next((c for c in candidates if zipf(c) >= 3.0), None)


Variant = tuple[str, str, str]  # (text, what changed, the original element)


def _variants(ctx: Context, sentence: Sentence, statement: str, latest_year: int = 0) -> list[Variant]:
    """False variants of the statement, each one change away from it and checked against the reading."""
    key = digest(ctx.reading_key, "supported", sentence.start)
    out = _name_variants(ctx, sentence, statement, key)
    out += _acronym_variants(ctx, sentence, statement, key)
    out += _year_variants(ctx, sentence, statement, key, latest_year)
    out += _count_variants(ctx, sentence, statement, key)
    out += _amount_variants(ctx, sentence, statement, key)
    reversed_relation = _reversed_variant(ctx, sentence, statement)
    if reversed_relation is not None:
        out.append(reversed_relation)
    if negated := _negate(statement):
        out.append((negated, "negated", ""))
    return out


def _name_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    out: list[Variant] = []
    frequent = max(4, len(ctx.facts.sentences) // 8)
    for mention in ctx.facts.mentions.get(sentence.start, []):
        if mention.kind not in _SWAP_KINDS or mention.source == "acronym":
            continue
        if mention.kind == "place" and (
            mention.data.get("place") != "country" or normalise_text(mention.surface) != normalise_text(mention.value)
        ):
            continue  # a city, or "U.S. involvement": an abbreviation used as an adjective takes no other name
        if ctx.frequency(mention.surface) >= frequent:
            continue  # the reading's own subject: any swap for it is obviously false
        if mention.kind == "person_role" and (mention.data.get("role_span") or len(mention.surface.split()) < 2):
            continue  # "Ukrainian President Donald Trump": a printed role gives a swapped person away
        found = list(re.finditer(r"(?<![\w-])" + re.escape(mention.surface) + r"(?![\w-])", statement))
        if len(found) != 1:
            continue
        before, after = statement[: found[0].start()], statement[found[0].end() :]
        if mention.kind == "place" and before.endswith(("the ", "The ")):
            continue  # "the Netherlands" -> "the Poland": not a clean swap
        if mention.kind in {"organisation", "programme"} and (
            re.search(r"[A-Z][\w’'-]*\s+(?:and|of|for|on)\s+$", before) or re.match(r"\s+(?:and|of|for|on)\s+[A-Z]", after)
        ):
            continue  # the tail of a longer name ("Intelligence Reform and Terrorism Prevention Act")
        in_list = bool(re.search(r"(?:,|\band|\bor)\s+$", before) or re.match(r"\s*(?:,\s+\w|and\b|or\b)", after))
        if in_list and len(re.findall(r",|\band\b|\bor\b", statement)) >= 3:
            continue  # one member of a long list: the others give the odd one away
        for alt in pick(pools=ctx.pools, mention=mention, sentence=sentence.text, key=key, count=2, lexicon=ctx.lexicon):
            shown = f"{'the' if before else 'The'} {alt}" if mention.kind == "place" and alt in COUNTRIES_WITH_THE else alt
            variant = before + shown + after
            if not _said_elsewhere(ctx, sentence, variant, alt):
                out.append((variant, f"{mention.surface} → {alt}", mention.surface))
    return out


def _acronym_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    """Another acronym the reading spells out for the same kind of thing ("DIA" for "NRO")."""
    out: list[Variant] = []
    # Countries spelled as acronyms ("ROK") are not bodies: another body's acronym is no fair swap.
    acronyms = {a: v for a, v in reading_acronyms(ctx).items() if not _is_country(v[0])}
    for short, (_, kind) in acronyms.items():
        found = list(re.finditer(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", statement))
        if len(found) != 1 or not kind:
            continue
        others = sorted(
            (a for a, (_, k) in acronyms.items() if k == kind and a != short and not contains_term(sentence.text, a)),
            key=lambda a: digest(key, short, a),
        )
        for alt in others[:2]:
            variant = statement[: found[0].start()] + alt + statement[found[0].end() :]
            if not _said_elsewhere(ctx, sentence, variant, alt):
                out.append((variant, f"{short} → {alt}", short))
    return out


def _is_country(name: str) -> bool:
    from quizzes.generation.lexicon import countries

    return (
        name in countries() or name in countries().values() or bool(re.match(r"(?:Republic|Kingdom|Democratic|People’s|People's) ", name))
    )


def _year_variants(ctx: Context, sentence: Sentence, statement: str, key: str, latest: int) -> list[Variant]:
    out: list[Variant] = []
    for year in dict.fromkeys(_YEAR.findall(statement)):
        if statement.count(year) != 1:
            continue
        for step in (int(digest(key, year), 16) % 3 + 2, -(int(digest(key, year, "down"), 16) % 3 + 2)):
            moved = str(int(year) - step)
            if int(moved) > max(latest, int(year)):
                continue  # a year after everything the reading reports is obviously wrong
            variant = re.sub(r"(?<![\d,.-])" + year + r"(?![\d,])", moved, statement)
            if not _said_elsewhere(ctx, sentence, variant, moved):
                out.append((variant, f"{year} → {moved}", year))
                break
    return out


def _count_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    out: list[Variant] = []
    for hit in re.finditer(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\w,.-]*\d)(?!\s*(?:%|percent|per cent))", statement):
        number = hit.group(1)
        count = int(number.replace(",", ""))
        # Only a count of something ("1,200 soldiers"): not an identifier ("Executive Order 12333").
        if not re.match(r"\s+[a-z]{3,}", statement[hit.end(1) :]) or re.search(r"[A-Z][\w.]*\s+$", statement[: hit.start(1)]):
            continue
        month_next = re.match(_MONTH_AFTER, statement[hit.end(1) :])
        if _YEAR.fullmatch(number) or count < 100 or month_next:
            continue  # a day of the month or a small count: changing it tests nothing
        changed = count * (2, 3)[int(digest(key, number), 16) % 2]
        shown = f"{changed:,}" if "," in number or changed >= 10000 else str(changed)
        variant = statement[: hit.start(1)] + shown + statement[hit.end(1) :]
        if not _said_elsewhere(ctx, sentence, variant, shown):
            out.append((variant, f"{number} → {shown}", number))
    for hit in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?)(?=\s*(?:%|percent\b|per cent\b))", statement):
        number = hit.group(1)
        share = float(number)
        shown = f"{share * 2 if share <= 40 else share / 2:g}"
        variant = statement[: hit.start(1)] + shown + statement[hit.end(1) :]
        if not _said_elsewhere(ctx, sentence, variant, shown):
            out.append((variant, f"{number}% → {shown}%", number))
    return out


def _amount_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    out: list[Variant] = []
    for mention in ctx.facts.mentions.get(sentence.start, []):
        if mention.kind != "money" or statement.count(mention.surface) != 1 or not mention.data.get("amount"):
            continue
        for amount in money_variants(amount=float(mention.data["amount"]), key=key, count=1):
            shown = format_amount(amount, like=mention.surface)
            variant = statement.replace(mention.surface, shown)
            if shown != mention.surface and not _said_elsewhere(ctx, sentence, variant, shown):
                out.append((variant, f"{mention.surface} → {shown}", mention.surface))
    return out


def _reversed_variant(ctx: Context, sentence: Sentence, statement: str) -> Variant | None:
    present = {m.group(0) for m in _ANTONYM_WORDS.finditer(statement)}
    for word, opposite in _ANTONYMS.items():
        if word not in present:
            continue
        found = list(re.finditer(r"(?<![\w-])" + word + r"(?![\w-])", statement))
        if len(found) == 1:
            variant = statement[: found[0].start()] + opposite + statement[found[0].end() :]
            # One reversed relation per statement, and only if no sentence says the reversed thing.
            return None if _said_elsewhere(ctx, sentence, variant, opposite) else (variant, f"{word} → {opposite}", word)
    return None


_MONTH_AFTER = r"\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"


# Relations whose reversal keeps the sentence grammatical and makes it say the opposite.
_ANTONYM_PAIRS = [
    ("increased", "decreased"),
    ("increase", "decrease"),
    ("increasing", "decreasing"),
    ("strengthened", "weakened"),
    ("strengthen", "weaken"),
    ("strengthening", "weakening"),
    ("expanded", "reduced"),
    ("higher", "lower"),
    ("larger", "smaller"),
    ("supported", "opposed"),
    ("approved", "rejected"),
    ("accepted", "rejected"),
    ("long-term", "short-term"),
    ("rose", "fell"),
    ("raised", "lowered"),
    ("accelerated", "slowed"),
    ("lethal", "non-lethal"),
    ("offensive", "defensive"),
]
_ANTONYMS = {**dict(_ANTONYM_PAIRS), **{b: a for a, b in _ANTONYM_PAIRS if b not in {"rejected"}}}
_ANTONYM_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _ANTONYMS), key=len, reverse=True)) + r")(?![\w-])")


@dataclass
class _Statement:
    sentence: Sentence
    text: str
    rewrites: list[str]
    variants: list[tuple[str, str, str]]


def _statements(ctx: Context) -> list[_Statement]:
    out = []
    latest_year = max((int(v) for v in _YEAR.findall(ctx.cleaned_text)), default=0)
    for sentence in ctx.facts.sentences:
        if not 10 <= word_count(sentence.text) <= 40 or not sentence_stands_alone(ctx, sentence):
            continue
        rewritten = rewrite_statement(sentence.text)
        text, done = rewritten if rewritten else (_capital(_clean(sentence.text)) + ".", [])
        if not fragment_stands_alone(text) or word_count(text) > 32 or not _CLAUSE_VERB.search(text) or not _balanced(text):
            continue
        if _SUBORDINATE_ONLY.match(text):
            continue  # "After nearly a year and a half of X committing atrocities.": a fronted clause cut from its sentence
        out.append(_Statement(sentence, text, done, _variants(ctx, sentence, text, latest_year)))
    return out


_SUBORDINATE_ONLY = re.compile(
    r"^(?:After|Before|When|While|Since|Although|Though|If|Because|Unless|Until|Once|As|Despite|Following)\b[^,]*\.$"
)


def _balanced(text: str) -> bool:
    """Quotes and brackets closed: a statement cut inside a quotation or an aside is not one."""
    pairs = (("(", ")"), ("“", "”"), ("[", "]"))
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def _variant_kind(variant: tuple[str, str, str]) -> str:
    if variant[1] == "negated":
        return "negated"
    if variant[2] in _ANTONYMS:
        return "reversed"
    return "number" if variant[2][:1].isdigit() else "name"


def _supported_draft(
    ctx: Context, key_statement: _Statement, wrong: list[tuple[str, str, str]], stem: str, *, sentences: list[Sentence]
) -> QuestionDraft:

    sentence = key_statement.sentence
    draft = _base(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("supported", sentence.start, len(sentences)),
        stem=stem,
        answer={},
        topic=_topic(ctx, sentence),
        fact_key=_fact_key(ctx, sentence),
        title=f"Supported statement: {key_statement.text[:60]}",
        meta={"rewrite": key_statement.rewrites, "changes": [w[1] for w in wrong]},
    )
    if len(sentences) > 1:
        # The passage cites every sentence an option was made from, so a reviewer sees each check.
        draft.passage, draft.start, draft.end = joined_passage(ctx, sentences)
    return _one_correct(draft, key_statement.text, [w[0] for w in wrong])


def _three_variants(ctx: Context, st: _Statement) -> list[tuple[str, str, str]]:
    """Three variants of one statement, at most two changing the same element."""
    chosen: list[tuple[str, str, str]] = []
    per_element: dict[str, int] = defaultdict(int)
    for variant in sorted(st.variants, key=lambda v: digest(ctx.reading_key, v[0])):
        if per_element[variant[2]] >= 2 or any(normalise_text(variant[0]) == normalise_text(c[0]) for c in chosen):
            continue
        chosen.append(variant)
        per_element[variant[2]] += 1
        if len(chosen) == 3:
            break
    return chosen


def build_supported_questions(ctx: Context) -> list[QuestionDraft]:
    """One sentence against three altered copies of itself, or, per section, a statement against
    altered statements of the section's other sentences (each altered one checked false)."""
    statements = _statements(ctx)
    frequent = max(4, len(ctx.facts.sentences) // 8)
    candidates: list[QuestionDraft] = []
    stems: set[str] = set()
    used: set[int] = set()
    # 1. One sentence, three variants of it.
    for st in statements:
        chosen = _three_variants(ctx, st) if st.rewrites else []
        # Two wrong options are enough for a fair question (three options); fewer is a true/false.
        if len(chosen) < 2:
            continue
        changed = {c[2] for c in chosen if c[2]}
        anchors = [
            m.value
            for m in sorted(ctx.facts.mentions.get(st.sentence.start, []), key=lambda m: ctx.frequency(m.value))
            if m.kind in _SWAP_KINDS
            and m.surface in st.text
            and m.surface not in changed
            and contains_term(st.text, m.value)
            and ctx.frequency(m.value) < frequent
            # Not the head of a longer name ("Intelligence Reform and Terrorism Prevention Act").
            and not re.search(re.escape(m.surface) + r"\s+(?:and|of|for|on)\s+[A-Z]", st.text)
            and not re.search(r"[A-Z][\w’'-]*\s+(?:and|of|for|on)\s+" + re.escape(m.surface), st.text)
        ]
        heading = st.sentence.section.heading.strip()
        options = [f"Which statement about {a} does the reading support?" for a in anchors[:1]]
        if heading and len(heading) <= 80 and fragment_stands_alone(heading):
            options.append(f"Which statement does the section “{heading}” of the reading support?")
        options.append("Which statement does the reading support?")
        stem = next((o for o in options if normalise_text(o) not in stems), "")
        if not stem:
            continue
        stems.add(normalise_text(stem))
        draft = _supported_draft(ctx, st, chosen, stem, sentences=[st.sentence])
        kinds = {_variant_kind(c) for c in chosen}
        notes = [
            "paraphrase: " + ", ".join(st.rewrites),
            "wrong options: " + "; ".join(c[1] for c in chosen),
            "each wrong option checked against the whole reading",
        ]
        evidence = [c[2] for c in chosen if c[2]] or [w for w in st.text.split() if len(w) > 5][:3]
        quality = 0.7 + 0.03 * len(st.rewrites) + 0.03 * (len(kinds) - 1) - (0.04 if len(chosen) < 3 else 0)
        candidates.append(
            _finish(draft, kind="supported", group=_sentence_group(ctx, st.sentence), quality=quality, notes=notes, evidence_any=evidence)
        )
        used.add(st.sentence.start)
    # 2. Per section: a rewritten statement and altered statements of three other sentences.
    by_section: dict[int, list[_Statement]] = defaultdict(list)
    for st in statements:
        if st.sentence.start not in used:
            by_section[st.sentence.section.order].append(st)
    for items in by_section.values():
        heading = items[0].sentence.section.heading.strip()
        if heading and (len(heading) > 80 or not fragment_stands_alone(heading)):
            continue
        # A speech or a statement without headings: the reading as a whole, once.
        stem = (
            f"Which statement does the section “{heading}” of the reading support?"
            if heading
            else "Which statement does the reading support?"
        )
        if normalise_text(stem) in stems:
            continue
        keys = sorted((st for st in items if st.rewrites), key=lambda st: digest(ctx.reading_key, "supported-key", st.sentence.start))
        for key_statement in keys:
            n = word_count(key_statement.text)
            wrong: list[tuple[str, str, str]] = []
            sources = [key_statement.sentence]
            others = [st for st in items if st is not key_statement and st.variants and 0.5 * n <= word_count(st.text) <= 1.8 * n]
            for st in sorted(others, key=lambda st: digest(ctx.reading_key, "supported-wrong", st.sentence.start)):
                # Prefer a swapped name or number; one negation at most, or the key is the only positive option.
                variant = sorted(st.variants, key=lambda v: (_variant_kind(v) in {"negated", "reversed"}, digest(ctx.reading_key, v[0])))[0]
                if _variant_kind(variant) in {"negated", "reversed"} and any(_variant_kind(w) == _variant_kind(variant) for w in wrong):
                    continue
                wrong.append(variant)
                sources.append(st.sentence)
                if len(wrong) == 3:
                    break
            if len(wrong) < 3:
                continue
            stems.add(normalise_text(stem))
            draft = _supported_draft(ctx, key_statement, wrong, stem, sentences=sources)
            notes = [
                "paraphrase: " + ", ".join(key_statement.rewrites),
                "wrong options: other sentences of the section altered (" + "; ".join(w[1] for w in wrong) + ")",
                "each wrong option checked against the whole reading",
            ]
            quality = 0.68 + 0.03 * len(key_statement.rewrites) + 0.03 * (len({_variant_kind(w) for w in wrong}) > 1)
            evidence = [w for w in key_statement.text.split() if len(w) > 5][:3]
            group = _sentence_group(ctx, key_statement.sentence)
            candidates.append(_finish(draft, kind="supported", group=group, quality=quality, notes=notes, evidence_any=evidence))
            break
    # Spread over the sections, best first, and keep the bank from filling with one kind.
    limit = max(3, len(ctx.facts.sentences) // 6)
    ranked: dict[int, list[QuestionDraft]] = defaultdict(list)
    for draft in sorted(candidates, key=lambda d: (-d.quality, d.start)):
        ranked[draft.section.order].append(draft)
    out: list[QuestionDraft] = []
    while len(out) < limit and any(ranked.values()):
        for order in sorted(ranked):
            if ranked[order] and len(out) < limit:
                out.append(ranked[order].pop(0))
    return sorted(out, key=lambda d: d.start)


# --- 5. who is bound by a treaty obligation ------------------------------------------------------

_OBLIGATION = re.compile(
    r"^(?P<who>(?:Each|All|Every|All the|Each of the)\s[^,;:()]{2,60}?)(?P<party> to (?:the|this) (?:Treaty|Agreement|Convention|Protocol))?"
    r" (?P<verb>undertakes?|agrees?|shall) (?P<neg>not )?to (?P<vp>[a-z].{10,})$"
)
_GENERAL_PARTY = re.compile(r"^(?:Each|All|Every|All the|Each of the) (?:State )?Part(?:y|ies)$")
_SELF_REFERENCE = re.compile(r"\bthis (Treaty|Agreement|Convention|Protocol)\b")


@dataclass(frozen=True)
class Obligation:
    sentence: Sentence
    who: str
    action: str  # "not to receive …" as the stem shows it; empty when no clean phrase can be cut out


def _is_treaty(ctx: Context) -> bool:
    return sum(1 for s in ctx.facts.sections if re.match(r"^Article\s+(?:[IVXLC]+|\d+)\b", s.heading)) >= 2


def find_obligations(ctx: Context) -> list[Obligation]:
    """Sentences of a treaty that bind a named class of parties ("Each non-nuclear-weapon State Party … undertakes not to …")."""
    if not _is_treaty(ctx):
        return []
    out = []
    for sentence in ctx.facts.sentences:
        # In a treaty, "this Treaty" is the reading itself: said so, the sentence stands alone.
        text = _SELF_REFERENCE.sub(lambda m: "the " + m.group(1), _clean(sentence.text))
        if (m := _OBLIGATION.match(text)) is None:
            continue
        # "directly, or indirectly;": an adverb's alternative after a comma belongs to the phrase.
        phrase = re.sub(r",\s+(or|and)\s+(\w+ly)\b", r" \1 \2", m.group("vp"))
        vp = _clean(re.split(r",\s|;|:|\s\(", phrase)[0])
        action = (m.group("neg") or "") + "to " + vp
        usable = 4 <= word_count(vp) <= 25 and fragment_stands_alone(action) and _balanced(action)
        # Not cut mid-phrase ("to take appropriate measures to ensure that"); an unusable action
        # still tells which parties the treaty names.
        usable = usable and vp.split()[-1].lower() not in _STOP | {"whatsoever", "whether", "if"}
        out.append(Obligation(sentence, m.group("who").strip(), action if usable else ""))
    return out


def build_obligation_questions(ctx: Context) -> list[QuestionDraft]:
    """Who does the treaty bind to this? Asked only of obligations on a particular class of parties:
    one that binds every party would make the narrower classes arguably right as well."""

    obligations = find_obligations(ctx)
    # "Each Party", "Each of the Parties" and "All the Parties" say the same: one of them is an option.
    general = next((o.who for o in obligations if _GENERAL_PARTY.match(o.who)), None)
    specific = {normalise_text(o.who): o.who for o in obligations if not _GENERAL_PARTY.match(o.who)}
    parties = [*specific.values(), *([general] if general else [])]
    out: list[QuestionDraft] = []
    for o in obligations:
        if not o.action or _GENERAL_PARTY.match(o.who):
            continue
        others = [p for p in parties if normalise_text(p) != normalise_text(o.who)]
        # Another class bound by the very same words would be right too.
        others = [p for p in others if not any(normalise_text(x.who) == normalise_text(p) and x.action == o.action for x in obligations)]
        if len(others) < 2:
            continue
        draft = _base(
            ctx,
            o.sentence,
            QuestionType.SINGLE_CHOICE,
            ("obligation", o.sentence.start),
            stem=f"According to the reading, who undertakes {o.action}?",
            answer={},
            topic=_topic(ctx, o.sentence),
            fact_key=_fact_key(ctx, o.sentence),
            title=f"Obligation: {o.who}",
        )
        _one_correct(draft, o.who, sorted(others, key=lambda p: digest(ctx.reading_key, "obligation", p))[:3])
        notes = ["treaty obligation on a named class of parties", "wrong options: the treaty's other parties"]
        out.append(_finish(draft, kind="rule", group=_sentence_group(ctx, o.sentence), quality=0.8, notes=notes, evidence_any=[o.who]))
    return out


def build_understanding_questions(ctx: Context) -> list[QuestionDraft]:
    """Every understanding question of a reading, each marked with ``meta["understanding"]``."""
    drafts: list[QuestionDraft] = []
    drafts += build_cause_questions(ctx)
    drafts += build_definition_questions(ctx)
    drafts += build_matching_questions(ctx)
    drafts += build_supported_questions(ctx)
    drafts += build_obligation_questions(ctx)
    return drafts
