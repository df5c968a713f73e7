"""Every candidate question of a reading: the builders of ``builders``, ``article5`` and
``understanding`` in the order a bank prefers them.

It lives apart from ``builders`` so that the rule and understanding builders can import the
shared draft helpers from ``builders`` at module level: no import cycle, no import inside a function.
"""

from __future__ import annotations

from quizzes.generation.article5 import build_article5_questions
from quizzes.generation.builders import (
    _FINAL_CLAUSE,
    NAMES_PER_SENTENCE,
    Context,
    QuestionDraft,
    _focus,
    build_acronym_questions,
    build_figure_choice,
    build_figure_true_false,
    build_list_question,
    build_ordering_questions,
    build_person_questions,
    build_programme_questions,
    build_section_questions,
    build_system_questions,
    build_year_numeric,
    sentence_lists,
    sentence_question_formats,
)
from quizzes.generation.builders.pairs import leaning_pairs, pair_context
from quizzes.generation.facts import FactDraft
from quizzes.generation.review import demerit
from quizzes.generation.text import Sentence, normalise_text, word_count
from quizzes.generation.understanding import build_understanding_questions
from quizzes.models import QuestionType

# Other formats of a sentence's names a bank keeps as alternatives (a quiz shows one per sentence anyway).
MAX_ALTERNATIVES = 3

# Amounts and counts of a sentence asked besides its names (each one blank of its own).
FIGURE_KINDS = frozenset({"money", "quantity"})
FIGURES_PER_SENTENCE = 2


def build_all(ctx: Context) -> list[QuestionDraft]:
    """Every candidate question of a reading, most valuable first (gates keep the first of near-duplicates)."""
    drafts: list[QuestionDraft] = []
    drafts += build_article5_questions(ctx)
    drafts += build_understanding_questions(ctx)
    drafts += build_acronym_questions(ctx)
    drafts += build_person_questions(ctx)
    drafts += build_system_questions(ctx)
    drafts += build_programme_questions(ctx)
    drafts += build_ordering_questions(ctx)
    drafts += build_section_questions(ctx)
    asked_in: dict[int, set[str]] = {}
    for sentence in ctx.facts.sentences:
        # A sentence counting from the reading's day ("tomorrow") is quoted too when that day is known: every stem these
        # builders write names the quoted sentence through ``Context.from_the_reading``/``according_to``, which date it.
        quotable = ctx.facts.stands_alone(sentence) or ctx.facts.quoted_with_date(sentence)
        if not 6 <= word_count(sentence.text) <= 70 or not quotable or _FINAL_CLAUSE.search(sentence.text):
            continue
        found, asked_in[sentence.start] = _sentence_drafts(ctx, sentence)
        drafts += found
    # A sentence that leans on the one before is asked with it (``pairs``), about its own facts only.
    for previous, current, pair, speaker in leaning_pairs(ctx):
        if _FINAL_CLAUSE.search(pair.text):
            continue
        view, skip = pair_context(ctx, previous, current, pair, speaker)
        found, _ = _sentence_drafts(view, pair, skip | asked_in.get(previous.start, set()))
        # A pair's figure is also chosen among figures of its size and swapped in a true/false, as a single
        # sentence's is: built over the pair, so the stem quotes and cites both sentences.
        found += _figure_formats(view, [d for d in found if d.type == QuestionType.NUMERIC])
        # The passage cited is the reading's own text of the two, as a single sentence's is: a paragraph break
        # between them ("… for Ukraine.\n\nThe meeting was co-hosted …") and a leading "And" stay as written.
        section = current.section
        source = section.text[previous.start - section.start : current.end - section.start]
        for draft in found:
            draft.meta["asks_sentence"] = [current.start, current.end]
            draft.passage = source
        drafts += found
    numerics = [d for d in drafts if d.type == QuestionType.NUMERIC and "asks_sentence" not in d.meta]
    return drafts + _figure_formats(ctx, numerics)


def _figure_formats(ctx: Context, numerics: list[QuestionDraft]) -> list[QuestionDraft]:
    """The true/false and the choice of each numeric question's figure (``figures``), true/false ones first."""
    out = [q for d in numerics if (q := build_figure_true_false(ctx, d)) is not None]
    return out + [q for d in numerics if (q := build_figure_choice(ctx, d)) is not None]


def _as_a_second_choice(ctx: Context, focus: FactDraft, used_types: set[str]) -> list[QuestionDraft]:
    """A sentence's second name whose own formats were all turned down (a country's blank, a swapped country), asked as
    a single choice when the sentence has one already ("NATO's newest Ally, Finland, and … bring ____ into the
    Alliance"): a fact of its own, kept in the sentence's group as an alternative. Options only: a second blank typed in
    on a name the first format passed over is the news's (blind review turned such blanks down)."""
    if QuestionType.SINGLE_CHOICE not in used_types:
        return []
    others = frozenset(t for t in QuestionType.values if t != QuestionType.SINGLE_CHOICE)
    return [q for q in sentence_question_formats(ctx, focus, others) if not demerit(ctx, q)][:1]


def _sentence_drafts(ctx: Context, sentence: Sentence, skip: set[str] = frozenset()) -> tuple[list[QuestionDraft], set[str]]:  # type: ignore[assignment]
    """The questions of one sentence (its lists, up to three of its names, its year), none about a fact in ``skip``;
    and the facts asked (keys and normalised names)."""
    drafts: list[QuestionDraft] = []
    for items in sentence_lists(ctx, sentence):
        if any(f.key in skip for f in items):
            continue
        if (q := build_list_question(ctx, items)) is not None:
            drafts.append(q)
    # Up to three names of a sentence are asked about, each first in its own type; the other format of
    # the same gap a reviewer would accept follows (typed in, or chosen among options). They share the sentence's exclusion group, so a bank approves one and
    # keeps the others as alternatives.
    asked: set[str] = set(skip)
    used_types: set[str] = {QuestionType.MULTIPLE_RESPONSE}
    focus = first_focus = _focus(ctx, sentence, asked)
    good = figures = 0
    passed: set[str] = set()
    alternatives: list[QuestionDraft] = []
    for _ in range(NAMES_PER_SENTENCE + FIGURES_PER_SENTENCE + 4):
        if focus is None or (good >= NAMES_PER_SENTENCE and figures >= FIGURES_PER_SENTENCE):
            break
        figure = focus.kind in FIGURE_KINDS
        # A name past the names' places is passed over, not a reason to stop: an amount may follow it.
        full = figures >= FIGURES_PER_SENTENCE if figure else good >= NAMES_PER_SENTENCE
        formats = [] if full else sentence_question_formats(ctx, focus, frozenset(used_types))
        accepted = [q for q in formats if not demerit(ctx, q)]
        if accepted:
            drafts.append(accepted[0])
            used_types.add(accepted[0].type)
            # A sentence's second amount ("a €9 billion package …, while the U.S. allocated over $40 billion") is a
            # fact of its own, not another format of a name: it does not take a name's place.
            if figure:
                figures += 1
            else:
                good += 1
            # A swap made only to offer another format is not worth its risk (a plural name swapped for a
            # singular one, a system the same donor also sent): the alternatives ask the same gap.
            alternatives += [q for q in accepted[1:] if q.type != QuestionType.TRUE_FALSE]
        elif formats:
            drafts.append(formats[0])  # kept for the record: ``quality`` drops it with its reason
            if not figure:
                alternatives += _as_a_second_choice(ctx, focus, used_types)
        if full:
            passed |= {focus.key, normalise_text(focus.value)}
        asked |= {focus.key, normalise_text(focus.value)}
        focus = _focus(ctx, sentence, asked)
        if focus is not None and focus.kind == "event":
            break
    drafts += alternatives[:MAX_ALTERNATIVES]
    focus = first_focus
    # A dated sentence also asks for its year unless the year was the focus already (or the stem prints the reading's date).
    if (focus is None or focus.kind != "event") and not ctx.facts.quoted_with_date(sentence):
        for fact in ctx.by_sentence.get(sentence.start, []):
            if fact.key not in skip and fact.kind == "event" and fact.mention is not None and fact.mention.data.get("year"):
                if (q := build_year_numeric(ctx, fact)) is not None:
                    drafts.append(q)
                break
    return drafts, asked - skip - passed
