# ruff: noqa: RUF001 - the readings use typographic apostrophes and dashes, so the patterns must too
"""Alternatives a section lays out one by one, each with what the reading says it would bring or depend on.

An analytical text that weighs outcomes names them in turn ("One possible scenario is a negotiated ceasefire, in
which …"; "Another potential scenario is a prolonged war of attrition …"; "A third scenario involves …") and, in
the same paragraph, says what each would bring: "However, this scenario carries significant risks, as an increased
allied footprint could provoke a drastic response"; "this outcome depends on sustained Western unity". Pairing each
alternative with its consequence is reading the argument. At least three alternatives in one section make a
matching question ("Match each scenario to the consequence or condition the reading gives for it."), and a
consequence (a modal: would, could, may) a single choice among the alternatives' names ("Which of these scenarios
does the reading say could provoke a drastic response?").

Blind review 16 turned down scenarios asked by descriptions that paraphrase them ("a settlement that freezes the
conflict" for a ceasefire), so only what the reading says *about* an alternative is taken, never what it *is*:

- a sentence is taken only when it points back at the alternative ("this scenario", "this outcome", "in this
  scenario", or "it" right after a sentence about it) inside the alternative's own paragraph;
- a predicate that describes the alternative ("would involve", "is", "means") is not a consequence;
- "carries significant risks, as X could Y" keeps the risk "could Y" when X restates the alternative (shares a
  word with its name), and a bare "presents risks" is no consequence at all;
- a consequence sharing a word or stem with its alternative's name ("sustain prolonged resistance" for "a
  prolonged war of attrition") is cut to its core, or left out: the shared word would give the pair away.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, joined_passage, quote
from quizzes.generation.text import Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    DISCOURSE_OPENERS,
    _capital,
    _clean,
    _content,
    _fact_key,
    _finish,
    _subject,
    _topic,
    fragment_stands_alone,
    matching_draft,
)
from quizzes.models import QuestionType

_NOUNS = r"scenario|option|possibility|path|pathway|outcome|alternative"
# "One possible scenario is X, in which …", "Another possibility is X", "A third scenario involves X", "The final
# option would be X": an alternative named in turn. The name ends where its description begins.
_OPENER = re.compile(
    r"^(?:One|Another|An?\s+(?:second|third|fourth|fifth|final|further|last)|The\s+(?:first|second|third|fourth|fifth|final|last))"
    r"(?:\s+(?:possible|potential|plausible|likely|alternative|conceivable))?\s+(?P<noun>" + _NOUNS + r")\s+"
    r"(?:is|would be|involves|would involve|entails|envisages|envisions)\s+"
    r"(?P<name>(?!to\s|that\s|for\s)[^,;:()]+?)"
    r"(?=,|\s+(?:in which|where|whereby|under which|through which|that|which|with|as)\b|\.?$)"
)
# A sentence pointing back at the alternative: its predicate ("this scenario carries …") or its whole clause
# ("In this scenario, Ukraine's ability … would depend on …").
_THIS = r"(?:[Tt]his|[Ss]uch an?|[Tt]hat)\s+(?:" + _NOUNS + r"|approach|arrangement)"
_POINTS_BACK = re.compile(r"^" + _THIS + r"\s+(?P<pred>[a-z].+)$")
_IN_THIS = re.compile(r"^(?:In|Under)\s+" + _THIS + r",\s+(?P<clause>.+)$")
_IT = re.compile(r"^It\s+(?P<pred>(?:would|could|may|might|will|can)\s+(?:also\s+)?[a-z]+\b.*)$")
_MODAL = r"(?:would|could|may|might|will|can)"
# A common-noun subject ("A drawn-out conflict", "Freezing the conflict without …"), never a name, then a modal.
_RESTATED = re.compile(
    r"^(?P<subj>(?:(?:A|An|The)\s+[a-z][\w’'-]*|[A-Z][a-z]+ing\s+(?:the|a|an)\s+[a-z][\w’'-]*)(?:\s+[\w’'.-]+){0,6}?)\s+"
    r"(?P<pred>(?:would|could|may|might|will)\s+[a-z].+)$"
)
# What the alternative is, not what it brings: "would likely involve a formal recognition of …", "is a …".
_DESCRIBES = re.compile(
    r"^(?:(?:" + _MODAL + r")\s+(?:\w+ly\s+)?(?:involve|include|entail|mean|see|be|consist|require\s+that)|is|was|are|"
    r"involves|includes|entails|means|sees|consists|remains|seems|appears)\b"
)
# "carries significant risks", "presents serious challenges": a consequence only with its reason ("…, as X could Y").
_RISK = re.compile(
    r"^(?:carries|presents|poses|entails|raises|has)\s+(?:\w+\s+){0,2}?(?:risks?|dangers?|challenges?|drawbacks?|concerns?)"
    r"(?:\s+for\s+[\w’' -]+?)?(?P<rest>,?\s+(?:as|because|since)\s+.+)?$"
)
_REASON = re.compile(r"^,?\s+(?:as|because|since)\s+(?P<subj>.+?)\s+(?P<vp>" + _MODAL + r"\s+[a-z].+)$")
# What an option leaves out: a trailing example, elaboration or consequence of the consequence.
_TAIL = re.compile(
    r"(?:,\s+(?:including|such as|especially|particularly|which|while|(?:(?:further|thereby|potentially|possibly|also|even)\s+)?[a-z]+ing)\b"
    r"|\s+as well as\b|\s+\((?!\w+\)).*|\s+[-–—]\s).*$"
)
# A trailing "in maintaining …", "by keeping …": how, not what.
_HOW = re.compile(r"\s+(?:in|by|through|while)\s+[a-z]+ing\b.*$")
_STEM_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_SHOWN_NOUN = {"possibility": "possibility", "outcome": "outcome", "path": "path", "pathway": "path"}
MIN_ALTERNATIVES = 3
MAX_PAIRS = 5
MAX_WORDS = 14


@dataclass
class _Consequence:
    text: str
    sentence: Sentence
    modal: bool  # a "would / could / may …" predicate: a single choice can ask which alternative it belongs to
    explicit: bool  # said of "this scenario" or "it", not of a subject restating the alternative


@dataclass
class _Alternative:
    name: str
    opener: Sentence
    consequences: list[_Consequence] = field(default_factory=list)

    def for_matching(self) -> _Consequence | None:
        """The first consequence the reading writes word for word (a matching shows its sides as written)."""
        return next((c for c in self.consequences if normalise_text(c.text) in normalise_text(c.sentence.text)), None)

    def for_choice(self) -> _Consequence | None:
        """The first consequence said of the alternative itself: a restated subject ("a drawn-out conflict") is
        the reader's inference, fair to pair one to one but not to single out among the other alternatives."""
        return next((c for c in self.consequences if c.modal and c.explicit), None)


def _paragraph(sentence: Sentence) -> int:
    """Which paragraph of its section the sentence is in (paragraph breaks are blank lines)."""
    return sentence.section.text.count("\n\n", 0, sentence.start - sentence.section.start)


def _stems(text: str) -> set[str]:
    """Five letters of every content word: loose on purpose ("annexation" / "annexing"), since a shared stem only
    ever leaves a pair out."""
    return {w[:5] for w in _content(text)} | {w.lower()[:5] for w in _STEM_WORD.findall(text) if w[:1].isupper() and len(w) > 3}


def _common_stems(text: str) -> set[str]:
    """Six letters of every lower-case content word (no name): strict, since a shared one takes a sentence in."""
    lower = {w for w in _STEM_WORD.findall(text) if w[:1].islower()}
    return {w[:6] for w in _content(text) if w in lower}


def _overlap(sa: set[str], sb: set[str]) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in sa for y in sb if min(len(x), len(y)) >= 4)


def _shares_word(a: str, b: str) -> bool:
    """Whether two texts share a content word or its stem ("prolonged" / "prolong", "Russia" / "Russian")."""
    return _overlap(_stems(a), _stems(b))


def _core(text: str) -> str:
    return _clean(_TAIL.sub("", text))


def _consequence(alt: _Alternative, pred: str) -> tuple[str, bool] | None:
    """What a predicate about the alternative says it brings or needs, short and standing alone; None when it
    describes the alternative, names no consequence or cannot be shown without a word of its name."""
    pred = re.sub(r"^(" + _MODAL + r")\s+also\s+", r"\1 ", _clean(pred))
    pred = re.sub(r"^also\s+", "", pred)
    if _DESCRIBES.match(pred):
        return None
    if risk := _RISK.match(pred):
        reason = _REASON.match(risk.group("rest") or "")
        if reason is None:
            return None  # "presents significant risks for Ukraine": which risks, the reading says elsewhere or not at all
        subj, pred = reason.group("subj"), reason.group("vp")
        if not _shares_word(subj, alt.name) and not _overlap(_common_stems(subj), _common_stems(_clean(alt.opener.text))):
            pred = f"{subj} {pred}"  # the risk's own subject ("Russia could respond …") stays
    text = _core(pred)
    if _shares_word(text, alt.name):
        text = _clean(_HOW.sub("", text))
    if _shares_word(text, alt.name) or not 3 <= word_count(text) <= MAX_WORDS or not fragment_stands_alone(text):
        return None
    return _capital(text), bool(re.match(_MODAL + r"\s", text))


def _predicate(ctx: Context, alt: _Alternative, previous: Sentence, text: str) -> tuple[str, bool] | None:
    """What a sentence of the alternative's paragraph says of it, and whether it names it ("this scenario", "it")."""
    if m := _POINTS_BACK.match(text):
        return m.group("pred"), True
    if m := _IN_THIS.match(text):
        return m.group("clause"), True
    if (m := _IT.match(text)) and _subject(ctx, previous) is None:
        # "It would also validate …" right after a sentence whose subject is no name: "it" is the alternative (or
        # its restatement); after "Russia, believing …" it would be Russia.
        return m.group("pred"), True
    # "A drawn-out conflict would have …" in the paragraph of "a prolonged war …, in which the conflict continues":
    # a common-noun subject sharing a word with the alternative's name or description restates it.
    if (m := _RESTATED.match(text)) and _overlap(_common_stems(m.group("subj")), _common_stems(_clean(alt.opener.text))):
        return m.group("pred"), False
    return None


def _alternatives(ctx: Context) -> list[tuple[str, list[_Alternative]]]:
    """Per section with at least three alternatives named in turn: its noun ("scenario") and the alternatives,
    each with the consequences its paragraph gives for it."""
    by_section: dict[int, list[tuple[Sentence, str, str]]] = {}
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"}:
            continue
        found = _OPENER.match(DISCOURSE_OPENERS.sub("", _clean(sentence.text)))
        if found and 1 <= word_count(found.group("name")) <= 7 and fragment_stands_alone(found.group("name")):
            by_section.setdefault(sentence.section.start, []).append((sentence, found.group("noun"), _capital(found.group("name"))))
    out: list[tuple[str, list[_Alternative]]] = []
    for openers in by_section.values():
        if len(openers) < MIN_ALTERNATIVES:
            continue
        names = [normalise_text(n) for _, _, n in openers]
        if len(set(names)) < len(names):
            continue
        nouns = Counter(noun for _, noun, _ in openers)
        # A quiz's "options" are its choices: an alternative the reading calls an option is asked as an alternative.
        noun = "scenario" if "scenario" in nouns else _SHOWN_NOUN.get(nouns.most_common(1)[0][0], "alternative")
        alternatives = [_Alternative(name, sentence) for sentence, _, name in openers]
        starts = {a.opener.start for a in alternatives}
        section_start = alternatives[0].opener.section.start
        sentences = [s for s in ctx.facts.sentences if s.section.start == section_start]
        for alt in alternatives:
            paragraph = _paragraph(alt.opener)
            previous = alt.opener
            for sentence in sentences:
                if sentence.start <= alt.opener.start:
                    continue
                if sentence.start in starts or _paragraph(sentence) != paragraph:
                    break
                found_pred = _predicate(ctx, alt, previous, DISCOURSE_OPENERS.sub("", _clean(sentence.text)))
                previous = sentence
                if found_pred is None:
                    continue
                got = _consequence(alt, found_pred[0])
                if got is not None:
                    alt.consequences.append(_Consequence(got[0], sentence, got[1], found_pred[1]))
        out.append((noun, alternatives))
    return out


def _single_choices(ctx: Context, noun: str, alternatives: list[_Alternative], group: str) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    for alt in alternatives:
        consequence = alt.for_choice()
        if consequence is None:
            continue
        others = [a.name for a in alternatives if a is not alt]
        pred = consequence.text[:1].lower() + consequence.text[1:]
        draft = _base(
            ctx,
            consequence.sentence,
            QuestionType.SINGLE_CHOICE,
            ("scenario-consequence", alt.opener.start, consequence.sentence.start),
            stem=f"Which of these {noun}s does the reading say {pred}?",
            answer={},
            topic=_topic(ctx, alt.opener),
            fact_key=_fact_key(ctx, alt.opener),
            title=f"{_capital(noun)}: {alt.name}",
        )
        draft.passage, draft.start, draft.end = joined_passage(ctx, [alt.opener, consequence.sentence])
        draft.explanation = "The reading says: " + " … ".join(f"“{quote(s)}”" for s in (alt.opener, consequence.sentence))
        _one_correct(draft, alt.name, others)
        notes = [f"a consequence the reading gives for one {noun} it lays out", f"options: the section's other {noun}s"]
        out.append(_finish(draft, kind="matching", group=group, quality=0.72, notes=notes, evidence_any=[alt.name]))
    return out


def build_scenario_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    for noun, alternatives in _alternatives(ctx):
        paired = [(a, c) for a in alternatives if (c := a.for_matching()) is not None][:MAX_PAIRS]
        # Every alternative with its consequence, each consequence its own: otherwise no question of the section.
        if len(paired) < MIN_ALTERNATIVES or len({normalise_text(c.text) for _, c in paired}) < len(paired):
            continue
        first = alternatives[0].opener
        group = digest(ctx.reading_key, "scenarios", first.start, length=16)
        stem = f"Match each {noun} to the consequence or condition the reading gives for it."
        draft = matching_draft(ctx, f"scenarios-{first.start}", [(a.name, c.text, a.opener) for a, c in paired], stem)
        # The passage and the explanation carry both the sentence naming each alternative and the one about it.
        sentences = sorted({s.start: s for a, c in paired for s in (a.opener, c.sentence)}.values(), key=lambda s: s.start)
        draft.passage, draft.start, draft.end = joined_passage(ctx, sentences)
        draft.explanation = "The reading says: " + " … ".join(f"“{quote(s)}”" for s in sentences)
        notes = [f"{len(paired)} {noun}s the reading lays out, each with what the reading says it brings or needs"]
        out.append(_finish(draft, kind="matching", group=group, quality=0.75, notes=notes))
        out += _single_choices(ctx, noun, alternatives, group)
    return out
