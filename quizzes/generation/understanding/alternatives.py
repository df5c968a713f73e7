"""15. Alternatives a reading lays out one by one: "One possible scenario is a U.S.-brokered ceasefire, in
which …", "Another potential scenario is a prolonged war of attrition in which …", "A third scenario
involves …". Each is asked by what the reading says happens in it ("Which scenario does the reading
describe as one in which neither side achieves a decisive victory …?"), with the reading's other
alternatives of the same section as the options: every option is one the reading itself considers, so
only the description tells them apart.

Asked only when a section names three alternatives or more this way (two are a pair, not a set to
choose from), and never when the name shares a word with its own description (matching words is not
reading).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct
from quizzes.generation.text import Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _CLAUSE_VERB,
    _capital,
    _clean,
    _fact_key,
    _finish,
    _sentence_group,
    _topic,
    fragment_stands_alone,
)
from quizzes.models import QuestionType

# "One possible scenario is X, in which Y", "Another possibility is X, in which Y", "A third scenario involves X, in which Y".
_ALTERNATIVE = re.compile(
    r"^(?:(?:However|Finally|Lastly|Alternatively|Additionally),\s+)?(?:One|Another|A|The)\s+"
    r"(?:(?:first|second|third|fourth|fifth|final|last|possible|potential|further|other|likely|alternative)\s+){0,2}"
    r"(?P<label>scenario|possibility|option|outcome|approach|pathway|path)\s+"
    r"(?:is|involves|would be|could be|would involve|could involve)\s+"
    r"(?P<name>(?:an?\s+|the\s+)?[^,;:()]{3,60}?),?\s+in\s+which\s+(?P<desc>[^;:]{15,})$"
)
MIN_ALTERNATIVES = 3
MAX_DESCRIPTION_WORDS = 30


@dataclass(frozen=True)
class Alternative:
    sentence: Sentence
    label: str  # "scenario", "possibility" …: what the reading calls it
    name: str  # "a U.S.-brokered ceasefire"
    description: str  # "the Trump administration negotiates a settlement that freezes …"
    askable: bool  # the description stands alone as a stem (else the alternative is only an option for the others)


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, so "Russian" meets "Russia's" and "involvement" "involved"."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in {"that", "with", "which", "their", "from", "into", "over"}}


def find_alternatives(ctx: Context) -> dict[int, list[Alternative]]:
    """Section order -> the alternatives it lays out, in reading order."""
    found: dict[int, list[Alternative]] = defaultdict(list)
    for sentence in ctx.facts.sentences:
        m = _ALTERNATIVE.match(_clean(sentence.text))
        if m is None:
            continue
        name, description = m.group("name").strip(), m.group("desc").strip()
        if not fragment_stands_alone(name):
            continue
        askable = (
            fragment_stands_alone(description)
            and bool(_CLAUSE_VERB.search(description))
            and word_count(description) <= MAX_DESCRIPTION_WORDS
            # "increased NATO involvement, in which European NATO members …": the word gives the key away.
            and not _stems(name) & _stems(description)
        )
        found[sentence.section.order].append(Alternative(sentence, m.group("label").lower(), name, description, askable))
    return {order: items for order, items in found.items() if len({normalise_text(a.name) for a in items}) >= MIN_ALTERNATIVES}


def build_alternative_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    for items in find_alternatives(ctx).values():
        label = Counter(a.label for a in items).most_common(1)[0][0]
        for alt in items:
            if not alt.askable:
                continue
            others = [_capital(o.name) for o in items if normalise_text(o.name) != normalise_text(alt.name)]
            others = sorted(dict.fromkeys(others), key=lambda o: digest(ctx.reading_key, "alternative", alt.sentence.start, o))[:3]
            draft = _base(
                ctx,
                alt.sentence,
                QuestionType.SINGLE_CHOICE,
                ("alternative", alt.sentence.start),
                stem=f"Which {label} does the reading describe as one in which {alt.description}?",
                answer={},
                topic=_topic(ctx, alt.sentence),
                fact_key=_fact_key(ctx, alt.sentence),
                title=f"Alternative: {alt.name[:60]}",
            )
            _one_correct(draft, _capital(alt.name), others)
            notes = [
                f"one of {len(items)} {label}s the reading lays out, asked by what happens in it",
                "options: the reading's other alternatives of the same section",
            ]
            out.append(
                _finish(
                    draft,
                    kind="alternative",
                    group=_sentence_group(ctx, alt.sentence),
                    quality=0.75,
                    notes=notes,
                    evidence_any=[alt.name],
                )
            )
    return out
