# ruff: noqa: RUF001, RUF002, RUF003 - the readings use typographic apostrophes, so the patterns, docstrings and comments must too
"""The sides of a debate: "According to the reading, why do some NATO members, particularly those in Eastern Europe,
strongly support Ukraine’s membership?" (To counter Russian influence. / To gain more say in Alliance decisions. / To
protect minorities across their borders. / To gain access to critical minerals.)

Analytical papers set out a division among the members of a group: one side supports something for a purpose,
the others remain cautious for reasons of their own, given in the same sentence or the one right after it.

    While some NATO members, particularly those in Eastern Europe, strongly support Ukraine’s membership to counter
    Russian influence, others remain cautious. Countries like Germany and France have expressed concerns about the
    risks of further antagonizing Russia and the potential costs of defending Ukraine under NATO’s collective
    security obligations.

The sides sentence is "While / Whereas / Although some <members> [, particularly those in <region>,] [strongly]
support / back / favour / advocate for <something> to <purpose>, others remain cautious / sceptical / hesitant /
wary / reluctant / opposed [, fearing <reasons>]"; the cautious side's reasons are that "fearing" clause, or the
next sentence of the paragraph when it is "Countries / Members / Allies like / such as <countries> have expressed
concerns / reservations / doubts about <reasons>" (the countries named as the others: nothing else comes between).
Those reasons make it a debate and are quoted in the passage.

The key is the supporters' purpose as the reading writes it ("To counter Russian influence."). The wrong options are
reasons a state might well have for supporting that kind of thing, from the pack (``rules.json`` "debates"
"support_purposes": sharing the burden of defence, markets for arms makers, a say in the Alliance's decisions …),
each offered only where the reading says nothing of it anywhere (none of its "marks" matches the reading), so it is
surely not the reading's reason, and never one of the key's theme ("themes" matched on the key: "To counter Russian
influence." is of the adversary theme, so "To keep hostile forces away from their borders." is not offered): the
three are of three other themes. The cautious side's concerns are not options: "To avoid the risks of antagonizing
Russia." is no reason to support anything, so logic alone rules it out.

Not asked, after trying: who holds the cautious side, with members of the supporters' region as wrong options. "Some
members, particularly those in Eastern Europe" does not place every member of the region on that side (a reading
naming Hungary, whose caution is well known, would make it a wrong option that is not surely wrong), and the named
countries are often keys of other questions, so such a select-all ties their exclusion groups together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from core.text.citations import strip_citations
from quizzes.generation.builders import Context, QuestionDraft, _one_correct, joined_passage, quote
from quizzes.generation.lexicon import countries
from quizzes.generation.text import Sentence, normalise_text
from quizzes.generation.understanding.sentences import (
    _balanced,
    _capital,
    _finish,
    _sentence_draft,
    _sentence_group,
    fragment_stands_alone,
    reading_names_any,
)
from quizzes.models import QuestionType

# "some NATO members", "some European governments", "some Allies": the group the two sides belong to.
_GROUP = r"(?P<group>(?:[A-Z][\w’'-]*\s+)?(?:members|member\s+states|[Aa]llies|countries|states|governments|nations|capitals))"
# ", particularly those in Eastern Europe,": the supporters by region.
_REGION = (
    r"(?:,\s+(?:particularly|especially|notably|mainly|mostly|chiefly)\s+those\s+(?:in|of|from)\s+"
    r"(?P<region>(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}),)?"
)
_SUPPORT = (
    r"(?P<adverb>(?:strongly|firmly|actively|openly|vocally|fully|staunchly)\s+)?"
    r"(?P<verb>support|back|favou?r|advocate\s+for|champion|push\s+for|endorse)"
)
_CAUTION = r"(?:cautious|sceptical|skeptical|hesitant|wary|reluctant|opposed|unconvinced)"
_SIDES = re.compile(
    rf"^(?:While|Whereas|Although|Though)\s+some\s+{_GROUP}{_REGION}\s+{_SUPPORT}\s+(?P<thing>[^,]+?)"
    r"(?:\s+(?:in\s+order\s+)?to\s+(?P<purpose>[a-z][^,]+?))?,\s+(?:while\s+)?others\s+"
    rf"(?:remain|are|have\s+remained|have\s+been|stay)\s+(?:more\s+|deeply\s+|increasingly\s+)?{_CAUTION}"
    r"(?:,\s+(?:fearing|citing|worried\s+about|concerned\s+about|wary\s+of)\s+(?P<fear>[^,]+?))?\.?$"
)
# "support efforts to rebuild …", "back plans to expand …": the noun takes the "to", which is then no purpose.
_TO_NOUNS = {
    "efforts",
    "effort",
    "plans",
    "plan",
    "attempts",
    "attempt",
    "proposals",
    "proposal",
    "moves",
    "move",
    "calls",
    "call",
    "bid",
    "bids",
    "decision",
    "commitment",
    "right",
    "pledge",
    "pledges",
    "push",
    "drive",
    "steps",
    "measures",
}
# "Countries like Germany and France have expressed concerns about …": the others, named in the next sentence.
_NAMED = re.compile(
    r"^(?:Countries|Members|States|Allies|Governments|Capitals|Nations)\s+(?:like|such\s+as)\s+(?P<list>.+?)\s+"
    r"have\s+(?:(?:also|repeatedly|publicly|openly|long)\s+)?(?:expressed|voiced|raised)\s+"
    r"(?:concerns|reservations|doubts|fears|worries)\s+(?:about|over|regarding)\s+(?P<reasons>.+?)\.?$"
)
# "the risks of …", "the potential costs of …", "the strategic implications of …": a downside of the thing supported.
_DOWNSIDE = re.compile(r"^the\s+(?:[a-z-]+\s+){0,2}(?:risks?|costs?|dangers?|burdens?|implications|consequences|price|expense)\s+of\s+\S")
MIN_WRONG = 2
WRONG_OPTIONS = 3
MAX_REASON_WORDS = 16
DEBATE_QUALITY = 0.72


@dataclass(frozen=True)
class Debate:
    sentences: tuple[Sentence, ...]  # the sides sentence, and the one naming the others when their reasons are there
    group: str  # "NATO members"
    region: str  # "Eastern Europe" (the supporters'), or ""
    support: str  # "strongly support Ukraine’s membership"
    thing: str  # "Ukraine’s membership": what the pack's purposes must fit
    purpose: str  # "counter Russian influence"
    reasons: tuple[str, ...]  # the cautious side's: "the risks of further antagonizing Russia", …


def _plain(sentence: Sentence) -> str:
    return " ".join(strip_citations(sentence.text[sentence.lead :]).split()).strip()


def _only_countries(listed: str) -> bool:
    """ "Germany and France", "the United Kingdom, Italy and Spain": nothing but country names."""
    parts = [re.sub(r"^the\s+", "", p.strip()) for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed) if p.strip()]
    return len(parts) >= 2 and all(p in countries() for p in parts)


def _reasons(text: str) -> tuple[str, ...]:
    """ "the risks of A and the potential costs of B" -> both; () unless each is a downside of something, standing alone.

    Only "the (…) risks / costs / dangers / burdens / implications / consequences of …": the price the cautious side sees
    in the thing supported, so the two sides are for and against that very thing and the supporters' purpose is why
    they back it. A bare "escalation" or "instability" is not taken: supporters may well back the thing to avoid that
    too (deterrence), and then the sides need not disagree about it.
    """
    items = [r.strip() for r in re.split(r"\s+and\s+(?=the\s)", text.strip())]
    for item in items:
        if len(item.split()) > MAX_REASON_WORDS or not _DOWNSIDE.match(item) or not fragment_stands_alone(item) or not _balanced(item):
            return ()
    return tuple(items)


def find_debates(ctx: Context) -> list[Debate]:
    """Every debate the reading sets out with the supporters' purpose and the cautious side's reasons, in reading order."""
    sentences = [s for s in ctx.facts.sentences if s.section.kind in {"body", "conclusion", "abstract"}]
    out: list[Debate] = []
    for at, first in enumerate(sentences):
        sides = _SIDES.match(_plain(first))
        if sides is None or not sides.group("purpose"):
            continue
        thing, purpose = sides.group("thing"), sides.group("purpose")
        if thing.split()[-1].lower() in _TO_NOUNS or not fragment_stands_alone(thing) or not fragment_stands_alone(purpose):
            continue
        used: tuple[Sentence, ...] = (first,)
        reasons = _reasons(sides.group("fear")) if sides.group("fear") else ()
        following = sentences[at + 1] if at + 1 < len(sentences) else None
        if not reasons and following is not None and following.section is first.section and following.index == first.index + 1:
            named = _NAMED.match(_plain(following))
            if named is not None and _only_countries(named.group("list")):
                reasons, used = _reasons(named.group("reasons")), (first, following)
        if len(reasons) < MIN_WRONG:
            continue
        support = (sides.group("adverb") or "") + sides.group("verb") + " " + thing
        out.append(Debate(used, sides.group("group"), sides.group("region") or "", support, thing, purpose, reasons))
    return out


@dataclass(frozen=True)
class _Purpose:
    text: str  # "To gain more say in Alliance decisions."
    theme: str  # "influence"
    marks: tuple[str, ...]  # any of them in the reading: the reading speaks of it, so it is no sure wrong option


@lru_cache(maxsize=128)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _pack_debates(ctx: Context) -> list[dict[str, Any]]:
    return [d for pack in ctx.facts.packs if isinstance(d := pack.rules.get("debates"), dict)]


def _key_themes(ctx: Context, key: str) -> set[str]:
    """The themes whose marks the key's text matches ("To counter Russian influence." -> adversary)."""
    return {
        theme
        for data in _pack_debates(ctx)
        for theme, marks in (data.get("themes") or {}).items()
        if any(m.search(key) for m in _compiled(tuple(marks)))
    }


def _support_purposes(ctx: Context, thing: str) -> list[_Purpose]:
    """The pack's reasons for supporting this kind of thing ("Ukraine’s membership": membership), in pack order."""
    out: list[_Purpose] = []
    for data in _pack_debates(ctx):
        for kind in data.get("support_purposes") or []:
            if any(m.search(thing) for m in _compiled(tuple(kind.get("things") or ()))):
                out.extend(_Purpose(str(p["text"]), str(p["theme"]), tuple(p.get("marks") or ())) for p in kind.get("purposes") or [])
    return out


def _wrong_purposes(ctx: Context, thing: str, key: str) -> list[str]:
    """Three pack purposes the reading gives nowhere, of three themes, none the key's; [] when there are not three.

    A key of no known theme gives none: nothing then says that a pack purpose does not mean what the key means.
    """
    themes = _key_themes(ctx, key)
    if not themes:
        return []
    out: list[str] = []
    used = set(themes)
    for purpose in _support_purposes(ctx, thing):
        if purpose.theme in used or reading_names_any(ctx, purpose.marks):
            continue
        used.add(purpose.theme)
        out.append(purpose.text)
        if len(out) == WRONG_OPTIONS:
            return out
    return []


def build_debate_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    for debate in find_debates(ctx):
        first = debate.sentences[0]
        region = f", particularly those in {debate.region}," if debate.region else ""
        key = _capital(f"to {debate.purpose}") + "."
        others = _wrong_purposes(ctx, debate.thing, key)
        if not others or any(normalise_text(o) == normalise_text(key) for o in others):
            continue
        draft = _sentence_draft(
            ctx,
            first,
            QuestionType.SINGLE_CHOICE,
            ("debate", first.start),
            stem=f"According to the reading, why do some {debate.group}{region} {debate.support}?",
            answer={},
            title=f"Why support: {debate.support[:60]}",
            explanation="The reading says: " + " … ".join(f"“{quote(s)}”" for s in debate.sentences),
        )
        # Both sentences are the passage when the second gives the cautious side's reasons: the wrong options are there.
        draft.passage, draft.start, draft.end = joined_passage(ctx, list(debate.sentences))
        _one_correct(draft, key, others)
        draft.explanation += " The other options are reasons a state might have for such support, but the reading gives none of them."
        notes = ["the purpose the reading gives for one side of a debate", "wrong options: pack purposes the reading gives nowhere"]
        out.append(
            _finish(
                draft, kind="debate", group=_sentence_group(ctx, first), quality=DEBATE_QUALITY, notes=notes, evidence_any=[debate.purpose]
            )
        )
    return out
