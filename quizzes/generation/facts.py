# ruff: noqa: RUF001 - transcripts use typographic apostrophes, so the patterns must too
"""From sections to typed facts: each mention in a sentence becomes a fact with provenance.

A fact keeps the normalised value, the kind-specific data (role, amount and currency, year),
the sentence it came from and the sentence's offsets in the reading's cleaned text. Its
``key`` is derived from kind, value and position, so regenerating the same text gives the
same keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from quizzes.generation.extract import Mention, extract_mentions
from quizzes.generation.extract.names import person_like
from quizzes.generation.lexicon import Lexicon
from quizzes.generation.packs import GENERIC_TOPICS, Pack
from quizzes.generation.standalone import COUNTED_BACK_REFERENCE, DATED, droppable_lead, repair_stutter, sentence_problems
from quizzes.generation.text import SectionText, Sentence, digest, split_sentences

# Sections questions may come from. The foreign-language abstract, the title line and the
# references never produce questions (removed boilerplate is not in the cleaned text at all).
QUESTION_SECTION_KINDS = {"abstract", "body", "conclusion"}

_ARTICLE5 = re.compile(r"\bArticle 5\b|collective defen[cs]e", re.IGNORECASE)


@lru_cache(maxsize=256)
def _rule_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _states_a_pack_rule(text: str, packs: Sequence[Pack]) -> bool:
    """Whether a pattern of a rule in the packs' ``rules.json`` matches: the sentence a scenario cites is its fact."""
    return any(
        _rule_pattern(pattern).search(text)
        for pack in packs
        for rule in (pack.rules or {}).get("rules", {}).values()
        for pattern in rule.get("patterns", ())
    )


_KIND_OF_MENTION = {
    "system": "system",
    "organisation": "organisation",
    "programme": "programme",
    "summit": "summit",
    "person_role": "person_role",
    "money": "money",
    "quantity": "quantity",
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
    # sentence start -> who says it, for sentences that stand alone only as an attributed quotation
    # (a speech's "we have provided ..." said by the speaker the title or a speaker label names).
    speakers: dict[int, str] = field(default_factory=dict)
    # sentence start -> who says it, for every sentence of a speech, a speaker's turn or an issuer's statement
    # (in the first person or not): what "Which of these did X say?" may quote.
    voices: dict[int, str] = field(default_factory=dict)
    # The day the reading is dated (its front matter or dateline, ``Reading.published_on``); None when the import
    # found none. Known, it resolves "today", "tomorrow", "last night" of a sentence (``quoted_with_date``).
    published_on: date | None = None

    def stands_alone(self, sentence: Sentence) -> bool:
        return not self.problems.get(sentence.start)

    def quoted_with_date(self, sentence: Sentence) -> bool:
        """Whether the sentence's only problem is a relative day ("the Council meets tomorrow"), which a stem giving the
        reading's date resolves: such a sentence is quoted only by a stem that says when it was said or published."""
        return self.published_on is not None and self.problems.get(sentence.start) == [DATED]

    def speaker(self, sentence: Sentence) -> str:
        return self.speakers.get(sentence.start, "")


# "Remarks by President Biden on ...", "Press Briefing by Press Secretary X and National Security Advisor Y"
_TITLE_SPEAKER = re.compile(
    r"\b(?:Remarks|Statement|Speech|Address|Briefing|Interview|Testimony|Keynote|Op-Ed)\s+(?:by|of|from)\s+(?:the\s+)?"
    r"(?P<who>[A-Z][^|,;:()]*?)(?=\s+(?:on|at|in|to|before|during|and|with|for)\b|\s*[|,;:(]|\s*$)"
)
# A transcript turn: "THE PRESIDENT:", "MR. SULLIVAN:", "Q:" at the start of a line.
_SPEAKER_LABEL = re.compile(
    r"(?m)^[ \t]*(?P<label>(?:THE |MR\. |MS\. |MRS\. |DR\. |SECRETARY |AMBASSADOR |GENERAL )?[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,3}|Q):[ \t]"
)
# The same label at the start of one sentence (the splitter keeps it with the first sentence of a turn).
_LEADING_LABEL = re.compile(
    r"^\s*(?P<label>(?:THE |MR\. |MS\. |MRS\. |DR\. |SECRETARY |AMBASSADOR |GENERAL )?[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,3}|Q):\s+(?=[A-Z])"
)
# A run-in heading a news feature opens a paragraph with: "The attack: Early in 1995 General Ratko Mladic …" (blind
# review 91, reviewer B: remove the heading from the stem). A determiner and lower-case words only: a name before a
# colon ("Stoltenberg: …", "Article 5: …") is no heading of this kind.
_RUN_IN_HEADING = re.compile(r"^\s*(?:The|A|An)\s+[a-z]+(?:\s+[a-z]+){0,2}:\s+(?=[A-Z])")
# … and a dateline: "WIESBADEN, Germany -- U.S. Army Europe is preparing …", "KYIV, Ukraine (AP) — …".
_DATELINE = re.compile(r"^\s*[A-Z]{3,}(?:[ -][A-Z]{2,})*,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}(?:\s+\([A-Z]+\))?\s+(?:--|—|–)\s+(?=[A-Z])")
# The same label with its title inside a paragraph, right after a sentence's end.
_INLINE_LABEL = re.compile(
    r"(?<=[.?!])[”\"]?[ \t]+(?P<label>(?:THE|MR\.|MS\.|MRS\.|DR\.|SECRETARY|AMBASSADOR|GENERAL) [A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,3}):[ \t]"
)
_PERSON_FIRST = re.compile(r"^first or second person")


# "FACT SHEET: Biden-Harris Administration Announces ...": the issuer speaks in the first person.
_TITLE_ISSUER = re.compile(
    r"^(?:FACT SHEET|Fact Sheet|Readout|Statement)\s*:\s*(?:the\s+)?(?P<who>[A-Z][^:|]*?)\s+"
    r"(?:Announces|Announce|Releases|Launches|Takes|Unveils|Publishes|Issues|Marks|Hosts|Delivers|Secures|Advances|Outlines|Highlights)\b"
)


def title_speaker(title: str) -> str:
    """Who a speech, briefing or fact sheet is by, as its title says ("President Biden"); empty when the title does not say."""
    plain = " ".join(title.replace("\xa0", " ").split())
    m = _TITLE_SPEAKER.search(plain) or _TITLE_ISSUER.search(plain)
    if not m:
        return ""
    who = m.group("who").strip()
    return ("the " + who) if re.match(r"(?:[\w-]+ )*(?:Administration|Government|Department|Ministry|Office)$", who) else who


# A document two or more parties issue together speaks as them all: "Washington Declaration", "Joint Statement".
_JOINT_DOCUMENT = re.compile(r"\b(?:Declaration|Joint Statement|Joint Communiqu[eé]|Communiqu[eé]|Joint Declaration)\b")
# "President Joseph R. Biden of the United States of America and President Yoon Suk Yeol of the Republic of Korea met …"
_LEADER = r"(?P<office{n}>President|Prime Minister|Chancellor)\s+(?:[A-Z][\w.’'-]*\s+){{1,4}}"
_TWO_LEADERS = re.compile(
    r"^(?:On [^,]{3,40},\s+)?" + _LEADER.format(n=1) + r"(?:of (?:the )?[A-Z][^,]{2,60}?\s+)?and\s+" + _LEADER.format(n=2)
)


def opening_issuers(title: str, first_sentence: str) -> str:
    """Who a joint document's "we" and "our" are: "the two Presidents" when a declaration opens by naming two
    presidents; empty for any other reading (a news report naming two leaders quotes them, it does not speak as them)."""
    if not _JOINT_DOCUMENT.search(" ".join(title.split())):
        return ""
    m = _TWO_LEADERS.match(" ".join(first_sentence.split()))
    if not m:
        return ""
    if m.group("office1") == m.group("office2"):
        return f"the two {m.group('office1')}s"
    return "the two leaders"


_COUNTED_GROUP_PROBLEM = "unresolved reference (a counted group of an earlier sentence)"


def resolve_opening_issuers(facts: ReadingFacts, title: str) -> None:
    """ "The two Presidents announced …", "both Presidents remain …" in a declaration that opens by naming its two
    presidents: the counted group is those two, so a stem shows their names and the sentence stands alone."""
    first = next((s for s in facts.sentences if usable_section(s.section)), None)
    if first is None or not opening_issuers(title, first.text):
        return
    m = _TWO_LEADERS.match(" ".join(first.text.split()))
    assert m is not None  # ``opening_issuers`` matched the same sentence
    office = m.group("office1")
    if office != m.group("office2"):
        return  # "the two leaders" of a president and a prime minister: no one office to find them by
    # The names as the opening writes them ("President Joseph R. Biden", "President Yoon Suk Yeol"), without "of …".
    leaders = re.findall(
        re.escape(office) + r"\s+(?:[A-Z][\w.’'-]*\s*){1,4}?(?=\s+(?:of|and|met|have|signed)\b|,)", " ".join(first.text.split())
    )
    if len(leaders) != 2:
        return
    both = f"{leaders[0].strip()} and {leaders[1].strip()}"
    group = re.compile(r"\b(?:[Tt]he two|[Bb]oth(?: the)?)\s+" + re.escape(office) + r"s\b(?![’'])")
    for sentence in facts.sentences:
        problems = facts.problems.get(sentence.start, [])
        if _COUNTED_GROUP_PROBLEM not in problems:
            continue
        spans = [(g.start(), g.end(), both) for g in group.finditer(sentence.text) if g.start() >= sentence.lead]
        if not spans or len(spans) != len(COUNTED_BACK_REFERENCE.findall(sentence.text[sentence.lead :])):
            continue  # another counted group ("the two sides") is still unresolved
        object.__setattr__(sentence, "names", tuple(sentence.names) + tuple(spans))
        facts.problems[sentence.start] = [p for p in problems if p != _COUNTED_GROUP_PROBLEM]


def _label_speaker(label: str, reading_speaker: str, people: list[str], title: str = "") -> str:
    """The speaker a transcript label names: "MR. SULLIVAN" -> "Jake Sullivan" when the reading names him; "" for questioners."""
    if label == "Q":
        return ""
    words = [w for w in label.replace(".", "").split() if w not in {"THE", "MR", "MS", "MRS", "DR"}]
    if not words:
        return ""
    surname = words[-1].title()
    if label.startswith("THE ") and reading_speaker and surname.lower() in reading_speaker.lower():
        return reading_speaker
    full = next((p for p in people if p.split()[-1].lower() == surname.lower()), None)
    if full:
        return full
    in_title = re.search(r"([A-Z][\w'’-]+ )" + re.escape(surname) + r"\b", title)
    if in_title:
        return in_title.group(1) + surname
    if label.startswith("THE "):
        return "the " + " ".join(w.title() for w in words)
    prefix = label.split()[0].title() if label.split()[0] in {"MR.", "MS.", "MRS.", "DR."} else ""
    return f"{prefix} {surname}".strip()


def attribute_speakers(facts: ReadingFacts, title: str) -> None:
    """Sentences whose only problem is first or second person stand alone as a quotation of their speaker."""
    first = next((s.text for s in facts.sentences if usable_section(s.section)), "")
    reading_speaker = title_speaker(title) or opening_issuers(title, first)
    people = list(dict.fromkeys(m.value for found in facts.mentions.values() for m in found if m.kind == "person_role"))
    turns: dict[int, list[tuple[int, str]]] = {}
    for section in facts.sections:
        found = [
            (section.start + m.start(), _label_speaker(m.group("label"), reading_speaker, people, title))
            for m in _SPEAKER_LABEL.finditer(section.text)
        ]
        # A questioner's turn ("Q  Does ...") has no colon in many transcripts; it may open by finishing the words a
        # speaker cut off ("Q  — he was moving the goalpost, though?") or with a stage direction ("Q  (Inaudible.)").
        found += [(section.start + m.start(), "") for m in re.finditer(r"(?m)^[ \t]*Q\.?[ \t]+(?=[A-Z(“\"—–])", section.text)]
        # A turn whose label follows the question without a line break ("… at war with Russia? MR. SULLIVAN: Well, …"):
        # with a title ("MR.", "MS.", "THE") after a sentence's end it is a label, not a word of the question.
        found += [
            (section.start + m.start("label"), _label_speaker(m.group("label"), reading_speaker, people, title))
            for m in _INLINE_LABEL.finditer(section.text)
        ]
        found.sort()
        turns[section.order] = found
    for sentence in facts.sentences:
        problems = facts.problems.get(sentence.start, [])
        labels = [who for at, who in turns.get(sentence.section.order, []) if at <= sentence.start]
        if labels and labels[-1] == "":
            # A questioner's turn: what a journalist asserts is not what the reading says.
            facts.problems[sentence.start] = [*problems, "questioner's turn"]
            continue
        who = labels[-1] if labels else ("" if turns.get(sentence.section.order) else reading_speaker)
        if who:
            facts.voices[sentence.start] = who
        # A relative day stays a problem of its own (a stem resolves it with the reading's date, ``quoted_with_date``).
        own = [p for p in problems if p != DATED]
        if not own or not all(_PERSON_FIRST.match(p) for p in own):
            continue
        if who:
            facts.speakers[sentence.start] = who
            facts.problems[sentence.start] = [p for p in problems if p == DATED]


# A title before a bare name says who is meant ("President Putin", "Secretary Blinken", "Mr. Bennett").
_TITLE_BEFORE = re.compile(
    r"(?:President|Minister|Secretary|Chancellor|General|Ambassador|Director|Senator|Governor|Admiral|Chairman|Leader|King|Queen|"
    r"Premier|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Professor|Prof\.)\s+$"
)


def mark_bare_names(facts: ReadingFacts) -> None:
    """A person the reading names in full once and by one part of the name elsewhere ("Bennett pointed out",
    "Kim's assertion"): a stem quoting the sentence shows the full name, so it says who is meant."""
    parts: dict[str, str] = {}
    shared: set[str] = set()
    for found in facts.mentions.values():
        for m in found:
            if m.source == "lexicon" or not person_like(m.surface):
                continue
            for word in m.surface.split():
                if len(word) < 3:
                    continue
                known = parts.setdefault(word, m.surface)
                if known.replace("-", " ") != m.surface.replace("-", " "):
                    shared.add(word)  # "Kim" of "Kim Jong Un" and of "Youmi Kim": which of them is meant is not known
    for word in shared:
        del parts[word]
    if not parts:
        return
    for sentence in facts.sentences:
        text = sentence.text
        flat = text.replace("-", " ")
        names = []
        for hit in re.finditer(r"(?<![\w-])([A-Z][\w-]+)(?![\w-])", text):
            if hit.start() < sentence.lead:
                continue
            full = parts.get(hit.group(1))
            if full is None or full.replace("-", " ") in flat or _TITLE_BEFORE.search(text[: hit.start()]):
                continue
            before = text[: hit.start()].rstrip().split(" ")[-1:]
            after = text[hit.end() :].lstrip().split(" ")[:1]
            if any(w[:1].isupper() for w in before + after):
                # Another part of the same name next to it (the name as written elsewhere), or of another name ("Youmi Kim").
                continue
            names.append((hit.start(), hit.end(), full))
        if names:
            # Sentence is frozen and shared with the facts made from it; ``names`` is outside its equality and hash.
            object.__setattr__(sentence, "names", tuple(names))
            if any(p.startswith("unresolved pronoun (") for p in facts.problems.get(sentence.start, [])):
                # "Kim said he is willing …": the bare name is the person "he" stands for, as the stem shows it in full.
                facts.problems[sentence.start] = _problems_of(
                    sentence, facts.mentions.get(sentence.start, []), names, dated=facts.published_on is not None
                )


# The head word of a name a reading shortens to "the Convention", "the Council" once it has named it in full.
_SHORTENED_HEADS = ("Convention", "Treaty", "Council", "Commission", "Agreement", "Mission", "Court", "Coalition", "Protocol", "Accord")
_SHORT_FORM = re.compile(r"(?<![\w-])[Tt]he\s+(?P<head>" + "|".join(_SHORTENED_HEADS) + r")\b(?![\w-]|\s+(?:[A-Z]|of\b|on\b|for\b))")


def _full_names_by_head(facts: ReadingFacts) -> dict[str, str]:
    """Head word -> the one full name the reading gives it ("Convention" -> "Chemical Weapons Convention"); a head with
    two different names ("Security Council", "North Atlantic Council") has none."""
    found: dict[str, set[str]] = {}
    for mentions in facts.mentions.values():
        for m in mentions:
            for name in {m.value, m.surface}:
                words = name.split()
                if len(words) < 2 or not all(w[:1].isupper() or w in {"on", "of", "for", "the", "in"} for w in words):
                    continue
                head = (
                    words[-1]
                    if words[-1] in _SHORTENED_HEADS
                    else words[0]
                    if words[0] in _SHORTENED_HEADS and words[1] in {"on", "of"}
                    else ""
                )
                if head:
                    found.setdefault(head, set()).add(name)
    out = {}
    for head, names in found.items():
        # "Security Council", "UN Security Council", "United Nations Security Council": one council, named more or less fully.
        longest = max(names, key=lambda n: (len(n), n))
        # "UN Council" beside them too: every name's words are among the fullest's.
        if all(set(n.split()) <= set(longest.split()) for n in names):
            out[head] = longest
    return out


def mark_bare_heads(facts: ReadingFacts) -> None:
    """ "Four countries have yet to join the Convention." in a reading that named the Chemical Weapons Convention: a stem
    quoting the sentence shows the full name, so it says which convention (blind review 73, both reviewers; "all 15
    members of the Council" in review 71). Only where the reading gives the head word one full name."""
    full = _full_names_by_head(facts)
    if not full:
        return
    for sentence in facts.sentences:
        spans = []
        for hit in _SHORT_FORM.finditer(sentence.text):
            name = full.get(hit.group("head"))
            if name is None or hit.start() < sentence.lead or name in sentence.text:
                continue
            if any(s < hit.end() and hit.start("head") < e for s, e, _ in sentence.names):
                continue
            spans.append((hit.start("head"), hit.end("head"), name))
        if spans:
            object.__setattr__(sentence, "names", tuple(sentence.names) + tuple(spans))


# "war on Ukraine", "the war in Afghanistan": an event the reading ties to a place by a preposition. Only an event
# noun: a place names one war or one invasion, not one "outcome" ("this outcome" is the one the sentence before gave),
# one "way" or one "mission" ("this mission of mercy in Kabul").
_EVENT_OF_A_PLACE = re.compile(r"\b(war|invasion|conflict|crisis|occupation|uprising|revolution)\s+(?:on|in|against)\s+(?:the\s+)?$")


def _more_than_one(noun: str) -> re.Pattern[str]:
    """ "a war", "another mission", "civil wars": the reading speaks of more than one ("a moment of war" does not)."""
    return re.compile(
        rf"\b(?:(?:a|an|another|other|one)\s+(?:(?!(?:of|and|or|in|on|to|for|with|the)\b)[\w-]+\s+){{0,2}}{re.escape(noun)}\b|{re.escape(noun)}(?:s|es)\b)",
        re.I,
    )


def resolve_the_one_named(facts: ReadingFacts) -> None:
    """ "this war" in a reading that names one war only ("his brutal war on Ukraine") is that war.

    A demonstrative points back at a noun phrase; when the reading ties that noun to exactly one place
    ("war on Ukraine", and no war in or on any other place), every "this war" of it is the same one, and a
    quotation from it ("We all want this war to end on just terms …") is as clear as the reading is. A noun
    the reading ties to two places ("the war in Iraq", "the war in Afghanistan") or to none keeps the sentence
    out, and so does one the reading also writes with "a", "another" or in the plural ("this mission" after "a
    mission of counterterrorism": the evacuation, not the mission in Afghanistan). Any other problem of the
    sentence is checked as before, with "this" read as "the".
    """
    places: dict[str, set[str]] = {}
    for sentence in facts.sentences:
        for m in facts.mentions.get(sentence.start, []):
            if m.kind == "place" and (hit := _EVENT_OF_A_PLACE.search(sentence.text[: m.start])):
                places.setdefault(hit.group(1), set()).add(m.value)
    whole = " ".join(s.text for s in facts.sentences)
    one_named = {noun for noun, where in places.items() if len(where) == 1 and not _more_than_one(noun).search(whole)}
    if not one_named:
        return
    # "this war", "this terrible war", "this forever war": "this", at most two words, then the noun.
    nouns = "|".join(re.escape(n) for n in sorted(one_named))
    # The words between are adjectives ("terrible", "forever"), never a verb or a function word ("this is the way").
    between = r"(?!(?:is|are|was|were|be|been|has|have|had|the|a|an|of|and|or|to|in|on|at|for|with|by|that|which|will|would)\b)[a-z-]+\s+"
    this_noun = re.compile(rf"\bthis\s+(?:{between}){{0,2}}?(?:{nouns})\b", re.I)
    for sentence in facts.sentences:
        problems = facts.problems.get(sentence.start, [])
        if not any(p.startswith("demonstrative (this") for p in problems):
            continue
        text = sentence.text
        for hit in this_noun.finditer(text):
            if hit.start() >= sentence.lead:
                # "the " for "this": the same length, so every mention keeps its offsets.
                text = text[: hit.start()] + "the " + text[hit.start() + 4 :]
        if text == sentence.text:
            continue
        shown = replace(sentence, text=text)
        facts.problems[sentence.start] = _problems_of(
            shown, facts.mentions.get(sentence.start, []), sentence.names, dated=facts.published_on is not None
        )


def _problems_of(sentence: Sentence, found: list[Mention], names: Sequence[tuple[int, int, str]] = (), *, dated: bool = False) -> list[str]:
    """Why ``sentence`` cannot stand alone, with the people its mentions and its bare ``names`` name (``dated``: the
    reading's date is known, so a relative day is the one problem ``DATED``)."""
    lead = sentence.lead
    shown = sentence.text[lead:]
    spans = [(m.start - lead, m.end - lead) for m in found if m.kind == "person_role" or m.category == "person"]
    spans += [(start - lead, end - lead) for start, end, _ in names]
    # Checked as the stem shows it: capitalised once "And " is left out, so "together with X, he …" reads as fronted.
    return sentence_problems(shown[:1].upper() + shown[1:], person_spans=spans, dated=dated)


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


def reading_facts(
    *, sections: list[SectionText], lexicon: Lexicon, packs: tuple[Pack, ...] = (), title: str = "", published_on: date | None = None
) -> ReadingFacts:
    """Sentences, mentions and facts of the usable sections; ``lexicon`` should hold only the terms of ``packs``.
    ``published_on``: the reading's date, when the import found one (see ``ReadingFacts.quoted_with_date``)."""
    sentences: list[Sentence] = []
    facts: list[FactDraft] = []
    mentions: dict[int, list[Mention]] = {}
    problems: dict[int, list[str]] = {}
    for section in sections:
        if not usable_section(section):
            continue
        for sentence in split_sentences(section):
            # A stutter ("been on — been on the record") is quoted said once; the offsets stay those of the reading.
            repaired = repair_stutter(sentence.text)
            if repaired != sentence.text:
                sentence = replace(sentence, text=repaired)
            lead = droppable_lead(sentence.text)
            label = _LEADING_LABEL.match(sentence.text)
            if label and label.group("label") != "Q" and label.end() < len(sentence.text) - 10:
                # "MR. SULLIVAN: The President has said …": the label says who speaks (``attribute_speakers``
                # credits the sentence to them); the stem quotes what follows it.
                lead = label.end() + droppable_lead(sentence.text[label.end() :])
            elif heading := _RUN_IN_HEADING.match(sentence.text) or _DATELINE.match(sentence.text):
                lead = heading.end() + droppable_lead(sentence.text[heading.end() :])
            if lead:
                sentence = replace(sentence, lead=lead)
            sentences.append(sentence)
            found = [m for m in extract_mentions(sentence.text, lexicon) if m.start >= lead]
            mentions[sentence.start] = found
            problems[sentence.start] = _problems_of(sentence, found, dated=published_on is not None)
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
            # A sentence that may state a rule of ``article5`` (a scenario records it as the fact it asks about).
            if (
                _ARTICLE5.search(sentence.text)
                or re.search(r"cannot be admitted|can only be .*considered once|\bveto\b", sentence.text)
                or _states_a_pack_rule(sentence.text, packs)
            ):
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
    result = ReadingFacts(sections, sentences, facts, mentions, problems, packs, published_on=published_on)
    title = title or next((s.text for s in sections if s.kind == "title"), "")
    # Bare names first: a pronoun they resolve may leave first person as a sentence's only problem.
    mark_bare_names(result)
    mark_bare_heads(result)
    resolve_the_one_named(result)
    attribute_speakers(result, title)
    resolve_opening_issuers(result, title)
    return result
