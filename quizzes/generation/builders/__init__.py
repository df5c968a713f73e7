"""Per-type question builders: facts in, question drafts out (choices, key, provenance).

Every draft carries its source passage (a sentence, or for questions over several facts the
sentences joined with " … "), the passage's offsets in the reading's cleaned text, a topic,
an estimated difficulty and a stable ``key`` so regeneration can recognise it. Options are
listed in a neutral (alphabetical) order with opaque ids; the attempt shuffles them.

One module per area: ``drafts`` (the draft, the reading's context, shared draft helpers),
``blanks`` (which mention of a sentence to blank, and which blanks give themselves away),
``figures`` (years, money, quantities and the figures of a passage), ``cloze`` (gap fill and
the single choice over a gap), ``true_false``, ``sentence`` (one sentence's question, picking
the type), ``lists`` (multiple response), ``names`` (acronyms, people, systems, programmes),
``ordering`` (chronology) and ``sections`` (numbered provisions). The names other modules use
are re-exported here.
"""

from __future__ import annotations

from quizzes.generation.builders.blanks import _focus, guessable_blank, in_enumeration, office_trivia
from quizzes.generation.builders.cloze import _accepted, shorter_forms, stem_hints_key
from quizzes.generation.builders.drafts import (
    NAMES_PER_SENTENCE,
    Context,
    QuestionDraft,
    _base,
    _one_correct,
    choice_list,
    difficulty,
    joined_passage,
    opens_with_unresolved_reference,
    quote,
)
from quizzes.generation.builders.figures import build_figure_choice, build_figure_true_false, build_year_numeric, other_figures
from quizzes.generation.builders.lists import build_list_question, sentence_lists
from quizzes.generation.builders.names import (
    build_acronym_questions,
    build_person_questions,
    build_programme_questions,
    build_system_questions,
)
from quizzes.generation.builders.ordering import build_ordering_questions, event_label
from quizzes.generation.builders.sections import _FINAL_CLAUSE, build_section_questions
from quizzes.generation.builders.sentence import build_sentence_question, sentence_question_formats
from quizzes.generation.builders.true_false import same_side, swap_phrase

__all__ = [
    "NAMES_PER_SENTENCE",
    "_FINAL_CLAUSE",
    "Context",
    "QuestionDraft",
    "_accepted",
    "_base",
    "_focus",
    "_one_correct",
    "build_acronym_questions",
    "build_figure_choice",
    "build_figure_true_false",
    "build_list_question",
    "build_ordering_questions",
    "build_person_questions",
    "build_programme_questions",
    "build_section_questions",
    "build_sentence_question",
    "build_system_questions",
    "build_year_numeric",
    "choice_list",
    "difficulty",
    "event_label",
    "guessable_blank",
    "in_enumeration",
    "joined_passage",
    "office_trivia",
    "opens_with_unresolved_reference",
    "other_figures",
    "quote",
    "same_side",
    "sentence_lists",
    "sentence_question_formats",
    "shorter_forms",
    "stem_hints_key",
    "swap_phrase",
]
