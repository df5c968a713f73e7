"""What a reading says is required, and why: "According to the reading, which critical elements must a long-term
strategy for the region integrate? Select all that apply."; "Why, according to the reading, is it imperative for NATO
and the EU to help Ukraine reduce its dependence on Russian fossil fuels?"

1. The lines a strategy must combine, listed after a colon: "A long-term strategy for the region must integrate several
   critical elements: military deterrence, economic stabilization, institutional reforms, and sustained diplomatic
   engagement." -> "According to the reading, which critical elements must a long-term strategy for the region
   integrate? Select all that apply.", the keys the listed lines and the wrong options other lines of effort of a
   security strategy (the pack's ``strategy_elements`` in ``rules.json``: economic sanctions, regime change …).
2. Why something is imperative: "Russia has historically weaponized energy supply disruptions as a geopolitical tool,
   making it imperative for NATO and the EU to help Ukraine reduce its dependence on Russian fossil fuels by …" ->
   "Why, according to the reading, is it imperative for NATO and the EU to help Ukraine reduce its dependence on Russian
   fossil fuels?", the key the clause before ", making it …" and the wrong options plausible reasons of the need's theme
   that the reading never gives (the pack's ``need_reasons``: "EU climate targets require candidate countries to stop
   importing fossil fuels", "The North Atlantic Treaty forbids the Allies to buy energy from Russia" …).

A list run into its sentence after a colon is no list of paragraphs, so ``structure_lists`` does not see it; and a blank
on one item was turned down as a detail of a known list (``review``: cloze_in_a_list). The sentence's own announcement
("several critical elements:") closes the list, so every listed line is a key and a line it leaves out is surely no
element in the reading's terms. A result clause ", making it imperative for X to Y" has no causal marker ``causes``
reads, yet says what makes Y needed: the argument of the sentence.

Precision first, found by shape only:

- the lead-in is a subject, a modal or a present verb ("must integrate", "rests on", "combines"), a count ("several",
  "three", "the following") and a plural noun, then the colon; the sentence stands alone;
- three to six items, each one to four lower-case words (no name, no figure, no "and" inside an item: "military and
  strategic integration" could be split two ways);
- at least two items are lines of the pack (that is what makes the other lines the items' fine category);
- a wrong line shares no word with the sentence and is named nowhere in the reading, nor any of its words in the
  list's section: a line the reading names may be part of the strategy there;
- a need is one of necessity (imperative, essential, necessary, vital, crucial), its reason a clause with a verb that
  stands alone, and the stem stops before the need's means ("by investing in …"), which is no part of why;
- the wrong reasons are of the theme the need clause is of (other sentences of the reading are no reasons at all, and
  reviewers turned them down as such); a reason is offered only when none of its marks is found anywhere in the
  reading, which might give it; no theme matching the need means no question.
"""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.builders import Context, QuestionDraft, _one_correct, quote
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, us_spelling
from quizzes.generation.understanding.causes import _cause_ok
from quizzes.generation.understanding.sentences import (
    _IRREGULAR_PAST,
    DISCOURSE_OPENERS,
    _capital,
    _clean,
    _finish,
    _lower_first,
    _sentence_draft,
    _sentence_group,
    fragment_stands_alone,
    reading_names_any,
)
from quizzes.generation.understanding.structure import set_select_all
from quizzes.models import QuestionType

MIN_ITEMS, MAX_ITEMS = 3, 6
MAX_ITEM_WORDS = 4
MIN_PACK_ITEMS = 2
WRONG_OPTIONS = 3
MIN_WRONG = 2

_COUNT = r"several|a\s+few|a\s+number\s+of|the\s+following|two|three|four|five|six"
_LEAD = re.compile(
    r"^(?P<subject>[A-Z][^:;,()]*?)\s+(?:(?P<modal>must|should|will|would|can|could)\s+(?:also\s+)?(?P<base>[a-z]+)"
    r"|(?P<present>[a-z]{3,}s))(?P<particle>\s+(?:on|upon|of))?\s+(?:" + _COUNT + r")\s+"
    r"(?P<noun>(?:[a-z-]+\s+){0,2}[a-z]+s)\s*:\s*(?P<list>[^:;]+)$"
)
# Words that make an item no plain line of effort: a pronoun or determiner points elsewhere.
_NOT_IN_ITEM = {"its", "their", "his", "her", "our", "this", "these", "that", "those", "the", "a", "an", "it", "they"}


def _elements(ctx: Context) -> list[tuple[str, list[str]]]:
    """(line, its spellings) of every pack that reads the reading."""
    out: dict[str, list[str]] = {}
    for pack in ctx.facts.packs:
        found: dict[str, Any] = pack.rules.get("strategy_elements") or {}
        for entry in found.get("elements", []):
            term = str(entry["term"])
            out.setdefault(term, [term, *(str(a) for a in entry.get("aliases", []))])
    return list(out.items())


def _words(text: str) -> list[str]:
    """Words in American spelling and singular ("reforms" and "reform" meet), hyphens kept."""
    return [w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in normalise_text(us_spelling(text)).split()]


def _is_line(item: str, spellings: list[str]) -> bool:
    """An item is a line when it holds all the words of one of its spellings ("sustained diplomatic engagement")."""
    words = set(_words(item))
    return any(set(_words(s)) <= words for s in spellings)


def _items(listed: str) -> list[str]:
    """The items of "a, b, c, and d" (or "a, b and d"); [] when any item is not a short plain phrase."""
    parts = [p.strip() for p in listed.split(",")]
    last = re.match(r"^(?:and|or)\s+(.+)$", parts[-1])
    if last:
        parts[-1] = last.group(1)
    else:
        tail = re.split(r"\s+(?:and|or)\s+", parts[-1])
        if len(tail) != 2:  # "b and c": the last two items without the serial comma
            return []
        parts[-1:] = tail
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= MAX_ITEM_WORDS or not all(re.fullmatch(r"[a-z][a-z-]*", w) for w in words):
            return []
        if set(words) & (_NOT_IN_ITEM | {"and", "or"}):
            return []
    return parts if MIN_ITEMS <= len(parts) <= MAX_ITEMS else []


def _base_form(verb: str) -> str:
    """ "rests" -> "rest", "comprises" -> "comprise", "relies" -> "rely", "addresses" -> "address"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _stem(ctx: Context, sentence: Sentence, found: re.Match[str]) -> str:
    subject = _lower_first(ctx, sentence, found.group("subject"))
    noun = re.sub(r"\s+", " ", found.group("noun"))
    particle = (found.group("particle") or "").strip()
    if found.group("modal"):
        verb = " ".join(w for w in (found.group("base"), particle) if w)
        return f"According to the reading, which {noun} {found.group('modal')} {subject} {verb}? Select all that apply."
    verb = " ".join(w for w in (_base_form(found.group("present")), particle) if w)
    return f"According to the reading, which {noun} does {subject} {verb}? Select all that apply."


def _wrong_lines(ctx: Context, sentence: Sentence, shown: str, lines: list[tuple[str, list[str]]]) -> list[str]:
    section_words = set(_words(sentence.section.text))
    shown_words = set(_words(shown))
    out = []
    for term, spellings in sorted(lines, key=lambda line: digest(ctx.reading_key, "strategy-element", line[0])):
        words = {w for s in spellings for w in _words(s)}
        if words & (shown_words | section_words) or normalise_text(term) in ctx.not_distractors:
            continue
        if any(contains_term(ctx.cleaned_text, s) for s in spellings):
            continue
        out.append(term)
        if len(out) == WRONG_OPTIONS:
            break
    return out


def build_requirement_questions(ctx: Context) -> list[QuestionDraft]:
    return _component_questions(ctx) + _need_questions(ctx)


def _component_questions(ctx: Context) -> list[QuestionDraft]:
    lines = _elements(ctx)
    if not lines:
        return []
    out: list[QuestionDraft] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or ":" not in sentence.text:
            continue
        shown = quote(sentence).rstrip(".").strip()
        found = _LEAD.match(shown)
        if found is None or not ctx.facts.stands_alone(sentence):
            continue
        items = _items(found.group("list"))
        asked = [line for line in lines if any(_is_line(item, line[1]) for item in items)]
        if len(asked) < MIN_PACK_ITEMS:
            continue
        wrong = _wrong_lines(ctx, sentence, shown, [line for line in lines if line not in asked])
        if len(wrong) < MIN_WRONG:
            continue
        draft = _sentence_draft(
            ctx,
            sentence,
            QuestionType.MULTIPLE_RESPONSE,
            ("strategy-elements", sentence.start),
            stem=_stem(ctx, sentence, found),
            answer={},
            title=f"Listed: {found.group('noun')}",
        )
        set_select_all(draft, [i[:1].upper() + i[1:] for i in items], [w[:1].upper() + w[1:] for w in wrong])
        notes = [
            "the items a sentence lists after a colon",
            "wrong options: the pack's other lines of a strategy, none named in the reading",
        ]
        out.append(_finish(draft, kind="components", group=_sentence_group(ctx, sentence), quality=0.72, notes=notes))
    return out


# "<reason>, making it imperative for <who> to <what>": the result clause says what the reason makes needed.
_NEED = re.compile(
    r"^(?P<reason>[A-Z].{15,}?), making it (?P<need>imperative|essential|necessary|vital|crucial) for (?P<who>[^,]{2,60}?) "
    r"to (?P<what>[a-z][^,;]{10,}?)(?: by [a-z]+ing\b.*)?$"
)
# A reason in the past ("Russia cut gas supplies in January 2009, making it …") is asked with "was"; otherwise with "is".
_PAST = re.compile(r"\b(?:was|were|had|did)\b|\b[a-z]{3,}ed\b|\bin\s+(?:[A-Z][a-z]+\s+)?(?:1[89]|20)\d\d\b")
_PRESENT = re.compile(r"\b(?:is|are|has|have|remains?|continues?)\b")


def _own_possessive(text: str) -> str:
    """ "its" after a name in the same clause ("to help Ukraine reduce its dependence") is that name's, not a pointer out
    of the clause: checked as "the". Any other pronoun still points out."""
    return re.sub(r"(\b[A-Z][\w.'-]*\b.*?)\bits\b", r"\1the", text)


def _themes(ctx: Context) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for pack in ctx.facts.packs:
        found: dict[str, Any] = pack.rules.get("need_reasons") or {}
        out += found.get("themes", [])
    return out


def _marked(text: str, marks: list[str]) -> bool:
    return any(re.search(mark, text, re.IGNORECASE) for mark in marks)


def _pack_reasons(ctx: Context, sentence: str, need: str, themes: list[dict[str, Any]]) -> list[str]:
    """The first three reasons of the first theme the need is of (the pack lists them most plausible first), none the
    reading speaks of anywhere; [] when no theme fits. Blind reviews 28 and 29 (both reviewers) turned down reasons that
    were no reason at all or obviously false ("Nuclear power already meets most of Europe's energy needs"), so the
    order is the pack's, not a draw."""
    for theme in themes:
        if not _marked(need, theme["needs"]) or ("sentence" in theme and not _marked(sentence, theme["sentence"])):
            continue
        reasons = [str(r["text"]) for r in theme["reasons"] if not reading_names_any(ctx, r.get("marks", []))]
        return reasons[:WRONG_OPTIONS]
    return []


def _need_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    themes = _themes(ctx)
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or ", making it " not in sentence.text:
            continue
        text = DISCOURSE_OPENERS.sub("", _clean(sentence.text))
        found = _NEED.match(text)
        if found is None or not ctx.facts.stands_alone(sentence):
            continue
        reason, what = found.group("reason"), f"{found.group('who')} to {found.group('what')}"
        if not _cause_ok(reason, "clause") or not fragment_stands_alone(_own_possessive(what)):
            continue
        wrong = _pack_reasons(ctx, text, what, themes)
        if len(wrong) < MIN_WRONG:  # two wrong reasons make a fair three-option question; one does not
            continue
        past = _PAST.search(reason) or set(reason.lower().split()) & _IRREGULAR_PAST
        tense = "was" if past and not _PRESENT.search(reason) else "is"
        draft = _sentence_draft(
            ctx,
            sentence,
            QuestionType.SINGLE_CHOICE,
            ("need-reason", sentence.start),
            stem=f"Why, according to the reading, {tense} it {found.group('need')} for {_lower_first(ctx, sentence, what)}?",
            answer={},
            title=f"Why {found.group('need')}: {what[:60]}",
            meta={"cause_marker": "making it"},
        )
        _one_correct(draft, _capital(reason), wrong)
        notes = [
            "the reason a result clause (', making it imperative for …') gives",
            "distractors: plausible reasons of the need's theme from the pack, none the reading speaks of",
        ]
        out.append(_finish(draft, kind="cause", group=_sentence_group(ctx, sentence), quality=0.75, notes=notes, evidence_any=[reason]))
    return out
