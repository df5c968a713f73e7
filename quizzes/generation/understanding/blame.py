# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the patterns must too
"""Whom a government holds responsible for an attack: "The UK government has officially attributed the June 2017
NotPetya cyber attack to the Russian government." -> "According to the reading, to whom did the UK government
attribute the June 2017 NotPetya cyber attack?" (typed in).

Attribution is what a reading on a cyber attack, a chemical attack or a bombing is about, and blind reviews 71 to 77
found the readings' questions asking for its date, its cost or the number of computers hit instead. Found by shape
only, precision first:

- "<who> [on <date>] [has] [officially|publicly|formally] attributed <the attack> to <actor>" (or "blamed <actor> for
  <the attack>", "accused <actor> of <the deed>"): the one who attributes
  is named (a government, its agencies, a minister), never a pronoun; the attack is a noun phrase of its own
  ("the June 2017 NotPetya cyber attack"), three to sixteen words, and it names no one the answer would give away;
- the actor is named: capitalised words, with the plain words a state's organs take ("the Russian government",
  "the Russian military", "the Syrian regime"); a bracketed gloss after it ("(Sluzhba vneshney razvedki: SVR)")
  gives the short form a student may type;
- typed in, not chosen: the fair wrong options (another state's service of the same era and kind) are not in the
  reading, and a country's government is accepted as the country ("Russia").
"""

from __future__ import annotations

import re

from quizzes.generation.builders import Context, QuestionDraft
from quizzes.generation.extract import is_demonym
from quizzes.generation.lexicon import countries
from quizzes.generation.text import Sentence, normalise_text, word_count
from quizzes.generation.understanding.sentences import _finish, _sentence_draft, _sentence_group
from quizzes.models import QuestionType

_NAME_WORD = r"[A-Z][\w.’'-]*"
_WHO = (
    rf"(?P<who>(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:and\s+)?{_NAME_WORD}){{0,4}}"
    r"(?:\s+(?:government|governments|intelligence\s+agencies|authorities|officials))?)"
)
_WHEN = r"(?:\s+on\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2},?)\s+\d{4},?)?"
# The plain words after a state's name that make it an organ of that state.
_ORGAN = r"(?:government|military|regime|state|intelligence\s+services?|security\s+services?)"
_ACTOR = rf"(?P<actor>(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}(?:\s+{_ORGAN})?)"
_ATTRIBUTED = re.compile(
    rf"^{_WHO}{_WHEN}\s+(?:has\s+|have\s+|had\s+)?(?:officially\s+|publicly\s+|formally\s+)?attributed\s+"
    rf"(?P<what>(?:the|a|an)\s+[^,;()]+?)\s+to\s+{_ACTOR}(?:\s+\((?P<gloss>[^()]*)\))?\s*(?:[.;,]|$)"
)
# "The UK government has publicly blamed Russia for the NotPetya malware attack that took place in June 2017."
_BLAMED = re.compile(
    rf"^{_WHO}{_WHEN}\s+(?:has\s+|have\s+|had\s+)?(?:officially\s+|publicly\s+|formally\s+)?blamed\s+{_ACTOR}"
    r"(?:\s+\((?P<gloss>[^()]*)\))?\s+for\s+(?P<what>(?:the|a|an)\s+[^,;()]+?)\s*(?:[.;,]|$)"
)
# "Later in March, the British government accused Russia of attempted murder and announced …" (review 89's reading on
# the Salisbury poisoning asked its date and the victim's career, never whom Britain accused).
_ACCUSED = re.compile(
    rf"^(?:(?:Later|Earlier)\s+in\s+[A-Z][a-z]+,\s+|In\s+[A-Z][a-z]+\s+\d{{4}},\s+)?{_WHO}{_WHEN}\s+(?:has\s+|have\s+|had\s+)?"
    rf"(?:officially\s+|publicly\s+|formally\s+)?accused\s+{_ACTOR}(?:\s+\((?P<gloss>[^()]*)\))?\s+of\s+"
    r"(?P<what>(?:the\s+|an?\s+)?[a-z][^,;()]+?)(?=\s+and\s+[a-z]+ed\b|\s*[.;,]|$)"
)
# "The terrorist group Islamic State-Khorasan claimed responsibility for the dual suicide blasts outside Kabul's airport
# Thursday that killed 13 …" (review 91's readings on the Kabul airport attack never asked who claimed it).
_CLAIMED = re.compile(
    r"^(?:The\s+)?(?:(?:terrorist|militant|extremist|jihadist|armed|rebel)\s+)?(?:group\s+|organi[sz]ation\s+|militia\s+|movement\s+)?"
    rf"(?P<actor>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})(?:\s+(?:terrorist\s+)?(?:group|organi[sz]ation|militia|movement))?"
    r"\s+(?:has\s+|had\s+)?claimed\s+responsibility\s+for\s+(?P<what>(?:the|a|an)\s+[^,;()]+?)(?=\s+(?:that|which)\s|\s*[,.;]|$)"
)
_PRONOUN_WHO = {"It", "They", "We", "He", "She", "This", "That"}
_SHORT_FORM = re.compile(r"(?:^|[:;,]\s*)(?P<short>[A-Z]{2,8})\s*$")


def _accepted(actor: str, gloss: str | None) -> list[str]:
    """The actor as written (without "the"), its short form from the gloss, and for a state's organ the state."""
    name = re.sub(r"^the\s+", "", actor)
    out = [name]
    if gloss and (short := _SHORT_FORM.search(gloss)):
        out.append(short.group("short"))
    words = name.split()
    if len(words) == 2 and re.fullmatch(_ORGAN, words[1]) and is_demonym(words[0]):
        # "the Russian government" -> "Russia": the country whose demonym starts like it.
        state = next((c for c in sorted(set(countries().values())) if c.startswith(words[0][:4]) and len(c) >= 4), "")
        if state:
            out.append(state)
    return list(dict.fromkeys(out))


def build_blame_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or not ctx.facts.stands_alone(sentence):
            continue
        text = sentence.text[sentence.lead :]
        claimed = _CLAIMED.search(text)
        if claimed is not None and claimed.group("actor").split()[0] not in _PRONOUN_WHO | {"An", "A", "Its", "Their"}:
            out += _claimed_question(ctx, sentence, claimed)
            continue
        found = _ATTRIBUTED.search(text) or _BLAMED.search(text) or _ACCUSED.search(text)
        if found is None or found.group("who").split()[0] in _PRONOUN_WHO:
            continue
        who, what, actor = found.group("who"), found.group("what"), found.group("actor")
        if not (2 if found.re is _ACCUSED else 3) <= word_count(what) <= 16:
            continue
        accepted = _accepted(actor, found.group("gloss"))
        if any(normalise_text(a) in normalise_text(what) or normalise_text(a) in normalise_text(who) for a in accepted):
            continue  # "attributed the Russian hacking campaign to the Russian government": the stem answers itself
        subject = who[:1].lower() + who[1:] if who.startswith("The ") else who
        draft = _sentence_draft(
            ctx,
            sentence,
            QuestionType.SHORT_ANSWER,
            ("blame", sentence.start),
            stem=(
                f"According to the reading, to whom did {subject} attribute {what}?"
                if found.re is _ATTRIBUTED
                else f"According to the reading, whom did {subject} blame for {what}?"
                if found.re is _BLAMED
                else f"According to the reading, whom did {subject} accuse of {what}?"
            ),
            answer={"accepted": accepted},
            title=f"Attribution: {accepted[0]}",
        )
        notes = ["who is held responsible for an attack, as the reading says", "typed in: the actor and its short forms"]
        out.append(_finish(draft, kind="deeds", group=_sentence_group(ctx, sentence), quality=0.74, notes=notes, evidence_any=accepted))
    return out


def _claimed_question(ctx: Context, sentence: Sentence, claimed: re.Match[str]) -> list[QuestionDraft]:
    """ "Who claimed responsibility for <the attack>?", typed in: the group as written and the reading's short forms of it."""
    actor, what = claimed.group("actor"), claimed.group("what")
    if not 3 <= word_count(what) <= 16 or normalise_text(actor) in normalise_text(what):
        return []
    accepted = [actor, *sorted(ctx.forms.get(normalise_text(actor), ()))]
    draft = _sentence_draft(
        ctx,
        sentence,
        QuestionType.SHORT_ANSWER,
        ("claimed", sentence.start),
        stem=f"According to the reading, who claimed responsibility for {what}?",
        answer={"accepted": list(dict.fromkeys(accepted))},
        title=f"Claimed: {actor}",
    )
    notes = ["who claimed an attack, as the reading says", "typed in: the group and its short forms"]
    return [_finish(draft, kind="deeds", group=_sentence_group(ctx, sentence), quality=0.74, notes=notes, evidence_any=accepted)]
