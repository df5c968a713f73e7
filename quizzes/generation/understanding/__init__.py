"""Questions beyond recall: cause and effect, definitions, matching across sections and
"which statement does the reading support".

Each builder reads sentence shapes, not one paper's wording, and keeps precision first: a
sentence that does not stand alone, a clause with a pronoun, or too few fair distractors
means no question rather than a doubtful one.

1. Cause and effect: a sentence with an explicit causal marker (because, since, as, due to,
   as a result of, led to, in order to, so that, therefore ...) is split into cause and
   effect. The stem asks why the effect holds ("Why, according to the reading, was …?", the
   auxiliary moved in front of the subject), the key is the cause as written, and the wrong
   options are other clauses of the reading of the same shape (a clause for a clause, a
   noun phrase for a noun phrase, a purpose "to …" for a purpose) from other sentences, so
   each is true somewhere in the reading but not the reason given for this effect.
2. Definitions: "X is defined as / refers to / means Y" and "X (ACR), a/an Y," give "Which
   term does the reading define as Y?" with other terms of the same kind as options.
3. Matching across sections: named programmes, operations and organisations to the one year
   the reading gives for them, and actors to what the reading reports they did; the pairs
   come from at least two sections.
4. "Which statement does the reading support?": one sentence rewritten by rule (discourse
   markers and citations dropped, a fronted date moved to the end, asides removed), and three
   variants of the same rewrite that swap a name for another of its fine category, move a
   year or negate the auxiliary; each variant is checked against the whole reading so that
   no sentence supports it.

Chronology ordering and plain acronym expansion live in ``builders`` (gen-core's).

One module per kind (``causes``, ``definitions``, ``matching``, ``variants`` and ``supported``,
``obligations``), over the shared sentence helpers in ``sentences``; ``build`` runs them all.
The names other modules use are re-exported here.
"""

from __future__ import annotations

from quizzes.generation.understanding.build import build_understanding_questions
from quizzes.generation.understanding.variants import rewrite_statement

__all__ = ["build_understanding_questions", "rewrite_statement"]
