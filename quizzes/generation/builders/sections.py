"""Numbered provisions of a document (a treaty's articles): which section says what."""

from __future__ import annotations

import re

from quizzes.generation.builders.drafts import Context, QuestionDraft, _base, quote
from quizzes.generation.facts import topic_of
from quizzes.generation.standalone import OWN_ARTICLE
from quizzes.generation.text import Sentence, contains_term, word_count
from quizzes.models import QuestionType

_NUMBERED_HEADING = re.compile(r"^(?P<label>(?:Article|Section|Chapter|Part|Title|Annex|Pillar)\s+[0-9IVXLC]+)\b")


# Provisions of one section located ("which article?"): they share an exclusion group (one answer), so a
# quiz shows one and the bank keeps the others as alternatives; a long article (the NPT's safeguards) has more.
PROVISIONS_PER_SECTION = 3


# A paragraph that points at another paragraph of its article ("the environments described ... in paragraph 1 of
# this Article", "in accordance with paragraph 3 of this Article") does not say what it provides on its own, and
# the pointer half answers "which article?": blind review 18 turned such a provision down in both samples.
_PARAGRAPH_REFERENCE = re.compile(r"\b(?:sub)?paragraphs?\s+\d+\s+of\s+this\s+(?:Article|Section|Chapter|Part)\b", re.I)


_FINAL_CLAUSE = re.compile(
    r"\b(?:deposited|equally authentic|archives|Depositary|depositaries|instruments of ratification|proposed amendment|signature|registered)\b",
    re.I,
)


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, c in enumerate(numeral):
        v = values[c]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return total


def build_section_questions(ctx: Context) -> list[QuestionDraft]:
    """ "Which article of the reading says …?": a provision located among the reading's own numbered headings.

    Only for readings split into at least four sections headed "Article I", "Section 2" …; the
    options are other headings of the same kind, so every distractor is of the key's class.
    One question per section, from its first sentence that stands alone and states something.
    """
    labelled: dict[str, list[Sentence]] = {}
    kinds: dict[str, str] = {}
    for sentence in ctx.facts.sentences:
        m = _NUMBERED_HEADING.match(sentence.section.heading.strip())
        if m:
            label = m.group("label")
            labelled.setdefault(label, []).append(sentence)
            kinds[label] = label.split()[0].lower()
    if len(labelled) < 4 or len(set(kinds.values())) != 1:
        return []
    noun = next(iter(kinds.values()))
    out: list[QuestionDraft] = []
    for label, sentences in labelled.items():
        candidates = [
            s
            for s in sentences
            if all(p == OWN_ARTICLE for p in ctx.facts.problems.get(s.start, []))
            and 12 <= word_count(s.text) <= 60
            and not _NUMBERED_HEADING.match(s.text)
            and not _FINAL_CLAUSE.search(s.text)
            and not _PARAGRAPH_REFERENCE.search(s.text)
            # A sentence naming an article itself would point at the answer or confuse it.
            and not any(contains_term(quote(s), other) for other in labelled)
        ]
        for sentence in candidates[:PROVISIONS_PER_SECTION]:
            out += _section_question(ctx, sentence, label, noun)
    return out


# A treaty's own name as a heading or title line ("Treaty on the Non-Proliferation of Nuclear Weapons").
_DOCUMENT_NAME = re.compile(
    r"^[#*\s]*(?P<name>(?:The\s+)?(?:[A-Z][\w.-]*\s+){0,6}(?:Treaty|Convention|Charter|Agreement|Protocol|Declaration|Pact|Accord)\b[^\n.;:]{0,140}?)[*\s]*$",
    re.M,
)


def document_name(ctx: Context) -> str:
    """The document a provision is in, named as the reading names it ("the Treaty on the Non-Proliferation
    of Nuclear Weapons"), so a stem says which treaty it asks about; "the reading" when it names none in English."""
    for text in (ctx.title, ctx.cleaned_text[:3000]):
        for m in _DOCUMENT_NAME.finditer(text or ""):
            name = m.group("name").strip()
            if re.search(r"\b(?:of|on|for|between|banning|to|the)\b", name) or len(name.split()) >= 3:
                return name if name.startswith("The ") else f"the {name}"
    return "the reading"


def _section_question(ctx: Context, sentence: Sentence, label: str, noun: str) -> list[QuestionDraft]:
    """ "Which article of the reading says this?" for one sentence of the article ``label``.

    A short answer, not a choice among headings: printed as options, every heading would be the
    key of another question of the bank and they would all have to share one group. The passage
    shows the heading with the sentence, so the answer is in the cited text.
    """
    shown = quote(sentence)
    number = label.split()[1]
    accepted = [label, number]
    if re.fullmatch(r"[IVXLC]+", number):
        arabic = _roman(number)
        accepted += [f"{label.split()[0]} {arabic}", str(arabic)]
    heading_at = ctx.cleaned_text.rfind(label, 0, sentence.start)
    if heading_at < 0 or heading_at < sentence.section.start - len(sentence.section.heading) - 20:
        return []
    draft = _base(
        ctx,
        sentence,
        QuestionType.SHORT_ANSWER,
        ("section", label, sentence.start),
        stem=f"Which {noun} of {document_name(ctx)} contains this provision? “{shown}”",
        answer={"accepted": list(dict.fromkeys(accepted))},
        topic=topic_of(kind="treaty_rule", sentence=sentence, packs=ctx.facts.packs),
        fact_key=next((f.key for f in ctx.by_sentence.get(sentence.start, [])), ""),
        title=f"{label}: {shown[:60]}",
        explanation=f"{label} of the reading says: “{shown}”",
        meta={"section_label": label},
    )
    draft.passage, draft.start = f"{label} … {sentence.text}", heading_at
    return [draft]
