"""12. A list under a lead-in, not under sibling headings: "Which of these does <document> list after the
words “The plan sets three goals”?"

The keys are the list's items; the distractors are items of the reading's other lists (listed
after other words, so surely not after these). Asked only when the lead-in stands alone as a
quotation, and never with an option sharing a word with the lead-in (the word would point at it).
Lists under sibling headings are asked by heading in ``structure``.
"""

from __future__ import annotations

from quizzes.generation.builders import Context, QuestionDraft, _base
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import digest, word_count
from quizzes.generation.understanding.sentences import _clean, _finish, _topic
from quizzes.generation.understanding.structure import (
    _PERSONAL_OPTION,
    ItemList,
    document_name,
    find_lists,
    other_lists_texts,
    set_select_all,
    siblings,
    stems,
)
from quizzes.models import QuestionType

MAX_LEAD_WORDS = 30
KEYS, DISTRACTORS = 4, 3


def standalone_lists(ctx: Context) -> list[ItemList]:
    found, _ = siblings(ctx)
    under_headings = {s.section.order for s in found}
    return [
        lst
        for section in ctx.facts.sections
        if section.kind in {"body", "conclusion", "abstract"} and section.language == "en" and section.order not in under_headings
        for lst in find_lists(ctx, section)
    ]


def _lead_stands_alone(ctx: Context, lst: ItemList, lead: str) -> bool:
    """The lead-in read as a sentence of its own: its colon is no missing end, and a short one is still whole."""
    if lst.lead.section.kind not in {"body", "conclusion", "abstract"}:
        return False
    spans = [(m.start, m.end) for m in ctx.facts.mentions.get(lst.lead.start, []) if m.kind == "person_role"]
    return set(sentence_problems(lead + ".", person_spans=spans)) <= {"too short to stand alone"}


def build_lead_in_questions(ctx: Context) -> list[QuestionDraft]:
    lists = standalone_lists(ctx)
    if len(lists) < 2:
        return []
    doc = document_name(ctx)
    group = digest(ctx.reading_key, "lead-in-lists", lists[0].lead.start, length=16)
    out: list[QuestionDraft] = []
    for lst in lists:
        lead = _clean(lst.lead.text)
        if not _lead_stands_alone(ctx, lst, lead) or _PERSONAL_OPTION.search(lead) or word_count(lead) > MAX_LEAD_WORDS:
            continue
        words = stems(lead)
        keys = [it.text for it in lst.items if not stems(it.text) & words][:KEYS]
        elsewhere = [it.text for other in lists if other is not lst for it in other.items]
        own = [it.text for it in lst.items]
        distractors = other_lists_texts(ctx, own, elsewhere, avoid=words, salt="lead-in", count=DISTRACTORS)
        if len(keys) < 2 or len(distractors) < 2:
            continue
        draft = _base(
            ctx,
            lst.lead,
            QuestionType.MULTIPLE_RESPONSE,
            ("lead-in-list", lst.lead.start),
            stem=f"Which of these does {doc} list after the words “{lead}”?",
            answer={},
            topic=_topic(ctx, lst.lead),
            fact_key=digest(ctx.reading_key, "lead-in-list", lst.lead.start, length=32),
            title=f"Listed after: {lead[:60]}",
            explanation=f"After “{lead}” the reading lists: " + "; ".join(f"“{k}”" for k in keys) + ".",
        )
        set_select_all(draft, keys, distractors)
        draft.passage = " … ".join(dict.fromkeys([lst.lead.text, *(it.sentence.text for it in lst.items if it.text in keys)]))
        draft.end = max(it.sentence.end for it in lst.items)
        notes = ["the items of a list after its lead-in", "distractors: items of the reading's other lists"]
        out.append(_finish(draft, kind="structure", group=group, quality=0.7, notes=notes))
    return out
