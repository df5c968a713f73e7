"""5. Who is bound by a treaty obligation ("Each Party to the Treaty undertakes ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _one_correct
from quizzes.generation.text import Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _STOP,
    _balanced,
    _clean,
    _finish,
    _sentence_draft,
    _sentence_group,
    fragment_stands_alone,
)
from quizzes.models import QuestionType

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
        draft = _sentence_draft(
            ctx,
            o.sentence,
            QuestionType.SINGLE_CHOICE,
            ("obligation", o.sentence.start),
            stem=f"According to the reading, who undertakes {o.action}?",
            answer={},
            title=f"Obligation: {o.who}",
        )
        _one_correct(draft, o.who, sorted(others, key=lambda p: digest(ctx.reading_key, "obligation", p))[:3])
        notes = ["treaty obligation on a named class of parties", "wrong options: the treaty's other parties"]
        out.append(_finish(draft, kind="rule", group=_sentence_group(ctx, o.sentence), quality=0.8, notes=notes, evidence_any=[o.who]))
    return out
