"""A quality score per draft, and exclusion groups over a reading's kept drafts.

Precision before yield: every kept draft gets a score in 0..1 with notes saying why it was
kept; drafts under ``MIN_QUALITY`` are dropped, the rest are ranked best first.

Exclusion groups (a bank approves, and a quiz draws, one question per group):

1. drafts about the same sentence (overlapping single-sentence passages) or the same fact;
2. a draft whose key is printed in another draft's stem or options joins that draft's group;
3. drafts a builder already grouped (``group`` set, e.g. the Article 5 scenarios) stay together.

A key printed in ``GIVEAWAY_LIMIT`` or more other drafts is given away wherever it is asked, so
that draft is dropped instead of grouped; a group spanning more than ``MAX_GROUP`` sentences loses its weakest
members, so groups stay small and a bank keeps many independent questions (a matching's pair asked again as a single
choice spans the matching's sentences, no new one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from quizzes.generation.review import SOFT_DEMERITS, bank_floor, demerit, figure_unit, full_length_bank, most_named_country
from quizzes.generation.standalone import zipf
from quizzes.generation.text import digest, normalise_text
from quizzes.models import QuestionType
from quizzes.questiontypes import key_terms

if TYPE_CHECKING:
    from quizzes.generation.builders import Context, QuestionDraft

MIN_QUALITY = 0.4
MAX_GROUP = 4
GIVEAWAY_LIMIT = 3
MAX_PER_KEY = 2
MAX_VERBATIM_TRUE = 2
MIN_TYPES = 4

TYPE_VALUE: dict[str, float] = {
    QuestionType.ORDERING: 0.6,
    QuestionType.MATCHING: 0.6,
    QuestionType.MULTIPLE_RESPONSE: 0.55,
    QuestionType.SINGLE_CHOICE: 0.5,
    QuestionType.SHORT_ANSWER: 0.5,
    QuestionType.CLOZE: 0.45,
    QuestionType.NUMERIC: 0.45,
    QuestionType.TRUE_FALSE: 0.4,
}
_KNOWN_KINDS = {
    "money": "money fact",
    "quantity": "figure",
    "person_role": "person with a role",
    "system": "named system",
    "summit": "summit",
    "organisation": "organisation",
    "programme": "programme or agreement",
    "acronym": "acronym definition",
    "event": "dated event",
    "place": "place",
}


def draft_key_texts(draft: QuestionDraft) -> list[str]:
    """The texts that answer a draft: what must not be printed in another question of a quiz.

    ``questiontypes.key_terms`` (what the bank stores and the quiz draw checks) plus, for a
    number, the figure as the reading writes it.
    """
    terms = key_terms(draft.type, draft.choices, draft.answer)
    if draft.type == QuestionType.NUMERIC:
        terms += [str(e) for e in draft.meta.get("evidence", [])]
    return list(dict.fromkeys(t for t in terms if t))


def draft_text(draft: QuestionDraft) -> str:
    """Everything a student reads of a question: the stem and every option."""
    parts = [draft.stem]
    if isinstance(draft.choices, list):
        parts += [c["text"] for c in draft.choices]
    elif isinstance(draft.choices, dict):
        parts += [c["text"] for side in ("left", "right") for c in draft.choices.get(side, [])]
    return " \n ".join(parts)


def printed_in(key: str, text_norm: str, text_raw: str) -> bool:
    if re.fullmatch(r"\d[\d,.]*", key):
        return bool(re.search(r"(?<![\d.,])" + re.escape(key) + r"(?![\d])", text_raw))
    n = normalise_text(key)
    return bool(n) and f" {n} " in text_norm


def score(ctx: Context, draft: QuestionDraft) -> tuple[float, list[str]]:
    """A 0..1 score and the reasons (shown to reviewers so they review the best first)."""
    if draft.quality > 0:
        return draft.quality, list(draft.quality_notes)  # a builder that knows better scored it already
    notes: list[str] = []
    value = TYPE_VALUE.get(draft.type, 0.45)
    if draft.meta.get("figure_choice"):
        # Just under the typed-in figure: when a group must shed a member, the second format goes first.
        value = TYPE_VALUE[QuestionType.NUMERIC] - 0.05
        notes.append("a figure chosen among four of the same kind")
    single_sentence = " … " not in draft.passage
    if single_sentence and draft.meta.get("asks_sentence"):
        # A context pair (``builders.pairs``) quotes the sentence before to resolve a reference: between it and a
        # question of one sentence that stands alone, a group keeps the one that stands alone.
        value += 0.05
        notes.append("sentence quoted with the one it refers back to")
    elif single_sentence:
        value += 0.1
        notes.append("standalone sentence")
    fact = ctx.facts_by_key.get(draft.fact_key) if draft.fact_key else None
    if fact is not None and fact.kind in _KNOWN_KINDS:
        value += 0.1
        notes.append(_KNOWN_KINDS[fact.kind])
    elif fact is not None and fact.kind == "term" and fact.mention is not None and fact.mention.source == "lexicon":
        value += 0.05
        notes.append("concept from the domain pack")
    elif fact is not None and fact.kind == "term":
        value -= 0.1
        notes.append("key term (no distractors)")
    if draft.meta.get("distractor_class"):
        value += 0.05
        notes.append(f"distractors: same class ({draft.meta['distractor_class']})")
    keys = draft_key_texts(draft)
    if keys and draft.type != QuestionType.NUMERIC:
        words = re.findall(r"[A-Za-z]+", keys[0])
        if words and min(zipf(w.lower()) for w in words) < 3.0:
            value += 0.05
            notes.append("specific key")
        if max((ctx.frequency(k) for k in keys[:3]), default=0) >= 4:
            value -= 0.15
            notes.append("key repeated in the reading")
    if draft.type == QuestionType.NUMERIC and figure_unit(draft) == "year":
        value -= 0.1
        notes.append("year recall")
    if len(draft.passage.split()) > 45 and single_sentence:
        value -= 0.05
        notes.append("long sentence")
    if draft.meta.get("section_label"):
        notes.append("locates a provision among the reading's own sections")
    if "(said by " in draft.stem or re.search(r" said(?: on \d{1,2} [A-Z][a-z]+ \d{4})?: “", draft.stem):
        notes.append("quoted with its speaker")
    if not notes:
        notes.append("passed every gate")
    return round(min(1.0, max(0.0, value)), 3), notes


def _is_verbatim_true(draft: QuestionDraft) -> bool:
    return draft.type == QuestionType.TRUE_FALSE and draft.answer.get("correct") is True


def _is_year_recall(draft: QuestionDraft) -> bool:
    return draft.type == QuestionType.NUMERIC and figure_unit(draft) == "year"


def _year_asked(draft: QuestionDraft) -> str:
    """The year a question asks for: typed in, chosen ("Which year completes …"), or changed in a false statement."""
    if _is_year_recall(draft):
        return str(draft.answer["value"])
    if draft.type == QuestionType.SINGLE_CHOICE and draft.stem.startswith("Which year"):
        return next((c["text"] for c in draft.choices if c["id"] == draft.answer.get("correct")), "")
    original = str(draft.meta.get("tf_original") or "")
    return original if draft.type == QuestionType.TRUE_FALSE and re.fullmatch(r"(?:1[5-9]|20)\d\d", original) else ""


def _same_year_asked(kept: list[QuestionDraft], alive: set[int]) -> list[tuple[int, int]]:
    """Questions of one reading asking for the same year share a group: a quiz asking "Which year …?" twice with one
    answer (Turkey's ratification in January 2024, Hungary's holding out until February 2024) asks one fact twice and
    lets the second be guessed from the first (blind review 71, both reviewers). Only the quiz draw sees this: the
    bank keeps both."""
    first: dict[str, int] = {}
    return [(i, first.setdefault(year, i)) for i in sorted(alive) if (year := _year_asked(kept[i]))]


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _span(draft: QuestionDraft) -> tuple[int, int]:
    """The sentence a draft asks about, for grouping: its passage, or for a context pair (``builders.pairs``) the
    leaning sentence alone. The pair's stem quotes the sentence before only as context: a question of that
    sentence is tied to the pair when one prints the other's key, not because the pair quotes it."""
    span = draft.meta.get("asks_sentence")
    return (int(span[0]), int(span[1])) if span else (draft.start, draft.end)


def _quoted(draft: QuestionDraft) -> frozenset[str]:
    return frozenset(normalise_text(p) for p in draft.passage.split(" … ") if p.strip())


def _units(kept: list[QuestionDraft], group: list[int]) -> dict[int, int]:
    """The sentence each member of a group counts as toward ``MAX_GROUP``: its own (``_span``), or, when it quotes
    several sentences and all of them are among those another member quotes (a single choice asking one pair of a
    matching, with the two sentences the matching quotes for that pair), that member's. A group's size is the
    sentences it spans, and the matching spans those already: one pair asked again is a format of the matching, and
    the group (one question per quiz) keeps the two apart as it keeps the formats of one sentence apart. A question
    of one sentence is not taken in: it asks a name or a figure of the sentence, not one of the pairs."""
    quoted = {i: _quoted(kept[i]) for i in group}
    units = {i: _span(kept[i])[0] for i in group}
    wide = sorted(group, key=lambda j: (-len(quoted[j]), j))
    for i in group:
        cover = next((j for j in wide if len(quoted[i]) > 1 and quoted[i] < quoted[j]), None)
        if cover is not None:
            units[i] = _span(kept[cover])[0]
    return units


def _is_set_key(draft: QuestionDraft, keys: list[str]) -> bool:
    """A select-all of the names that fill one blank of a quoted sentence (which countries belong in it): its key is the
    set. Not a select-all of what the reading names at all ("Which of these weapons systems does the reading name?"),
    which any stem quoting one of them answers in part."""
    return draft.type == QuestionType.MULTIPLE_RESPONSE and len(keys) >= 2 and "____" in draft.stem


def _relations(drafts: list[QuestionDraft]) -> tuple[list[tuple[int, int]], dict[int, set[int]], dict[int, set[int]]]:
    """Edges that put two drafts in one group; per draft, the drafts that print its key anywhere, and in their stem."""
    n = len(drafts)
    edges: list[tuple[int, int]] = []
    raw = [draft_text(d) for d in drafts]
    norm = [f" {normalise_text(t)} " for t in raw]
    keys = [draft_key_texts(d) for d in drafts]
    preset: dict[str, int] = {}
    by_fact: dict[str, int] = {}
    by_label: dict[str, int] = {}
    for i, d in enumerate(drafts):
        if d.group:
            edges.append((i, preset.setdefault(d.group, i)))
        # Two provisions of one article asked "which article?" have one answer: a quiz takes one of them.
        if d.meta.get("section_label"):
            edges.append((i, by_label.setdefault(str(d.meta["section_label"]), i)))
        # Scenarios all cite the rule sentence but ask about different cases; their builder
        # groups the ones that answer each other (article5._GROUP_OF).
        if d.fact_key and not d.meta.get("scenario"):
            edges.append((i, by_fact.setdefault(d.fact_key, i)))
    single = sorted(
        ((i, *_span(d)) for i, d in enumerate(drafts) if " … " not in d.passage and not d.meta.get("scenario")), key=lambda t: t[1]
    )
    for a in range(len(single)):
        i, _, e = single[a]
        for b in range(a + 1, len(single)):
            j, s2, _ = single[b]
            if s2 >= e:
                break
            edges.append((i, j))
    # A scenario is decided by its rule sentence, so a question quoting that sentence (its year blanked: "manufactured
    # and exploded … prior to January 1, ____") answers it: "a State that manufactured weapons in 1965 but never
    # exploded one" (blind review 66). One of them per quiz.
    for i, d in enumerate(drafts):
        if d.meta.get("scenario") and " … " not in d.passage:
            s1, e1 = _span(d)
            edges += [(i, j) for j, s2, e2 in single if s2 < e1 and s1 < e2]
    printed: dict[int, set[int]] = {}
    in_stem: dict[int, set[int]] = {}
    stems_raw = [d.stem for d in drafts]
    stems_norm = [f" {normalise_text(d.stem)} " for d in drafts]
    # Numbers are matched on the raw text (no digit before or after, nor a comma or point going on with digits: the
    # key 2 of "$2 trillion" is not printed in "2,461"), names on the normalised one.
    patterns = [
        [
            (True, re.compile(r"(?<![\d.,])" + re.escape(k) + r"(?![\d]|[.,]\d)"))
            if re.fullmatch(r"\d[\d,.]*", k)
            else (False, f" {normalise_text(k)} ")
            for k in ks
        ]
        for ks in keys
    ]

    def hit(pattern: Any, is_number: bool, raw_text: str, norm_text: str) -> bool:
        return bool(pattern.search(raw_text)) if is_number else len(pattern) > 2 and pattern in norm_text

    for i in range(n):
        found, stems = set(), set()
        for j in range(n):
            if i == j:
                continue
            if _is_set_key(drafts[i], keys[i]):
                # A select-all's key is the whole set: one of its names printed elsewhere ("Germany's IRIS-T", an option
                # of another select-all of countries) answers nothing; a stem printing every one of them does.
                if all(hit(pattern, is_number, stems_raw[j], stems_norm[j]) for is_number, pattern in patterns[i]):
                    found.add(j)
                    if not drafts[i].group or drafts[i].group != drafts[j].group:
                        stems.add(j)
                continue
            for is_number, pattern in patterns[i]:
                if hit(pattern, is_number, raw[j], norm[j]):
                    found.add(j)
                    if (not drafts[i].group or drafts[i].group != drafts[j].group) and hit(pattern, is_number, stems_raw[j], stems_norm[j]):
                        stems.add(j)
                    break
        printed[i], in_stem[i] = found, stems
        edges += [(i, j) for j in found]
    return edges, printed, in_stem


def _prune(
    ctx: Context,
    kept: list[QuestionDraft],
    alive: set[int],
    relations: tuple[list[tuple[int, int]], dict[int, set[int]], dict[int, set[int]]],
) -> tuple[set[int], list[tuple[Any, str]]]:
    """Drop given-away keys, hubs, the weakest of oversized groups, repeats of a key and the surplus of years and true statements."""
    edges, printed, in_stem = relations
    dropped: list[tuple[Any, str]] = []
    floor = bank_floor(ctx)
    # Who prints whose key: a question over many facts (matching, ordering, a list) that prints the
    # keys of several other questions would merge all of them into one group and cost them their place.
    prints: dict[int, set[int]] = {j: set() for j in alive}
    for i, found in printed.items():
        for j in found:
            prints.setdefault(j, set()).add(i)
    while True:
        union = _Union(len(kept))
        for i, j in edges:
            if i in alive and j in alive:
                union.join(i, j)
        members: dict[int, list[int]] = {}
        for i in sorted(alive):
            members.setdefault(union.find(i), []).append(i)
        # A key stated in other stems is given away; printed only as another question's option, it is not.
        # A matching question's key is its pairs: one half quoted in another stem (a year, a deed)
        # does not give the pairing away, and the printed edges keep the two out of one quiz.
        # Counted in sentences, not drafts: three formats of one sentence's question print its names three
        # times but give a key away in one place, and the sentence's exclusion group keeps them apart.
        giveaways = {
            i: 0
            if kept[i].type == QuestionType.MATCHING
            else len({_span(kept[j])[0] for j in in_stem[i] & alive if _span(kept[j])[0] != _span(kept[i])[0]})
            for i in alive
        }
        worst = max(alive, key=lambda i: (giveaways[i], -kept[i].quality, kept[i].key), default=None)
        if worst is not None and giveaways[worst] >= GIVEAWAY_LIMIT:
            alive.discard(worst)
            dropped.append((kept[worst], "key_given_away"))
            continue
        # A hub goes only when it is no better than the questions it gives away; a strong one (a
        # scenario that names a ceasefire) stays and the cap below drops the weaker questions instead.
        # Counted in sentences too: the formats of one sentence's question are one key given away.
        hubs = {
            j: len({_span(kept[i])[0] for i in prints[j] & alive})
            if kept[j].quality <= min((kept[i].quality for i in prints[j] & alive), default=0)
            else 0
            for j in alive
        }
        hub = max(alive, key=lambda j: (hubs[j], -kept[j].quality, kept[j].key), default=None)
        # A group's size is the sentences it spans: a sentence asked in three formats is one question to a quiz.
        units = {i: u for g in members.values() for i, u in _units(kept, g).items()}
        oversized = [g for g in members.values() if len({units[i] for i in g}) > MAX_GROUP]
        if not oversized:
            break
        if hub is not None and hubs[hub] >= GIVEAWAY_LIMIT and any(hub in g for g in oversized):
            alive.discard(hub)
            dropped.append((kept[hub], "prints_other_keys"))
            continue
        # The weakest sentence, not a pair asked again: that pair adds nothing to the count, and it would take the
        # matching it belongs to (and the matching's other pairs) with it.
        heads = [i for i in oversized[0] if units[i] == _span(kept[i])[0]]
        weakest = min(heads, key=lambda i: (kept[i].quality, kept[i].key))
        for i in [i for i in oversized[0] if units[i] == units[weakest]]:
            alive.discard(i)  # the weakest sentence goes with every format of it
            dropped.append((kept[i], "group_too_large"))
    # The same key asked again and again ("sovereignty" in four sentences) is one fact: its best two
    # sentences stay, each with its formats (the gap typed in and chosen among options is one question to a quiz).
    by_key: dict[str, list[int]] = {}
    for i in sorted(alive, key=lambda i: (-kept[i].quality, kept[i].key)):
        texts = draft_key_texts(kept[i])
        if texts and kept[i].type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER, QuestionType.SINGLE_CHOICE}:
            by_key.setdefault(normalise_text(texts[0]), []).append(i)
    for same in by_key.values():
        sentences = list(dict.fromkeys(_span(kept[i])[0] for i in same))[:MAX_PER_KEY]
        for i in same:
            if _span(kept[i])[0] not in sentences:
                alive.discard(i)
                dropped.append((kept[i], "same_key_again"))
    # Year recall is the weakest kind of question: at most a fifth of the bank, the best of them.
    years = sorted((i for i in alive if _is_year_recall(kept[i])), key=lambda i: (-kept[i].quality, kept[i].key))
    for i in years[max(2, len(alive) // 5) :]:
        if len(alive) <= floor:
            break
        alive.discard(i)
        dropped.append((kept[i], "too_many_years"))
    # A true statement repeats its sentence and is answered from its ring: two a bank (an eighth of a large one) at most, the best.
    trues = sorted((i for i in alive if _is_verbatim_true(kept[i])), key=lambda i: (-kept[i].quality, kept[i].key))
    for i in trues[max(MAX_VERBATIM_TRUE, len(alive) // 8) :]:
        if len(alive) <= floor:
            break
        alive.discard(i)
        dropped.append((kept[i], "too_many_true_statements"))
    return alive, dropped


def _groups(kept: list[QuestionDraft], alive: set[int], edges: list[tuple[int, int]]) -> list[list[int]]:
    union = _Union(len(kept))
    for i, j in edges:
        if i in alive and j in alive:
            union.join(i, j)
    members: dict[int, list[int]] = {}
    for i in sorted(alive):
        members.setdefault(union.find(i), []).append(i)
    return list(members.values())


def _soft_refill(
    ctx: Context,
    kept: list[QuestionDraft],
    alive: set[int],
    flags: dict[int, str],
    relations: tuple[list[tuple[int, int]], dict[int, set[int]], dict[int, set[int]]],
) -> tuple[set[int], list[tuple[Any, str]]] | None:
    """The bank with drafts flagged only by a ``SOFT_DEMERITS`` reason taken back one at a time, best first, while a
    full-length reading is short of MIN_BANK: each only if the bank it joins keeps every question it had (a soft draft
    never costs a good one its place). None when none is taken back."""
    need = full_length_bank(ctx)
    if len(alive) >= need:
        return None
    base = set(range(len(kept))) - set(flags)
    taken: set[int] = set()
    bank: tuple[set[int], list[tuple[Any, str]]] | None = None
    current = alive
    for i in sorted((i for i, why in flags.items() if why in SOFT_DEMERITS), key=lambda i: (-kept[i].quality, kept[i].key)):
        if len(current) >= need:
            break
        trial, pruned = _prune(ctx, kept, base | taken | {i}, relations)
        if current | {i} <= trial:
            taken.add(i)
            current = trial
            bank = (trial, pruned)
    return bank


def rank_and_group(ctx: Context, drafts: Iterable[QuestionDraft]) -> tuple[list[QuestionDraft], list[tuple[Any, str]]]:
    """Score, drop the weak, group, keep groups small; the kept drafts best first and the dropped with a reason."""
    dropped: list[tuple[Any, str]] = []
    kept: list[QuestionDraft] = []
    for d in drafts:
        d.quality, d.quality_notes = score(ctx, d)
        if d.quality < MIN_QUALITY:
            dropped.append((d, "low_quality"))
        else:
            kept.append(d)
    relations = _relations(kept)
    # What a blind reviewer turns down (see ``review``) is set aside first, so it costs no good draft
    # its place in a group; only when the rest cannot fill a full-length reading's minimum bank is
    # the whole set pruned and the best flagged drafts kept to reach it, the worst going first
    # (``REFILL``, off), or the soft-flagged ones taken back one by one (``_soft_refill``).
    own_country = most_named_country(ctx)
    flags = {i: why for i, d in enumerate(kept) if (why := demerit(ctx, d, own_country=own_country))}
    floor = bank_floor(ctx)
    alive, pruned = _prune(ctx, kept, set(range(len(kept))) - set(flags), relations)
    if len(alive) >= floor and (not floor or len({kept[i].type for i in alive}) >= MIN_TYPES):
        if (refilled := _soft_refill(ctx, kept, alive, flags, relations)) is not None:
            alive, pruned = refilled
        dropped += pruned + [(kept[i], why) for i, why in flags.items() if i not in alive]
    else:
        # The good drafts that survived stay; the flagged ones are pruned with them and the worst go.
        good = alive
        alive, pruned = _prune(ctx, kept, set(range(len(kept))), relations)
        dropped += pruned
        if good - alive and len(good | {i for i in alive if i in flags}) >= floor:
            dropped = [(d, why) for d, why in dropped if not any(d is kept[i] for i in good)]
            alive = good | {i for i in alive if i in flags}
        for i in sorted((i for i in alive if i in flags), key=lambda i: (kept[i].quality, kept[i].key)):
            if len(alive) <= floor:
                break
            types = {kept[j].type for j in alive}
            if len(types) <= MIN_TYPES and not any(kept[j].type == kept[i].type for j in alive if j != i):
                continue  # a protected bank keeps its variety of question types
            alive.discard(i)
            dropped.append((kept[i], flags[i]))
    groups = [[i for i in g if i in alive] for g in _groups(kept, alive, relations[0] + _same_year_asked(kept, alive))]
    groups = [g for g in groups if g]
    for group in groups:
        preset = sorted(kept[i].group for i in group if kept[i].group)
        group_id = preset[0] if preset else "g" + digest(*sorted(kept[i].key for i in group), length=15)
        for i in group:
            kept[i].group = group_id
    result = sorted((kept[i] for i in alive), key=lambda d: (-d.quality, d.key))
    return result, dropped
