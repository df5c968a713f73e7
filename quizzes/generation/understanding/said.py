# ruff: noqa: RUF001, RUF003 - the readings use typographic quotes and apostrophes, so the patterns must too
"""7. What the speaker said: "Which of these did President Biden say in the reading?"

A speech, a briefing or an issuer's statement speaks in the first person ("We completed one of
the biggest airlifts in history, with more than 120,000 people evacuated"), so the recall and
"which statement does the reading support" builders cannot quote it as the reading's own claim.
``facts.attribute_speakers`` credits such a sentence to its speaker; here it is the key among
altered copies of itself (a figure or a year moved, a named country or body swapped, a relation
reversed), each checked against the whole reading by ``variants``, with the speaker named in the stem.

Precision first: only a sentence whose one problem was the first person (any other pronoun or a
demonstrative leaves it out), only changes that keep the sentence grammatical (no negated
contraction, no country used as an adjective), never a change to the reading's own subject, and
no question with fewer than two altered copies.
"""

from __future__ import annotations

import re

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, joined_passage
from quizzes.generation.builders.drafts import _all_correct
from quizzes.generation.standalone import DEMONSTRATIVES, NEUTER_PLURAL, PERSONAL, PLACE_TIME_DEIXIS
from quizzes.generation.text import Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _YEAR,
    _balanced,
    _capital,
    _clean,
    _fact_key,
    _finish,
    _sentence_group,
    _topic,
)
from quizzes.generation.understanding.variants import _variants
from quizzes.models import QuestionType

MIN_WORDS, MAX_WORDS = 8, 36
# A pronoun or pointer a quotation cannot resolve once shown alone (the speaker's "we" and "you" it can).
_UNRESOLVED = PERSONAL | NEUTER_PLURAL | DEMONSTRATIVES | PLACE_TIME_DEIXIS | {"there", "former", "latter"}
# "We’re did not engage": ``variants`` negates the verb after a contraction it does not read.
_BROKEN_NEGATION = re.compile(r"[’'](?:re|ve|s|ll|d|m)\s+(?:did|does|do)\s+not\b")
# After a swapped name, a word that shows it stood as a name and not as an adjective ("a United States senator").
_AFTER_A_NAME = re.compile(r"^\s*(?:[,.;:!?)]|(?:and|or|in|to|of|for|as|is|was|are|were|has|have|had|will|with|on|at|by|from)\b)")
# A question or an exclamation is not a claim the speaker made.
_NOT_A_CLAIM = re.compile(r"[?!]\s*$")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z’']+", text.lower())


def _quotable(text: str) -> bool:
    """A statement that carries its own references, apart from the speaker's first and second person."""
    if any(w in _UNRESOLVED for w in _words(text)):
        return False
    if re.search(r"\b(?:in|at|into|of|by|for|from|with|on|after|before|during|to|since|until)\s+that\s+[a-z]+", text, re.I):
        return False
    return not re.search(r"[*#_\[\]{}<>|“”\"]|https?://|:", text)


def _fair_variant(ctx: Context, variant: tuple[str, str, str], statement: str) -> bool:
    text, change, element = variant
    if _BROKEN_NEGATION.search(text) or change == "negated":
        # A negated claim of a speech is often what the speaker argued against: not surely false.
        return False
    if element and normalise_text(element) in ctx.trivial:
        return False
    if element and _is_place(ctx, element):
        # "competition with Syria" for "with China": guessable, and a speech may say it of both.
        return False
    if element and not element[:1].isdigit() and element in statement:
        at = statement.find(element)
        before, after = statement[:at], statement[at + len(element) :]
        if re.search(r"\b(?:a|an)\s+$", before, re.I) or not _AFTER_A_NAME.match(after):
            return False
    return True


def _is_place(ctx: Context, element: str) -> bool:
    return any(m.kind == "place" and element in {m.surface, m.value} for found in ctx.facts.mentions.values() for m in found)


def _statement(sentence: Sentence) -> str:
    return _capital(_clean(sentence.text[sentence.lead :])) + "."


def said_statements(ctx: Context) -> list[tuple[Sentence, str, str, list[tuple[str, str, str]]]]:
    """(sentence, speaker, statement, fair altered copies) for every attributed sentence that names something
    or can be altered fairly."""
    latest = max((int(v) for v in _YEAR.findall(ctx.cleaned_text)), default=0)
    out = []
    for sentence in ctx.facts.sentences:
        speaker = ctx.facts.speaker(sentence)
        if not speaker or not ctx.facts.stands_alone(sentence) or sentence.section.kind not in {"body", "conclusion", "abstract"}:
            continue
        if _NOT_A_CLAIM.search(sentence.text.strip()):
            continue
        statement = _statement(sentence)
        if not MIN_WORDS <= word_count(statement) <= MAX_WORDS or not _balanced(statement) or not _quotable(statement):
            continue
        variants = [v for v in _variants(ctx, sentence, statement, latest) if _fair_variant(ctx, v, statement)]
        chosen: list[tuple[str, str, str]] = []
        per_element: dict[str, int] = {}
        for v in sorted(variants, key=lambda v: digest(ctx.reading_key, "said", v[0])):
            if per_element.get(v[2], 0) >= 2 or any(normalise_text(v[0]) == normalise_text(c[0]) for c in chosen):
                continue
            chosen.append(v)
            per_element[v[2]] = per_element.get(v[2], 0) + 1
        named = any(normalise_text(m.value) not in ctx.trivial for m in ctx.facts.mentions.get(sentence.start, []))
        if chosen or named:
            out.append((sentence, speaker, statement, chosen[:3]))
    return out


def _anchor(ctx: Context, sentence: Sentence, statement: str, changed: set[str]) -> str:
    """A name the statement keeps in every option, to tell this question's stem from the next one's."""
    for m in sorted(ctx.facts.mentions.get(sentence.start, []), key=lambda m: ctx.frequency(m.value)):
        if (
            m.kind in {"organisation", "programme", "system", "place", "person_role", "summit"}
            and m.surface in statement
            and not any(m.surface in c or c in m.surface for c in changed)
            and normalise_text(m.value) not in ctx.trivial
        ):
            return m.surface
    return ""


def _free_of_keys(ctx: Context, text: str) -> bool:
    """No short key of another question printed in the text (a statement long enough to be a key is its own sentence)."""
    norm = f" {normalise_text(text)} "
    return not any(f" {k} " in norm for k in ctx.keys_asked if k and len(k.split()) <= 6)


def build_said_questions(ctx: Context) -> list[QuestionDraft]:
    """Per attributed sentence with a name left unchanged, the sentence among two or three fair altered
    copies of it; and per speaker, two of their sentences as said among two others altered."""
    statements = said_statements(ctx)
    out: list[QuestionDraft] = []
    stems: set[str] = set()
    used: set[int] = set()
    for sentence, speaker, statement, wrong in statements:
        if len(wrong) < 2:
            continue
        anchor = _anchor(ctx, sentence, statement, {w[2] for w in wrong})
        stem = f"Which of these did {speaker} say about {anchor}, according to the reading?"
        if not anchor or stem in stems:
            continue
        stems.add(stem)
        used.add(sentence.start)
        draft = _base(
            ctx,
            sentence,
            QuestionType.SINGLE_CHOICE,
            ("said", sentence.start),
            stem=stem,
            answer={},
            topic=_topic(ctx, sentence),
            fact_key=_fact_key(ctx, sentence),
            title=f"Said: {statement[:60]}",
            meta={"speaker": speaker, "changes": [w[1] for w in wrong]},
        )
        _one_correct(draft, statement, [w[0] for w in wrong])
        notes = [
            f"a first-person sentence of {speaker}'s, as said",
            "wrong options: " + "; ".join(w[1] for w in wrong),
            "each wrong option checked against the whole reading",
        ]
        evidence = [w[2] for w in wrong if w[2]]
        quality = 0.68 + 0.03 * (len(wrong) == 3) + 0.03 * (len({w[2] for w in wrong}) > 1)
        out.append(
            _finish(draft, kind="supported", group=_sentence_group(ctx, sentence), quality=quality, notes=notes, evidence_any=evidence)
        )
    out += _select_all(ctx, [st for st in statements if st[0].start not in used] or statements)
    return out


def _select_all(ctx: Context, statements: list[tuple[Sentence, str, str, list[tuple[str, str, str]]]]) -> list[QuestionDraft]:
    """Two sentences of one speaker as said and two others altered (a figure or a name), none printing another question's key."""
    out: list[QuestionDraft] = []
    by_speaker: dict[str, list[tuple[Sentence, str, str, list[tuple[str, str, str]]]]] = {}
    for st in statements:
        by_speaker.setdefault(st[1], []).append(st)
    for speaker, items in by_speaker.items():
        items = sorted(items, key=lambda st: digest(ctx.reading_key, "said-all", st[0].start))
        alterable = [(st, v) for st in items if (v := next((v for v in st[3] if _free_of_keys(ctx, v[0])), None))]
        plain = [st for st in items if not st[3] and _free_of_keys(ctx, st[2])]
        # One per speaker: a second would repeat the stem word for word.
        if len(plain) >= 2 and len(alterable) >= 2:
            out.append(_select_all_draft(ctx, speaker, plain[:2], [(st[0], v) for st, v in alterable[:2]]))
    return out


def _select_all_draft(
    ctx: Context,
    speaker: str,
    true: list[tuple[Sentence, str, str, list[tuple[str, str, str]]]],
    false: list[tuple[Sentence, tuple[str, str, str]]],
) -> QuestionDraft:
    sentences = sorted([*(st[0] for st in true), *(f[0] for f in false)], key=lambda s: s.start)
    draft = _base(
        ctx,
        true[0][0],
        QuestionType.MULTIPLE_RESPONSE,
        ("said-all", speaker),
        stem=f"Which of these did {speaker} say, according to the reading? Select every one that applies.",
        answer={},
        topic=_topic(ctx, true[0][0]),
        fact_key=_fact_key(ctx, true[0][0]),
        title=f"Said (select all): {speaker}",
        meta={"speaker": speaker, "changes": [f[1][1] for f in false]},
    )
    draft.passage, draft.start, draft.end = joined_passage(ctx, sentences)
    _all_correct(draft, [st[2] for st in true], [f[1][0] for f in false])
    notes = [
        f"two first-person sentences of {speaker}'s, as said",
        "wrong options: other sentences of theirs altered (" + "; ".join(f[1][1] for f in false) + ")",
        "each wrong option checked against the whole reading",
    ]
    return _finish(
        draft,
        kind="supported",
        group=_sentence_group(ctx, true[0][0]),
        quality=0.66,
        notes=notes,
        evidence_any=[f[1][2] for f in false],
    )
