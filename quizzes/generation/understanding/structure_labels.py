# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns and comments must too
"""10. Labelled items: a run of paragraphs each giving a label and what it means.

Two shapes, found by form only: "Resilient, where cyber incidents and errors have little widespread
or lasting impact;" (a label, a comma and "where/which/in which …", or a colon or dash), and the rows
of a table turned into paragraphs, "Operational Intelligence focuses on military capabilities …"
(three or more paragraphs opening with two capitalised words that end alike, then a verb).

Asked: "Which of these does <document> define with the words “where …”?" / "According to <document>,
which of these focuses on …?" with the run's other labels as options, and a matching of labels with their descriptions. A
description sharing a word with its own label (not with every label) gives it away and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct
from quizzes.generation.standalone import zipf
from quizzes.generation.text import Sentence, digest, normalise_text
from quizzes.generation.understanding.sentences import _finish, _topic, matching_draft
from quizzes.generation.understanding.structure import document_name, option_text, paragraphs, stems
from quizzes.models import QuestionType

MIN_RUN = 3
_DEFINED = re.compile(
    r"^(?P<label>[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,2})(?:,\s+(?P<rel>where|which|in which|whereby|when)\s+|\s*[:–—]\s+)(?P<desc>\S.*)$"
)
_ROW = re.compile(
    r"^(?P<label>[A-Z][a-z]+\s+(?P<noun>[A-Z][a-z]+))\s+(?P<desc>(?!(?:says|adds|notes|states|tells|argues|claims|warns)\b)[a-z]{3,}s\b.*)$"
)


@dataclass(frozen=True)
class Labelled:
    label: str
    descriptions: tuple[str, ...]  # as options (``structure.option_text``): a row's clauses, in order
    relative: str  # "where", "which" … before the description, "" for a row or a colon
    sentence: Sentence


def labelled_runs(ctx: Context) -> list[list[Labelled]]:
    """Runs of three or more consecutive paragraphs of one shape; a description that cannot stand as an
    option (we/our, a pronoun, too long) keeps its label in the run as an option for the others."""
    runs: list[list[Labelled]] = []
    for section in ctx.facts.sections:
        if section.kind not in {"body", "conclusion"} or section.language != "en":
            continue
        run: list[Labelled] = []
        shape = ""
        previous = ""
        for text, sentence in [*paragraphs(ctx, section), ("", None)]:
            found = _parse(text) if sentence is not None else None
            # "Label, where …" items follow a lead-in ending with a colon (a speaker's "NAME: …" turns do not).
            if found and found[0] == "defined" and not run and not previous.endswith(":"):
                found = None
            previous = text
            if found and sentence is not None and (not run or found[0] == shape):
                shape = found[0]
                run.append(Labelled(found[1], found[2], found[3], sentence))
                continue
            if len(run) >= MIN_RUN:
                runs.append(run)
            run, shape = ([], "")
            if found and sentence is not None:
                shape = found[0]
                run = [Labelled(found[1], found[2], found[3], sentence)]
    return runs


def _parse(text: str) -> tuple[str, str, tuple[str, ...], str] | None:
    """(shape, label, descriptions as options, relative word) of one paragraph, or None."""
    if (m := _DEFINED.match(text)) and not re.search(r"\b[A-Z]{2,}\b", m.group("label")):
        return "defined", m.group("label"), (option_text(m.group("desc")),), m.group("rel") or ""
    if m := _ROW.match(text):
        # "assists …; monitors …; helps with …": each clause says what the row's label does.
        clauses = [re.sub(r"^(?:and|or)\s+", "", c) for c in re.split(r";\s*", m.group("desc"))]
        return f"row:{m.group('noun')}", m.group("label"), tuple(option_text(c) for c in clauses), ""
    return None


def build_label_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    doc = document_name(ctx)
    for run in labelled_runs(ctx):
        labels = [r.label for r in run]
        if len({normalise_text(lb) for lb in labels}) != len(labels):
            continue
        shared = set.intersection(*(stems(lb) for lb in labels))
        # The first description sharing no word with any label: a word of its own label would give it away,
        # a word of another would point at that one.
        distinct = set().union(*(stems(lb) for lb in labels)) - shared
        usable = [(r, d) for r in run if not _everyday_word(r.label) and (d := _description(run, r, distinct))]
        group = digest(ctx.reading_key, "labelled", run[0].sentence.start, length=16)
        for item, described in usable:
            out.append(_which_label(ctx, item, described, [lb for lb in labels if lb != item.label], doc, group))
        if len(usable) >= MIN_RUN:
            pairs = [(r.label, d, r.sentence) for r, d in usable[:5]]
            draft = matching_draft(
                ctx, f"labelled-{run[0].sentence.start}", pairs, f"Match each of these terms with its description in {doc}."
            )
            out.append(
                _finish(draft, kind="structure", group=group, quality=0.72, notes=["labels matched with the reading's descriptions"])
            )
    return out


def _description(run: list[Labelled], item: Labelled, distinct: set[str]) -> str:
    """The clause of ``item`` to ask it by: the first whose words no other row's clauses use, else the first sharing no
    word with any label. "Operational Intelligence focuses on military capabilities and intentions of adversaries" fits
    strategic intelligence as well to a student of the field (blind review 53, both reviewers edited it); its
    "identifies adversary centers of gravity and critical vulnerabilities" belongs to it alone."""
    fair = [d for d in item.descriptions if d and not stems(d) & distinct]
    others = set().union(*(stems(d) for row in run if row is not item for d in row.descriptions))
    return next((d for d in fair if not stems(d) & others), fair[0] if fair else "")


# A one-word label of everyday English ("Resilient, where incidents have little lasting impact") is defined by
# what the word means: both blind reviewers of round 11 guessed it from the description alone.
EVERYDAY_ZIPF = 2.5


def _everyday_word(label: str) -> bool:
    return " " not in label and zipf(label.lower()) >= EVERYDAY_ZIPF


def _which_label(ctx: Context, item: Labelled, description: str, others: list[str], doc: str, group: str) -> QuestionDraft:
    described = description[:1].lower() + description[1:]
    if item.relative:
        stem = f"Which of these does {doc} define with the words “{item.relative} {described}”?"
    else:
        stem = f"According to {doc}, which of these {described}?"
    draft = _base(
        ctx,
        item.sentence,
        QuestionType.SINGLE_CHOICE,
        ("labelled", item.label, item.sentence.start),
        stem=stem,
        answer={},
        topic=_topic(ctx, item.sentence),
        fact_key=digest(ctx.reading_key, "labelled-item", item.sentence.start, length=32),
        title=f"Label: {item.label}",
    )
    options = sorted(others, key=lambda o: digest(ctx.reading_key, "label", item.label, o))[:3]
    _one_correct(draft, item.label, options)
    notes = ["a label and its description, as the reading gives them", "options: the other labels of the same run"]
    return _finish(draft, kind="structure", group=group, quality=0.7, notes=notes, evidence_any=[item.label])
