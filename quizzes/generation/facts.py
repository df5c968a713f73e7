"""From sections to typed facts: each mention in a sentence becomes a fact with provenance.

A fact keeps the normalised value, the kind-specific data (role, amount and currency, year),
the sentence it came from and the sentence's offsets in the reading's cleaned text. Its
``key`` is derived from kind, value and position, so regenerating the same text gives the
same keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quizzes.generation.extract import Mention, extract_mentions
from quizzes.generation.lexicon import Lexicon
from quizzes.generation.packs import GENERIC_TOPICS, Pack
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import SectionText, Sentence, digest, split_sentences

# Sections questions may come from. The foreign-language abstract, the title line and the
# references never produce questions (removed boilerplate is not in the cleaned text at all).
QUESTION_SECTION_KINDS = {"abstract", "body", "conclusion"}

_ARTICLE5 = re.compile(r"\bArticle 5\b|collective defen[cs]e", re.IGNORECASE)

_KIND_OF_MENTION = {
    "system": "system",
    "organisation": "organisation",
    "programme": "programme",
    "summit": "summit",
    "person_role": "person_role",
    "money": "money",
    "date": "event",
    "place": "place",
    "term": "term",
}


@dataclass
class FactDraft:
    key: str
    kind: str
    topic: str
    value: str
    data: dict[str, Any]
    sentence: Sentence
    mention: Mention | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end


@dataclass
class ReadingFacts:
    """Everything extracted from one reading: its sentences and facts, in reading order."""

    sections: list[SectionText]
    sentences: list[Sentence]
    facts: list[FactDraft]
    mentions: dict[int, list[Mention]]  # sentence start -> mentions
    # sentence start -> why it cannot be quoted alone (empty: it stands alone); see ``standalone``.
    problems: dict[int, list[str]] = field(default_factory=dict)
    packs: tuple[Pack, ...] = ()  # the domain packs the reading is of

    def stands_alone(self, sentence: Sentence) -> bool:
        return not self.problems.get(sentence.start)


def usable_section(section: SectionText) -> bool:
    return section.kind in QUESTION_SECTION_KINDS and section.language == "en" and bool(section.text.strip())


def topic_of(*, kind: str, sentence: Sentence, packs: tuple[Pack, ...], category: str = "") -> str:
    """The pack's topic for a fact (by the sentence, its heading, then the fact's kind); a generic one outside any pack."""
    for pack in packs:
        for candidate in ("concept",) if category == "concept" else (kind,):
            topic = pack.topic_for(kind=candidate, sentence=sentence.text, heading=sentence.section.heading)
            if topic:
                return topic
    return GENERIC_TOPICS.get(kind, "key-terms")


def reading_facts(*, sections: list[SectionText], lexicon: Lexicon, packs: tuple[Pack, ...] = ()) -> ReadingFacts:
    """Sentences, mentions and facts of the usable sections; ``lexicon`` should hold only the terms of ``packs``."""
    sentences: list[Sentence] = []
    facts: list[FactDraft] = []
    mentions: dict[int, list[Mention]] = {}
    problems: dict[int, list[str]] = {}
    for section in sections:
        if not usable_section(section):
            continue
        for sentence in split_sentences(section):
            sentences.append(sentence)
            found = extract_mentions(sentence.text, lexicon)
            mentions[sentence.start] = found
            problems[sentence.start] = sentence_problems(
                sentence.text, person_spans=[(m.start, m.end) for m in found if m.kind == "person_role" or m.category == "person"]
            )
            for mention in found:
                kind = _KIND_OF_MENTION.get(mention.kind)
                if kind is None:
                    continue
                data = {
                    **mention.data,
                    "surface": mention.surface,
                    "aliases": list(mention.aliases),
                    "category": mention.category,
                    "start": sentence.start + mention.start,
                    "end": sentence.start + mention.end,
                }
                key = digest(kind, mention.value, sentence.start + mention.start, length=32)
                topic = topic_of(kind=mention.kind, sentence=sentence, packs=packs, category=mention.category)
                facts.append(FactDraft(key, kind, topic, mention.value, data, sentence, mention))
                if mention.source == "acronym":
                    acr = {"short": mention.data["short"], "long": mention.data["long"], "category": mention.category, "of_kind": kind}
                    facts.append(
                        FactDraft(
                            digest("acronym", mention.data["short"], sentence.start, length=32),
                            "acronym",
                            topic_of(kind=kind, sentence=sentence, packs=packs),
                            mention.data["short"],
                            acr,
                            sentence,
                            mention,
                        )
                    )
            if _ARTICLE5.search(sentence.text) or re.search(r"cannot be admitted|can only be .*considered once", sentence.text):
                facts.append(
                    FactDraft(
                        digest("treaty_rule", sentence.start, length=32),
                        "treaty_rule",
                        topic_of(kind="treaty_rule", sentence=sentence, packs=packs),
                        sentence.text[:300],
                        {},
                        sentence,
                    )
                )
    return ReadingFacts(sections, sentences, facts, mentions, problems, packs)
