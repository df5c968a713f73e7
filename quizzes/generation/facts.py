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
from quizzes.generation.text import SectionText, Sentence, digest, split_sentences

# Sections questions may come from. The foreign-language abstract, the title line and the
# references never produce questions (removed boilerplate is not in the cleaned text at all).
QUESTION_SECTION_KINDS = {"abstract", "body", "conclusion"}

_ARTICLE5 = re.compile(r"\bArticle 5\b|collective defen[cs]e", re.IGNORECASE)
_MEMBERSHIP = re.compile(r"\b(membership|accession|admit\w*|join\w*|enlargement|aspiration\w*|member state|Allies)\b", re.IGNORECASE)

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


def usable_section(section: SectionText) -> bool:
    return section.kind in QUESTION_SECTION_KINDS and section.language == "en" and bool(section.text.strip())


def sentence_topic(sentence: Sentence) -> str | None:
    if _ARTICLE5.search(sentence.text):
        return "article-5"
    if _MEMBERSHIP.search(sentence.text):
        return "membership"
    if "scenario" in sentence.section.heading.lower():
        return "scenarios"
    return None


def _topic(mention: Mention, sentence: Sentence) -> str:
    context = sentence_topic(sentence)
    if mention.kind in {"place", "term", "date"}:
        if mention.category == "concept":
            return context or "strategy"
        if context:
            return context
        if mention.kind == "date" and (mention.data.get("year") or 9999) < 2022:
            return "history"
        return "history" if mention.kind != "place" else "summits-and-diplomacy"
    return mention.topic


def reading_facts(*, sections: list[SectionText], lexicon: Lexicon) -> ReadingFacts:
    sentences: list[Sentence] = []
    facts: list[FactDraft] = []
    mentions: dict[int, list[Mention]] = {}
    for section in sections:
        if not usable_section(section):
            continue
        for sentence in split_sentences(section):
            sentences.append(sentence)
            found = extract_mentions(sentence.text, lexicon)
            mentions[sentence.start] = found
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
                facts.append(FactDraft(key, kind, _topic(mention, sentence), mention.value, data, sentence, mention))
                if mention.source == "acronym":
                    acr = {"short": mention.data["short"], "long": mention.data["long"], "category": mention.category, "of_kind": kind}
                    facts.append(
                        FactDraft(
                            digest("acronym", mention.data["short"], sentence.start, length=32),
                            "acronym",
                            mention.topic,
                            mention.data["short"],
                            acr,
                            sentence,
                            mention,
                        )
                    )
            if _ARTICLE5.search(sentence.text) or re.search(r"cannot be admitted|can only be .*considered once", sentence.text):
                facts.append(
                    FactDraft(
                        digest("treaty_rule", sentence.start, length=32), "treaty_rule", "article-5", sentence.text[:300], {}, sentence
                    )
                )
    return ReadingFacts(sections, sentences, facts, mentions)
