# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Chronology: events of a reading with their years, put in order."""

from __future__ import annotations

import re
from collections import defaultdict

from core.text.citations import strip_citations
from quizzes.generation.builders.drafts import Context, QuestionDraft, _passage_draft, choice_list, opens_with_unresolved_reference
from quizzes.generation.extract import Mention
from quizzes.generation.facts import FactDraft
from quizzes.generation.standalone import COUNTED_BACK_REFERENCE
from quizzes.generation.text import Sentence, digest, normalise_text
from quizzes.models import QuestionType

_LABEL_STOP = {
    "with",
    "by",
    "since",
    "and",
    "that",
    "which",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "been",
    "when",
    "after",
    "before",
    "from",
    "during",
    "into",
    "as",
    "while",
    "until",
    "for",
}


_EVENT_NOUN = re.compile(
    r"(?:tion|sion|ment|ure|al)s?\W*$|^(?:war|attack|attacks|summit|crisis|collapse|coup|strike|deal|invasion|election|treaty|accord|ceasefire|revolution|uprising|disaster|talks)\W*$",
    re.I,
)


# Numbers given in sequence (public laws, executive orders, directives): any left in a label orders it.
_SERIAL = re.compile(r"\b(?:P\.\s?L\.|Pub(?:lic|\.)\s+L(?:aw|\.)|Executive Order|E\.O\.|EO|PDD|NSPM|NSM|NSD|HSPD|PPD)[\s-]*\d", re.I)
_SERIAL_ASIDE = re.compile(
    r"\s*\((?:[^()]*?;\s*)?" + _SERIAL.pattern + r"[^()]*\)|,\s*(?:in|under|through)\s+" + _SERIAL.pattern + r"[\w.-]*,", re.I
)


# The examples that close a label cut at 14 words, with the phrase that introduces them ("in areas including …").
_CUT_EXAMPLES = re.compile(r"(?:,?\s+in\s+(?:areas|fields|sectors|domains))?,?\s+(?:including|such\s+as|like)\s+.*$")


# A demonstrative anywhere in a label points back at a sentence the option does not show ("this aid", "these strikes").
_DEMONSTRATIVE = re.compile(r"\b(?:this|these|those|such)\s+[a-z]", re.I)


# "<subject> has/have <past participle> …" (or "has been <…ing>"): an activity going on since a date.
_PERFECT = re.compile(r"^(?P<subject>[^,;]{2,80}?)\s+(?:has|have)\s+(?:been\s+(?P<ing>[a-z]+ing)|(?P<participle>[a-z]+))\b(?P<rest>.*)$")


_TIMELINE_ENTRY = re.compile(r"\s*:\s+[A-Z]")


def _began(label: str) -> str | None:
    """ "Operation UNIFIER has provided Ukrainian soldiers with training …" (since 2015) as the event it dates: "Operation
    UNIFIER began providing Ukrainian soldiers with training …". An ordering's options are events; an activity in
    the present perfect read as an ongoing process, not a point in time (blind reviews 33 and 35, both reviewers).
    None when the clause is no perfect of a verb."""
    from lemminflect import getInflection, getLemma

    m = _PERFECT.match(label)
    if m is None:
        return None
    ing = m.group("ing")
    if ing is None:
        participle = m.group("participle")
        lemmas = getLemma(participle, upos="VERB")
        if not lemmas or lemmas[0] == "be" or participle not in getInflection(lemmas[0], tag="VBN"):
            return None
        ing = getInflection(lemmas[0], tag="VBG")[0]
    return f"{m.group('subject')} began {ing}{m.group('rest')}"


def event_label(sentence: Sentence, m: Mention) -> str | None:
    """A short label for a dated event, or None when the sentence does not date an event.

    1. "<noun phrase> in <date>": the noun phrase ("Russia's annexation of Crimea").
    2. "In/Since/On <date>, <clause>" or "<clause> in/by <date>": the clause without its date,
       short appositives and citations, cut to 14 words; an activity since a date as its start ("… began providing …").
    A date introduced otherwise ("continues into 2025") is not an event.
    """
    before = sentence.text[: m.start]
    preposition = re.search(r"\b(in|In|since|Since|by|By|on|On)\s+(?:early\s+|late\s+|mid-)?$", before)
    # A timeline's entry: "May 18, 2022: The governments of Sweden and Finland submit their letters …" dates the clause
    # after it (review 71's reading of that shape had no ordering).
    entry = not before.strip() and _TIMELINE_ENTRY.match(sentence.text[m.end :])
    if preposition is None and not entry:
        return None
    label = None
    if preposition is not None and preposition.group(1).lower() == "in":
        words = before[: preposition.start()].split()
        picked: list[str] = []
        for word in reversed(words):
            if word.endswith((",", ";", ":", "(")) or word.lower() in _LABEL_STOP or word in {"-", "–", "—"}:
                break
            picked.insert(0, word)
            if len(picked) >= 10:
                break
        while picked and picked[0].lower() in {"the", "a", "an"}:
            picked = picked[1:]
        # A noun phrase is an event only when it names one ("Russia's annexation of Crimea", "the Cold War"),
        # not an actor ("Senate Select Committee on Intelligence").
        if len(picked) >= 2 and any(w[:1].islower() and _EVENT_NOUN.search(w) for w in picked):
            label = " ".join(picked)
        elif len(picked) >= 2:
            return None
    if label is None:
        rest = sentence.text[m.end :].split(":", 1)[1] if entry else sentence.text[: preposition.start()] + sentence.text[m.end :]  # type: ignore[union-attr]
        rest = strip_citations(rest)
        rest = re.sub(r",\s*(?:led|aided|brokered|provided|supported) by [^,]+,", "", rest)
        # "(P.L. 93-438)", ", in P.L. 79-585,": a law's or an order's number grows with time, so it would give the order away.
        rest = _SERIAL_ASIDE.sub("", rest)
        rest = re.sub(r"^\W*(?:Notably|However|Additionally|Meanwhile|Furthermore|Also|Earlier|Later)?\W*", "", rest)
        rest = re.sub(r"\s+([,.;])", r"\1", rest).strip(" ,;.")
        words = rest.split()
        if len(words) < 4:
            return None
        # A timeline entry is a whole event in one clause: two words more rather than no label.
        cut = len(words) > (16 if entry else 14)
        if cut:
            # Cut at the last clause boundary within 14 words, never mid-phrase with "…" (reviewers edit
            # options that stop mid-sentence); with no boundary there the event has no short label.
            cuts = [
                i
                for i in range(5, 14)
                if words[i - 1].endswith((",", ";"))
                or (
                    words[i].lower() in {"which", "who", "while", "and", "after"}
                    # Not the "and" inside a name: "the ICRC Diplomatic Conference on the Reaffirmation | and Development
                    # of International Humanitarian Law" (blind review 93, both reviewers edited the option).
                    and not (words[i] == "and" and words[i - 1][:1].isupper() and i + 1 < len(words) and words[i + 1][:1].isupper())
                )
                # A timeline entry's closing recipient ("… submit their letters of application | to NATO Secretary
                # General Jens Stoltenberg"): the deed is whole before it.
                or (entry and words[i] == "to" and i + 1 < len(words) and words[i + 1][:1].isupper())
            ]
            if not cuts:
                return None
            words = words[: cuts[-1]]
        label = " ".join(words).rstrip(",;.")
        if cut:
            # "… training in areas including infantry tactics", "…, including power grids": a list of examples cut short
            # says less than the reading and reads as if it were whole; the event stands without it (blind review 36).
            label = _CUT_EXAMPLES.sub("", label)
        if cut and re.match(r"^(?:\S+\s){0,4}\S+,\s", label) and label.count(",") == 1:
            return None  # "President Clinton, concerned that …": cut inside an aside, before the deed (blind review 7)
        if cut and "," in label and len(label.rsplit(",", 1)[1].split()) < 3:
            return None  # "codified its chain of authority, leadership": cut inside a list
        if preposition is not None and preposition.group(1).lower() == "since":
            label = _began(label) or label
    label = label[:1].upper() + label[1:]
    if re.search(r"\b(?:1[89]|20)\d\d\b", label) or opens_with_unresolved_reference(label) or _SERIAL.search(label):
        return None
    if COUNTED_BACK_REFERENCE.search(label):
        return None  # "… the first NATO members to approve the two newcomers": which two, the option alone does not say
    if _DEMONSTRATIVE.search(label):
        return None  # "The total value of this aid amounted to …": which aid, the option alone does not say (blind review 26)
    return label


def _fuller(label: str, others: list[str]) -> str:
    """The label with the fuller name the reading gives the same event elsewhere: "Beginning of Russia's invasion of
    Ukraine" (2022) beside "Onset of Russia's full-scale invasion of Ukraine" (2022) reads "Beginning of Russia's
    full-scale invasion of Ukraine". Beside the "initial Russian incursions" of 2014 the shorter name was read as
    either war's start (blind reviews 37, 38 and 41: both reviewers asked for "full-scale"). A name is fuller when,
    after its first word, it holds every word of the label's in order and one or two more (apostrophes and case
    aside: a reading may write the apostrophe straight or curly)."""
    words = label.split()
    for other in others:
        more = other.split()
        if 0 < len(more) - len(words) <= 2 and _in_order([normalise_text(w) for w in words[1:]], [normalise_text(w) for w in more[1:]]):
            return " ".join([words[0], *more[1:]])
    return label


def _in_order(words: list[str], within: list[str]) -> bool:
    rest = iter(within)
    return bool(words) and all(any(w == x for x in rest) for w in words)


def _tied(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Two dates the reading does not order: the same year with a month missing, or the same month with a day missing."""
    if a[0] != b[0]:
        return False
    if not a[1] or not b[1] or a[1] != b[1]:
        return not a[1] or not b[1]
    return not a[2] or not b[2] or a[2] == b[2]


def build_ordering_questions(ctx: Context) -> list[QuestionDraft]:
    found: list[tuple[tuple[int, int, int], str, FactDraft]] = []
    for fact in ctx.facts.facts:
        m = fact.mention
        if fact.kind != "event" or m is None or not m.data.get("year"):
            continue
        label = event_label(fact.sentence, m)
        if label:
            found.append(((m.data["year"], m.data.get("month") or 0, m.data.get("day") or 0), label, fact))
    events = [(when, _fuller(label, [other for w, other, _ in found if w[0] == when[0]]), fact) for when, label, fact in found]
    out: list[QuestionDraft] = []
    groups: list[tuple[str, str, list[tuple[tuple[int, int, int], str, FactDraft]]]] = [
        ("reading", "Put these events from the reading in chronological order, earliest first.", events)
    ]
    by_section: dict[int, list[tuple[tuple[int, int, int], str, FactDraft]]] = defaultdict(list)
    for item in events:
        by_section[item[2].sentence.section.order].append(item)
    for order, items in sorted(by_section.items()):
        heading = items[0][2].sentence.section.heading
        groups.append((f"section-{order}", f"Put these events from the section “{heading}” in chronological order, earliest first.", items))
    built: set[frozenset[str]] = set()
    for name, stem, items in groups:
        chosen: dict[tuple[int, int, int], tuple[tuple[int, int, int], str, FactDraft]] = {}
        labels: set[str] = set()
        for item in sorted(items, key=lambda it: digest(ctx.reading_key, name, it[1])):
            sort_key = item[0]
            # Events of the same year need months to be ordered, of the same month days (a timeline's "May 15, 2022"
            # and "May 18, 2022"); a bare year never ties with a dated one.
            if any(_tied(k, sort_key) for k in chosen) or normalise_text(item[1]) in labels:
                continue
            chosen[sort_key] = item
            labels.add(normalise_text(item[1]))
            if len(chosen) == 4:
                break
        # A section holding all the reading's dated events would repeat the reading's ordering under another stem.
        if len(chosen) < 3 or frozenset(labels) in built:
            continue
        built.add(frozenset(labels))
        ordered = [chosen[k] for k in sorted(chosen)]
        key = digest(ctx.reading_key, "ordering", name, length=32)
        choices = choice_list(key, [it[1] for it in ordered])
        ids = {c["text"]: c["id"] for c in choices}
        out.append(
            _passage_draft(
                ctx,
                QuestionType.ORDERING,
                [it[2] for it in ordered],
                key,
                stem=stem,
                choices=choices,
                answer={"order": [ids[it[1]] for it in ordered]},
                explanation="In order: " + "; ".join(f"{it[2].mention.surface if it[2].mention else ''}: {it[1]}" for it in ordered),
                topic="history",
                title=stem,
                meta={"evidence": [str(it[0][0]) for it in ordered]},
            )
        )
    return out
