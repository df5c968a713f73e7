# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns and comments must too
"""9. What a reading's structure carries: the items listed under a lead-in, and the heading they sit under.

Fact sheets, strategies and declarations say much of what they say in structure, not in sentences
that stand alone: a lead-in paragraph ending with a colon ("…, including by:", "it is the policy of
the United States to:") followed by item paragraphs ("Expanding the use of …;", "…; and,"), under
sibling headings ("1. Defend Critical Infrastructure" … "5. Forge International Partnerships …", or
as many headings as a lead-in announces: "… around five pillars:"). Found by shape only.

Asked of it, and only where the item's own words do not point at the answer (an item sharing a word
with its heading is left out: matching the word is no reading):
- single choice "Under which of its five pillars does <document> list “<item>”?" (sibling headings as options);
- matching: sibling headings with one item each (three pairs or more);
- multiple response "Which of these does <document> list under the heading “<heading>”?" (this
  list's items as keys, other sibling lists' items as distractors: listed elsewhere, surely not here).
Every question over one set of siblings prints the others' keys, so they share one exclusion group.
Labelled items ("Resilient, where cyber incidents …") are in ``structure_labels``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct, choice_list
from quizzes.generation.builders.sections import document_name as treaty_name
from quizzes.generation.text import SectionText, Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import _STOP, _balanced, _finish, _topic, _words, fragment_stands_alone, matching_draft
from quizzes.models import QuestionType

MAX_ITEM_WORDS, MIN_ITEM_WORDS = 25, 3
MIN_ITEMS, MIN_SIBLINGS = 3, 3
# Where a long item may be cut and still say what it does: before a clause that only qualifies it.
_QUALIFYING_CLAUSE = re.compile(r",\s+(?:where|while|which|including|both|unless|so that|in order to|when)\b|\s+while\s+(?=[a-z]+ing\b)")
# A cut item says what is done only with this many words left.
MIN_CUT_WORDS = 6
# The end of an item paragraph: "…;", "…; and", "…; and,", "… and" (the one before the last), or the last one.
_ITEM_END = re.compile(r"(?:;\s*(?:and|or)?,?|,?\s+(?:and|or),?)$")
_BULLET = re.compile(r"^[•▪◦●*–-]\s+")
# "…; and Ensure national …": two items run into one paragraph.
_RUN_TOGETHER = re.compile(r";\s+(?:and|or)\s+(?=[A-Z])")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]\s+(?P<rest>\S.*)$")
_COUNT_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUMBER_WORDS = {n: w for w, n in _COUNT_WORDS.items()}
# "… around five pillars:", "… in three ambitious lines of effort:": how many siblings follow and what they are.
_ANNOUNCED = re.compile(
    r"\b(?P<count>three|four|five|six|seven|eight|nine|ten|[3-9])\s+(?:[a-z-]+\s+){0,3}?(?P<noun>[a-z-]+s(?:\s+of\s+[a-z-]+)?)\s*:$"
)
# A document a fact sheet announces or a leader signs ("… Announces National Cybersecurity Strategy").
_ANNOUNCES = re.compile(
    r"\b(?:Announces|Releases|Signs|Unveils|Publishes|Issues|Launches)\s+(?:the\s+|a\s+|an\s+|New\s+)*(?P<name>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|on|for|and|to|the|in)){1,16})"
)
_PERSONAL_OPTION = re.compile(r"\b(?:we|our|us|ours|you|your|i|my|me)\b", re.I)


@dataclass(frozen=True)
class Item:
    text: str  # as an option: trimmed, capitalised, within ``MAX_ITEM_WORDS``
    sentence: Sentence


@dataclass(frozen=True)
class ItemList:
    lead: Sentence  # the paragraph ending with a colon
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Sibling:
    heading: str  # as shown: without its number
    at: int  # where the heading stands in the cleaned text
    section: SectionText
    lists: tuple[ItemList, ...]


def stems(text: str) -> set[str]:
    """Content words cut to five letters: "security" and "secure", "defend" and "defending" meet."""
    words = [w for word in _words(text) for w in word.split("-")]
    # An abbreviation is a word however short ("WMD"): a heading's abbreviation in an item points at it.
    short = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", text)}
    return {w[:5] for w in words if len(w) > 3 and w not in _STOP} | short


def paragraphs(ctx: Context, section: SectionText) -> list[tuple[str, Sentence]]:
    """(paragraph text, its first sentence) for each paragraph of a section the reading split into sentences."""
    starts = {s.start: s for s in ctx.facts.sentences if s.section.order == section.order}
    ordered = sorted(starts)
    out = []
    for m in re.finditer(r"[^\n]+", section.text):
        if not m.group().strip():
            continue
        begin, end = section.start + m.start(), section.start + m.end()
        k = bisect_left(ordered, begin)
        if k < len(ordered) and ordered[k] < end:
            out.append((m.group().strip(), starts[ordered[k]]))
    return out


def option_text(raw: str) -> str:
    """An item as an option: list punctuation and a trailing conjunction off, a first capital, a long item cut
    before a qualifying clause; "" when it cannot be shown on its own (a pronoun, we/our, too long)."""
    text = " ".join(raw.split())
    text = re.sub(r"(?:[;,.]\s*)?(?:\b(?:and|or)\b)?[;,.\s]*$", "", text).strip()
    text = text[:1].upper() + text[1:]
    if shown := _shown(text):
        return shown
    # Too long, or a pronoun in a clause that only qualifies the item ("… while making it more resilient").
    cut = _QUALIFYING_CLAUSE.search(text)
    return _shown(text[: cut.start()]) if cut and word_count(text[: cut.start()]) >= MIN_CUT_WORDS else ""


def _shown(text: str) -> str:
    if not MIN_ITEM_WORDS <= word_count(text) <= MAX_ITEM_WORDS or not _balanced(text) or ":" in text:
        return ""
    # "such as" introduces examples; it points back at nothing.
    if _PERSONAL_OPTION.search(text) or not fragment_stands_alone(re.sub(r"\bsuch as\b", "like", text)):
        return ""
    return text


def find_lists(ctx: Context, section: SectionText) -> list[ItemList]:
    """Each lead-in paragraph ending with a colon and the three or more item paragraphs after it."""
    paras = paragraphs(ctx, section)
    out: list[ItemList] = []
    i = 0
    while i < len(paras):
        text, sentence = paras[i]
        if not text.endswith(":") or word_count(text) < 4:
            i += 1
            continue
        raw: list[tuple[str, Sentence]] = []
        j = i + 1
        bulleted = j < len(paras) and bool(_BULLET.match(paras[j][0]))
        while j < len(paras):
            body, first = paras[j]
            if bulleted:
                # A bulleted list ends where the bullets do, whatever its items end with.
                if not _BULLET.match(body):
                    break
                body = _BULLET.sub("", body)
            if body.endswith(":") or not body[:1].isupper() or word_count(body) > 2 * MAX_ITEM_WORDS + 20:
                break
            raw += [(part, first) for part in _RUN_TOGETHER.split(body)]
            j += 1
            if bulleted:
                continue
            end = body.rstrip(". ")
            if re.search(r"\b(?:and|or),?$", paras[j - 2][0].rstrip(". ")) and j - 2 > i:
                break  # the item after "…; and" is the last
            if not _ITEM_END.search(end):
                break  # an item without list punctuation ends the list
        if len(raw) >= MIN_ITEMS:
            items = tuple(Item(t, s) for part, s in raw if (t := option_text(part)))
            out.append(ItemList(_last_sentence(ctx, sentence, text), items))
        i = max(j, i + 1)
    return out


def _last_sentence(ctx: Context, first: Sentence, paragraph: str) -> Sentence:
    """The sentence of a paragraph that ends it: the lead-in itself, after any sentences before it."""
    end = first.start + len(paragraph)
    inside = [s for s in ctx.facts.sentences if s.section.order == first.section.order and first.start <= s.start < end]
    return max(inside, key=lambda s: s.start, default=first)


def siblings(ctx: Context) -> tuple[list[Sibling], str]:
    """Sibling headings and what the reading calls them ("pillars"): numbered 1, 2, 3 …, or as many
    headings as a lead-in just before them announces ("… in three ambitious lines of effort:")."""
    sections = [s for s in ctx.facts.sections if s.kind in {"body", "conclusion"} and s.language == "en"]
    best: tuple[list[SectionText], str] = ([], "")
    for i, section in enumerate(sections):
        if m := _NUMBERED.match(section.heading):
            run = [section]
            for nxt in sections[i + 1 :]:
                if not _NUMBERED.match(nxt.heading):
                    break
                run.append(nxt)
            announced = _announcement(ctx, sections[i - 1]) if i else None
            if announced and announced[0] == len(run):
                noun = announced[1]
            elif all(find_lists(ctx, s) for s in run):
                # Unannounced, numbered parts are siblings when each carries a list: a strategy's parts, not a
                # paper's "1. Introduction", "2. Methods" (where a list sits is no content of it).
                noun = f"{_NUMBER_WORDS.get(len(run), str(len(run)))} parts"
            else:
                continue
            if len(run) > len(best[0]) and m.group("rest"):
                best = (run, noun)
        announced = _announcement(ctx, section)
        if announced:
            count, noun = announced
            run = sections[i + 1 : i + 1 + count]
            if len(run) == count and all(s.heading.strip() for s in run) and len(run) > len(best[0]):
                best = (run, noun)
    run, noun = best
    if len(run) < MIN_SIBLINGS:
        return [], ""
    out = []
    for section in run:
        m = _NUMBERED.match(section.heading)
        heading = (m.group("rest") if m else section.heading).strip().rstrip(":")
        at = ctx.cleaned_text.rfind(section.heading.strip(), 0, section.start + 1)
        if at < 0 or not heading:
            return [], ""
        out.append(Sibling(heading, at, section, tuple(find_lists(ctx, section))))
    return out, noun


def _announcement(ctx: Context, section: SectionText) -> tuple[int, str] | None:
    paras = paragraphs(ctx, section)
    if not paras or not (m := _ANNOUNCED.search(paras[-1][0])):
        return None
    count = m.group("count")
    return (int(count) if count.isdigit() else _COUNT_WORDS[count]), f"{count} {m.group('noun')}"


def document_name(ctx: Context) -> str:
    """The document the structure belongs to, as the reading's title names it ("the National Cybersecurity
    Strategy" of a fact sheet that announces it), or as a treaty names itself; "the reading" otherwise."""
    title = " ".join(ctx.title.split())
    if m := _ANNOUNCES.search(title):
        words = m.group("name").split()
        # "National Security Memorandum to Counter …": the name before what it is for.
        for cut, word in enumerate(words):
            if cut >= 2 and word in {"to", "on", "for", "and", "of", "in"} and len(words) > 6:
                words = words[:cut]
                break
        while words and words[-1] in {"to", "on", "for", "and", "of", "the", "in"}:
            words.pop()
        if 2 <= len(words) <= 6:
            return "the " + " ".join(words)
    # A treaty or declaration named in its own title or opening lines ("the Treaty on the Non-Proliferation …").
    return treaty_name(ctx)


def clean_items(items: tuple[Item, ...], heading: str) -> list[Item]:
    """Items that share no word with the heading asked about: the word would give the heading away."""
    words = stems(heading)
    return [it for it in items if not stems(it.text) & words]


def _distinct(items: list[Item]) -> list[Item]:
    seen: set[str] = set()
    out = []
    for it in items:
        if normalise_text(it.text) not in seen:
            seen.add(normalise_text(it.text))
            out.append(it)
    return out


def build_structure_questions(ctx: Context) -> list[QuestionDraft]:
    found, noun = siblings(ctx)
    if not found:
        return []
    doc = document_name(ctx)
    group = digest(ctx.reading_key, "structure", found[0].at, length=16)
    out: list[QuestionDraft] = []
    headings = [s.heading for s in found]
    for sibling in found:
        others = [h for h in headings if h != sibling.heading]
        items = _distinct([it for lst in sibling.lists for it in clean_items(lst.items, sibling.heading)])
        asked = 0
        for item in items:
            # A heading sharing a word with the item would draw the eye to it: it is no option for this item.
            fair = [h for h in others if not stems(item.text) & stems(h)]
            if len(fair) >= 2 and asked < 2:
                out.append(_where_listed(ctx, sibling, item, fair, doc, noun, group))
                asked += 1
        out += _listed_under(ctx, sibling, found, doc, group)
    out += _heading_matching(ctx, found, doc, group)
    return out


def _where_listed(ctx: Context, sibling: Sibling, item: Item, others: list[str], doc: str, noun: str, group: str) -> QuestionDraft:
    options = sorted(others, key=lambda h: digest(ctx.reading_key, "listed", item.text, h))[:3]
    draft = _base(
        ctx,
        item.sentence,
        QuestionType.SINGLE_CHOICE,
        ("structure-listed", item.text),
        stem=f"Under which of its {noun} does {doc} list “{item.text}”?",
        answer={},
        topic=_topic(ctx, item.sentence),
        fact_key=digest(ctx.reading_key, "structure-item", item.sentence.start, item.text, length=32),
        title=f"Listed under: {sibling.heading}",
        explanation=f"The reading lists “{item.text}” under “{sibling.heading}”.",
    )
    _one_correct(draft, sibling.heading, options)
    draft.passage, draft.start = f"{sibling.heading} … {item.sentence.text}", sibling.at
    notes = ["an item of a list located under its heading", "options: the reading's sibling headings"]
    return _finish(draft, kind="structure", group=group, quality=0.7, notes=notes, evidence_any=[sibling.heading])


def _listed_under(ctx: Context, sibling: Sibling, found: list[Sibling], doc: str, group: str) -> list[QuestionDraft]:
    """Multiple response over one list: two to four of its items, and items of the other lists as distractors."""
    out: list[QuestionDraft] = []
    asked_words = stems(sibling.heading)
    for lst in sibling.lists:
        keys = _distinct([it for it in lst.items if not stems(it.text) & asked_words])[:4]
        if len(keys) < 2:
            continue
        own = {normalise_text(it.text) for it in lst.items}
        elsewhere = [
            it
            for other in found
            if other is not sibling
            for other_list in other.lists
            for it in other_list.items
            if normalise_text(it.text) not in own
            and not stems(it.text) & asked_words
            # Close to an item of this list, it could be read as one of them.
            and not any(len(stems(it.text) & stems(k.text)) * 2 >= len(stems(it.text)) for k in lst.items)
        ]
        distractors = sorted(_distinct(elsewhere), key=lambda it: digest(ctx.reading_key, "under", it.text))[:3]
        if len(distractors) < 2:
            continue
        draft = _base(
            ctx,
            lst.lead,
            QuestionType.MULTIPLE_RESPONSE,
            ("structure-under", sibling.heading, lst.lead.start),
            stem=f"Which of these does {doc} list under the heading “{sibling.heading}”? Select all that apply.",
            answer={},
            topic=_topic(ctx, lst.lead),
            fact_key=digest(ctx.reading_key, "structure-list", lst.lead.start, length=32),
            title=f"Listed under: {sibling.heading}",
            explanation=f"Under “{sibling.heading}” the reading lists: " + "; ".join(f"“{k.text}”" for k in keys) + ".",
        )
        set_select_all(draft, [k.text for k in keys], [d.text for d in distractors])
        draft.passage = " … ".join([sibling.heading, *dict.fromkeys(k.sentence.text for k in keys)])
        draft.start = sibling.at
        notes = ["the items of one list", "distractors: items the reading lists under other headings"]
        out.append(_finish(draft, kind="structure", group=group, quality=0.72, notes=notes))
    return out


def _heading_matching(ctx: Context, found: list[Sibling], doc: str, group: str) -> list[QuestionDraft]:
    """Sibling headings matched with one item each, an item sharing no word with any heading."""
    pairs: list[tuple[str, str, Sentence]] = []
    all_words = set().union(*(stems(s.heading) for s in found))
    for sibling in found:
        items = [it for lst in sibling.lists for it in lst.items if not stems(it.text) & all_words]
        if items:
            item = sorted(items, key=lambda it: digest(ctx.reading_key, "pair", it.text))[0]
            pairs.append((sibling.heading, item.text, item.sentence))
    if len(pairs) < 3:
        return []
    draft = matching_draft(ctx, "structure-headings", pairs[:5], f"Match each heading of {doc} with an item listed under it.")
    heads = {s.heading: s for s in found}
    draft.passage = " … ".join(f"{h} … {s.text}" for h, _, s in pairs[:5])
    draft.start = min(heads[h].at for h, _, _ in pairs[:5])
    return [_finish(draft, kind="structure", group=group, quality=0.72, notes=["sibling headings with an item each"])]


def other_lists_texts(
    ctx: Context, own: Sequence[str], elsewhere: list[str], *, avoid: set[str], salt: str, count: int, like: Sequence[str] = ()
) -> list[str]:
    """Distractors of a "which of these does it list" question: texts of the reading's other lists that this
    list does not hold and that share no word with what the stem prints (``avoid``), in a fixed order; those
    sharing the most words with the keys (``like``) first, so that no word the keys lack tells the wrong ones apart."""
    mine = {normalise_text(t) for t in own}
    fair = [t for t in elsewhere if normalise_text(t) not in mine and not stems(t) & avoid]
    keys_words = {w for t in like for w in stems(t)}
    return sorted(dict.fromkeys(fair), key=lambda t: (-len(stems(t) & keys_words), digest(ctx.reading_key, salt, t)))[:count]


def set_select_all(draft: QuestionDraft, keys: list[str], distractors: list[str]) -> None:
    """The options (keys and distractors, shuffled by the draft's key) and the ids of the keys."""
    draft.choices = choice_list(draft.key, keys + distractors)
    draft.answer = {"correct": sorted(c["id"] for c in draft.choices if c["text"] in set(keys))}
