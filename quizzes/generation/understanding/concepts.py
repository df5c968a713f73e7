"""A concept of the field that a sentence describes without naming it: "Trump has encouraged European NATO members
to take on more responsibility for regional security, …" -> "Which concept does this sentence from the reading
describe?" (burden sharing), the pack's other concepts of the same kind (alliance politics, arms control, ways of war)
as options: a concept of another kind is no fair option ("war of attrition" beside "burden sharing" is guessed).

The concepts and their cues are pack data (``rules.json`` "described_concepts"); nothing here names a reading. A
sentence is asked only when it stands alone, one cue of a concept matches it, no cue of another concept of its kind (or
one the pack says overlaps with it) does, and it names none of the concept's words (a sentence saying "burden sharing"
gives its own answer); an option the sentence names or that overlaps with the key is left out, and at most
``MAX_SENTENCES_PER_CONCEPT`` sentences of a reading are asked for one concept (the same key again is one fact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quizzes.generation.builders import Context, QuestionDraft, _one_correct, quote
from quizzes.generation.text import Sentence, normalise_text, us_spelling
from quizzes.generation.understanding.sentences import _finish, _sentence_draft, _sentence_group
from quizzes.models import QuestionType

MAX_SENTENCES_PER_CONCEPT = 2
MIN_OPTIONS = 3
MIN_STEM = 5
SAME_STEM = 6
# Sentences either side of an asked one whose words count as said beside it.
NEIGHBOURS = 2


@dataclass
class _Concept:
    term: str
    kind: str
    cues: list[re.Pattern[str]] = field(default_factory=list)
    description: str = ""
    overlaps: set[str] = field(default_factory=set)
    # The words of the term that give it away when a sentence has them; by default every word of four letters or more.
    # "mission creep" is named by "creep" alone: a sentence about a mission that grew is what it describes, and the
    # word "mission" no more points at it than at an exit strategy.
    named_by: tuple[str, ...] = ()

    def named_in(self, text: str) -> bool:
        if not self.named_by:
            return _names_it(self.term, text)
        return any(_words_named(" ".join(self.named_by), text, shortest=1))

    def cue(self, text: str) -> re.Match[str] | None:
        return next((m for c in self.cues if (m := c.search(text))), None)

    def overlaps_with(self, other: _Concept) -> bool:
        """Two concepts one sentence may describe at once (a great power dictating its neighbours' alignments is a
        sphere of influence, and letting it is appeasement): never offered beside each other."""
        return other.term in self.overlaps or self.term in other.overlaps


def _concepts(ctx: Context) -> list[_Concept]:
    out: dict[str, _Concept] = {}
    for pack in ctx.facts.packs:
        described: dict[str, Any] = pack.rules.get("described_concepts") or {}
        for entry in described.get("concepts", []):
            term = str(entry["term"])
            concept = out.setdefault(term, _Concept(term, str(entry.get("kind", "")), [], str(entry.get("description", ""))))
            concept.cues.extend(re.compile(c, re.IGNORECASE) for c in entry.get("cues", []))
            concept.overlaps.update(str(o) for o in entry.get("overlaps", []))
            # A list of words; one word written as a string is that word, not its letters.
            named = entry.get("named_by", [])
            named = [named] if isinstance(named, str) else named
            concept.named_by = tuple(normalise_text(us_spelling(str(w))) for w in named) or concept.named_by
    return list(out.values())


def _words_named(term: str, text: str, *, shortest: int = 4) -> list[bool]:
    """For each word of a concept (of ``shortest`` letters or more), whether a sentence has it, a word of its stem
    ("sharing the burden", "interoperable") or the stem itself ("deter" for deterrence), in either English spelling
    ("collective defense")."""
    words = set(re.findall(r"[a-z]+", normalise_text(us_spelling(text))))
    parts = re.findall(r"[a-z]+", normalise_text(us_spelling(term)))
    return [any(_same_stem(w, part) for w in words) for part in parts if len(part) >= shortest]


def _same_stem(word: str, part: str) -> bool:
    """ "deterring" and "deterred" share the stem of "deterrence" (its first six letters), and "deter" is its stem."""
    return word.startswith(part[:SAME_STEM]) or (len(word) >= MIN_STEM and part.startswith(word))


def _names_it(term: str, text: str) -> bool:
    """A sentence with one word of the concept gives the answer away ("burden" for burden sharing)."""
    return any(_words_named(term, text))


def _names_all_of(term: str, text: str) -> bool:
    """A sentence naming every word of another concept ("collective defence") makes it an option that fits."""
    named = _words_named(term, text)
    return bool(named) and all(named)


def build_described_concept_questions(ctx: Context) -> list[QuestionDraft]:
    concepts = _concepts(ctx)
    if len(concepts) <= MIN_OPTIONS:
        return []
    found: list[tuple[Sentence, str, _Concept, str]] = []
    asked: dict[str, int] = {}
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or not ctx.facts.stands_alone(sentence):
            continue
        shown = quote(sentence)
        matched = [c for c in concepts if c.cue(shown) is not None]
        for concept in matched:
            cue = concept.cue(shown)
            if cue is None or concept.named_in(shown) or asked.get(concept.term, 0) >= MAX_SENTENCES_PER_CONCEPT:
                continue
            # A sentence two concepts of one kind (or two overlapping ones) describe has no single best answer.
            if any(o is not concept and (o.kind == concept.kind or o.overlaps_with(concept)) for o in matched):
                continue
            asked[concept.term] = asked.get(concept.term, 0) + 1
            found.append((sentence, shown, concept, cue.group(0)))
    out: list[QuestionDraft] = []
    for sentence, shown, concept, evidence in found:
        # Only concepts of the key's kind are options, never one that overlaps with it; another concept asked in the
        # reading comes last among them: offered, it would tie the two questions into one exclusion group.
        peers = (o.term for o in concepts if o.kind == concept.kind and o.term != concept.term and not o.overlaps_with(concept))
        # Nor one the two sentences either side of it name: "… to spend more to contribute to our collective defense. This builds
        # on the progress … 2023 is the ninth consecutive year of increased defense spending by non-U.S. Allies." (the press
        # briefing: blind review 50 found "collective defence" defensible beside the key, burden sharing).
        around = " ".join([shown, *_neighbours(ctx, sentence)])
        others = sorted((o for o in peers if not _names_all_of(o, around)), key=lambda o: o in asked)
        if len(others) >= MIN_OPTIONS:
            out.append(_question(ctx, sentence, shown, concept, others[:MIN_OPTIONS], evidence))
    return out


def _neighbours(ctx: Context, sentence: Sentence) -> list[str]:
    """The texts of the two sentences before and the two after ``sentence`` in its section."""
    return [s.text for s in ctx.facts.sentences if s.section is sentence.section and 0 < abs(s.index - sentence.index) <= NEIGHBOURS]


def _question(ctx: Context, sentence: Sentence, shown: str, concept: _Concept, others: list[str], evidence: str) -> QuestionDraft:
    term = concept.term
    known = ctx.lexicon.lookup(term)
    description = known.description if known is not None and known.description else concept.description
    about = f" ({description})" if description else ""
    draft = _sentence_draft(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("described-concept", sentence.start, term),
        stem=f"Which concept does {ctx.from_the_reading(sentence)} describe? “{shown}”",
        answer={},
        title=f"Concept: {term}",
        explanation=f"The sentence describes {term}{about}: “{shown}”",
    )
    _one_correct(draft, term, others)
    notes = ["a concept of the field the sentence describes without naming it", "options: the pack's other concepts of its kind"]
    return _finish(draft, kind="concept", group=_sentence_group(ctx, sentence), quality=0.72, notes=notes, evidence_any=[evidence])
