# ruff: noqa: RUF001 - the readings use typographic quotes, so the patterns must too
"""11. Names listed under sibling headings: "Which of these does the reading list under the heading “DOD Elements”?"

A primer lists the members of a body under two or more headings of one level ("DOD Elements:",
"Non-DOD Elements:"), each section a run of names with their abbreviations ("Defense Intelligence
Agency (DIA) National Geospatial-Intelligence Agency (NGA) …"). Found by shape: a section that is
almost wholly such entries, next to another one. The keys are names of one list, the distractors
names of the sibling lists: listed elsewhere, so surely not in this one. A name that only heads a
group ("Department of State (DOS) intelligence component: …") is no member itself and is left out,
and so is a name sharing a word with the heading asked about (the word would give it away).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _base
from quizzes.generation.text import SectionText, Sentence, digest, word_count
from quizzes.generation.understanding.sentences import _finish, _topic
from quizzes.generation.understanding.structure import document_name, other_lists_texts, set_select_all, stems
from quizzes.models import QuestionType

_ENTRY = re.compile(r"(?:\bthe\s+)?(?P<name>[A-Z][\w.’'&-]*(?:,?\s+(?:[A-Z][\w.’'&-]*|of|and|the|for|on))*)\s+\((?P<abbr>[^()\s]{1,12})\)")
# Entries must cover this share of a section's text for it to be a list of names, not prose naming bodies.
MIN_COVERAGE = 0.6
MIN_NAMES, KEYS, DISTRACTORS = 3, 3, 3


@dataclass(frozen=True)
class NameList:
    heading: str
    at: int
    sentence: Sentence  # the section's first sentence, for the draft's provenance
    section: SectionText
    names: tuple[str, ...]


def _name_list(ctx: Context, section: SectionText) -> NameList | None:
    text = section.text.strip()
    if text.count(" (") < MIN_NAMES:
        return None  # prose, cheaply: a list of names carries an abbreviation in brackets after each
    entries = list(_ENTRY.finditer(text))
    if len(entries) < MIN_NAMES or sum(len(m.group()) for m in entries) < MIN_COVERAGE * len(text):
        return None
    names: list[str] = []
    for m, nxt in zip(entries, [*entries[1:], None], strict=True):
        between = text[m.end() : nxt.start() if nxt else len(text)]
        # "Department of State (DOS) intelligence component: …" heads a group; it is not listed itself.
        if ":" in between or word_count(m.group("name")) < 2:
            continue
        names.append(m.group("name").rstrip(","))
    first = next((s for s in ctx.facts.sentences if s.section.order == section.order), None)
    heading = section.heading.strip().rstrip(":").strip()
    at = ctx.cleaned_text.rfind(section.heading.strip(), 0, section.start + 1)
    if first is None or not heading or at < 0 or len(names) < MIN_NAMES:
        return None
    return NameList(heading, at, first, section, tuple(dict.fromkeys(names)))


def sibling_name_lists(ctx: Context) -> list[list[NameList]]:
    """Runs of two or more consecutive sections that are lists of names."""
    runs: list[list[NameList]] = []
    run: list[NameList] = []
    for section in ctx.facts.sections:
        found = _name_list(ctx, section) if section.kind in {"body", "conclusion"} and section.language == "en" else None
        if found is not None:
            run.append(found)
            continue
        if section.text.strip() or not run:  # an empty parent heading ("Statutory IC Elements") does not end a run
            if len(run) >= 2:
                runs.append(run)
            run = []
    if len(run) >= 2:
        runs.append(run)
    return runs


def build_name_list_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    doc = document_name(ctx)
    for run in sibling_name_lists(ctx):
        group = digest(ctx.reading_key, "name-lists", run[0].at, length=16)
        for lst in run:
            asked = stems(lst.heading)
            keys = [n for n in lst.names if not stems(n) & asked]
            keys = sorted(keys, key=lambda n: digest(ctx.reading_key, "name-key", n))[:KEYS]
            elsewhere = [n for other in run if other is not lst for n in other.names]
            # Alike in form: "U.S. Naval Intelligence" beside "Central Intelligence Agency" and "Bureau of Intelligence
            # and Research" is plainly military, so plainly not a "Non-DOD Element" (blind review 65, both reviewers).
            distractors = other_lists_texts(ctx, lst.names, elsewhere, avoid=asked, salt="name-other", count=DISTRACTORS, like=keys)
            if len(keys) < 2 or len(distractors) < 2:
                continue
            draft = _base(
                ctx,
                lst.sentence,
                QuestionType.MULTIPLE_RESPONSE,
                ("name-list", lst.heading),
                stem=f"Which of these does {doc} list under the heading “{lst.heading}”? Select all that apply.",
                answer={},
                topic=_topic(ctx, lst.sentence),
                fact_key=digest(ctx.reading_key, "name-list", lst.at, length=32),
                title=f"Listed under: {lst.heading}",
                explanation=f"Under “{lst.heading}” the reading lists " + ", ".join(lst.names) + ".",
            )
            set_select_all(draft, keys, distractors)
            draft.passage = f"{lst.heading} … {lst.section.text.strip()}"
            draft.start, draft.end = lst.at, lst.section.start + len(lst.section.text)
            notes = ["names the reading lists under one heading", "distractors: names listed under a sibling heading"]
            out.append(_finish(draft, kind="structure", group=group, quality=0.72, notes=notes))
    return out
