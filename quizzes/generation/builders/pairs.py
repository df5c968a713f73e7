# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Context pairs: a sentence that leans on the one before it, quoted together with that sentence.

About two thirds of a speech's sentences fail ``standalone`` only because they refer back ("These
measures …", "It was …", "At the same time, …"). A reader resolves them from the sentence before;
a stem that quotes both carries what they lean on. A pair is made only when

- the previous sentence of the same section stands alone (a speech breaks paragraphs after a sentence or
  two, and "He has been disappointed at every turn." opens one: the resolution rules below say whether the
  sentence before carries what it leans on, not the layout) (on its own or as an attributed quotation)
  and the same voice says both;
- every problem of the leaning sentence is of the back-referring kind (``RESOLVABLE``) and resolves
  within the pair: the noun of "these measures" is in the sentence before (or a word of its family:
  "assistance … this aid"), "It" stands for the name or abbreviation the sentence before opens with, a
  bare "These" for a group it counts, "Another possibility" follows what would happen, the connective
  is one that only links the two; first person only when the stem can say who speaks;
- the two together are at most ``MAX_PAIR_WORDS`` words.

The pair is a synthetic ``Sentence`` spanning both (its own offsets, the mentions of both), asked
through a view of the ``Context`` in which it is one more sentence; its facts keep their keys, so a
pair's question shares the exclusion group of any other question on the same fact.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from quizzes.generation.builders.drafts import Context
from quizzes.generation.extract import Mention
from quizzes.generation.facts import FactDraft
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import Sentence, contains_term, word_count

MAX_PAIR_WORDS = 60

# The problem labels of ``standalone`` a previous sentence can resolve; any other problem (deixis,
# debris, a question, a fragment, a salutation, a heading, a counted group) leaves the sentence out.
RESOLVABLE = (
    "demonstrative (",
    "unresolved pronoun (",
    "continues the previous sentence (",
    "unresolved reference (the … of an earlier sentence)",
    "unresolved reference (another … than one of an earlier sentence)",
    "unresolved reference (a counted group of an earlier sentence)",
    "first or second person (",
)

# Connectives that only link a sentence to the one before. Spoken openers ("Yes", "Well", "Look"),
# counted list items ("Second", "Finally") and time words ("Now", "Today") are not among them: the
# sentence before is not the first item, and "now" still points at the moment of speaking.
LINKING = {
    "and", "but", "so", "yet", "also", "still", "instead", "thus", "hence", "therefore", "consequently", "accordingly",
    "likewise", "similarly", "nevertheless", "as a result", "in addition", "in turn", "moreover", "furthermore",
    "additionally", "at the same time", "in response", "by contrast", "in contrast", "on the other hand", "meanwhile",
    "indeed", "in fact", "for example", "for instance", "in other words", "to that end",
}  # fmt: skip

_PERSONAL = {"he", "she", "his", "her", "him", "he’s", "she’s", "he's", "she's"}
_NEUTER = {"it": "singular", "its": "singular", "they": "plural", "their": "plural", "them": "plural"}
# A bare "This" opening a clause stands for what the sentence before says ("This is why …", "This will …").
_BARE_THIS_VERB = re.compile(
    r"(?:[’']s\b|is|was|has|will|would|can|could|should|may|must|means|meant|includes|included|marks|marked|reflects|"
    r"builds|comes|came|makes|made|helps|helped|allows|allowed|ensures|remains|became|represents|shows|showed|gives|gave|leads|led|"
    r"creates|created|requires|required|brings|brought|adds|added)\b"
)
# A bare "These" opening a clause ("These included the NRC, ERDA, …") stands for a group the sentence before
# counts ("bringing together 40 existing government organizations"); a group it does not count may be any
# of its plural nouns.
_BARE_THESE_VERB = re.compile(r"(?:are|were|have|had|include|included|includes|can|could|will|would|must|should|may)\b")
_COUNTED_PLURAL = re.compile(r"\b\d[\d,]*\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*s\b")
# An opening abbreviation as the subject ("DIA serves as …"): "It …" in the next sentence is that body. The
# word after it must be a verb, and not a plural noun before one ("DIA analysts have …" is about the analysts).
_OPENING_ABBREVIATION = re.compile(
    r"(?:The\s+)?([A-Z][A-Z&]{1,5})\s+(is|was|has|will|would|can|must|should|remains|became|[a-z]+s)\s+(?!(?:are|were|have|had|will|would|can|could|may|must|should|do)\b)"
)
_STRONG_NAME_KINDS = {"organisation", "programme", "system", "summit", "term", "place"}


def _stem_of(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) > 3:
            return word[: -len(suffix)]
    return word


def _names_noun(previous: str, noun: str) -> bool:
    stem = _stem_of(noun)
    # "such attacks" after "cyberattacks": a longer stem may end a compound; a short one ("war") must be a word.
    start = r"" if len(stem) >= 5 else r"\b"
    return len(stem) >= 3 and re.search(start + re.escape(stem) + r"\w{0,3}\b", previous, re.I) is not None


# Nouns a writer uses in turn for one thing ("substantial … humanitarian assistance. The total value of this
# aid …", "The conflict … The implications of this war …", "the Contact Group convened … The meeting was
# co-hosted by …"): a reference whose noun is of one family resolves against a sentence naming another of it.
# Families only of words that name the same kind of thing whichever of them is used, never a broader word
# ("measures", "efforts"), which may point to any of several things the sentence before does.
_SAME_THING = (
    ("aid", "assistance", "support", "package"),
    ("war", "conflict", "invasion", "fighting"),
    ("meeting", "talks", "summit", "conference", "gathering", "session", "convened", "met with"),
    ("office", "structure", "organization", "organisation", "body", "agency", "unit", "component", "entity"),
    ("agreement", "deal", "treaty", "accord", "pact", "arrangement", "partnership"),
)


def _refers_to(previous: str, noun: str) -> bool:
    """Whether the sentence before names what ``noun`` points back to: the same noun, or one of its family."""
    if _names_noun(previous, noun):
        return True
    word = noun.lower()
    forms = {word, word.removesuffix("s"), word.removesuffix("es")}
    for family in _SAME_THING:
        if forms & set(family):
            others = "|".join(re.escape(w) for w in family)
            return re.search(r"\b(?:" + others + r")(?:s|es)?\b", previous, re.I) is not None
    return False


def _is_verb(word: str) -> bool:
    from lemminflect import getAllLemmas

    return "VERB" in getAllLemmas(word.lower()) or word in {"is", "was", "has"}


def _head_noun(after: str) -> str:
    """The noun a demonstrative points with: the first noun of the next three words ("those remaining Americans")."""
    from lemminflect import getAllLemmas

    for word in re.findall(r"[A-Za-z][A-Za-z-]*|[^\sA-Za-z]", after)[:3]:
        if not word[:1].isalpha():
            return ""
        if word[:1].isupper() or "NOUN" in getAllLemmas(word.lower()):
            return word
    return ""


# What "Another …" may add to a hypothetical sentence ("Ukraine would receive … Another possibility is …").
_ANOTHER_POSSIBILITY = re.compile(r"(?:Another|Yet another)\s+(?:[a-z-]+\s+){0,2}?(?:possibility|scenario|option|outcome|alternative)\b")

# "To counter this, allies have provided …", "In response to this, …": a bare "this" in a fronted phrase answering
# something is what the sentence before says happened.
_FRONTED_ANSWER = re.compile(r"(?:To (?:counter|address|combat|offset|prevent|tackle|mitigate)|In response to|Because of)\s+")

# "That number", "this figure": a figure the sentence before gives.
_FIGURE_NOUNS = {"number", "figure", "total", "amount", "sum"}


def _opening_name(previous: Sentence, mentions: list[Mention]) -> tuple[str, str] | None:
    """The name the previous sentence opens with (its subject) and whether it is one thing or several."""
    shown = previous.text[previous.lead :]
    lead_words = len(shown) - len(re.sub(r"^(?:The|the)\s+", "", shown))
    first = [m for m in mentions if m.start - previous.lead <= lead_words]
    if not first or first[0].kind not in _STRONG_NAME_KINDS:
        abbreviation = _OPENING_ABBREVIATION.match(shown)
        if abbreviation is None or first or not _is_verb(abbreviation.group(2)):
            return None
        return abbreviation.group(1), "singular"
    m = first[0]
    after = previous.text[m.end :]
    if re.match(r"\s*,?\s*(?:and|or)\s+(?:the\s+)?[A-Z]", after):
        return m.surface, "plural"  # "Finland and Sweden joined …" → "They …"
    if m.kind == "place" or re.match(r"\s+(?:is|was|has|will|would|can|must|should|remains|became|[a-z]+s)\b", after):
        return m.surface, "singular"
    return None


# Plural nouns "They" may stand for instead of a country the sentence before names ("the Ukrainians", "Allies",
# "officials"): with any of them there, "They" is not surely the country.
_PLURAL_PEOPLE = re.compile(
    r"\b(?:[A-Z][a-z]+(?:ians|ans|ese|ish|s)|people|officials|leaders|members|partners|allies|countries|nations|states|"
    r"governments|forces|troops|soldiers|citizens|authorities|parties|sides|others|they|them|their)\b"
)


def _sole_country(previous: Sentence, mentions: list[Mention]) -> str | None:
    """The country a speaker's "They have …" stands for: the sentence before names it, only it, and last
    ("… and then to have Ukraine work towards it. They have something called an Annual National Programme.").
    None when the sentence before names anything else (a person, a body, another place) or a plural that
    "They" may as well be ("the Ukrainians", "Allies")."""
    shown = [m for m in mentions if m.start >= previous.lead]
    if not shown or any(m.kind != "place" or m.data.get("place") != "country" for m in shown):
        return None
    if len({m.value for m in shown}) != 1 or shown[-1].end < max(m.end for m in shown):
        return None
    rest = previous.text[previous.lead :]
    without = "".join(
        ch if not any(m.start - previous.lead <= i < m.end - previous.lead for m in shown) else " " for i, ch in enumerate(rest)
    )
    if _PLURAL_PEOPLE.search(without[1:]):
        return None
    # The country is the last name the sentence gives: nothing it names comes after it.
    tail = without[shown[-1].end - previous.lead :]
    if re.search(r"\b[A-Z][a-z]", tail):
        return None
    return shown[-1].surface


def _resolve(previous: Sentence, prev_mentions: list[Mention], text: str, spans: list[tuple[int, int]], *, voiced: bool) -> bool:
    """Whether every problem of ``text`` (the leaning sentence as a stem shows it) resolves against ``previous``.

    A resolved reference is rewritten (the pronoun by its name, "these" by "the", the connective left
    out) and the sentence checked again: ``standalone`` reports one reference per sentence, and the
    next one must resolve too.
    """
    resolved: set[str] = set()
    for _ in range(6):
        problems = [p for p in sentence_problems(text, person_spans=spans) if p not in resolved]
        if not problems:
            return True
        problem = problems[0]
        if not problem.startswith(RESOLVABLE):
            return False
        if problem.startswith("first or second person ("):
            if not voiced:
                return False
            resolved.add(problem)
        elif problem.startswith("continues the previous sentence ("):
            word = problem[len("continues the previous sentence (") : -1]
            if word.lower() not in LINKING:
                return False
            rest = re.sub(r"^\W*" + re.escape(word) + r"\b\s*[,—–]?\s*", "", text, flags=re.I)
            text = rest[:1].upper() + rest[1:]
        elif problem.startswith("unresolved reference ("):
            # "The office …", "Another expert …", "The two Presidents …": the noun is in the sentence before.
            found = re.search(
                r"^(?:The|Another|Yet another|The other)\s+([A-Za-z]+)|\b(?:the|these|those)\s+(?:two|three|four|five|both)\s+([A-Za-z]+)|\bboth\s+([a-z]+s)\b",
                text,
            )
            noun = next((g for g in found.groups() if g), "") if found else ""
            # "Another possibility is …" after a sentence saying what would or could happen: that was the first one.
            hypothetical = (
                _ANOTHER_POSSIBILITY.match(text) is not None and re.search(r"\b(?:would|could|might)\b", previous.text) is not None
            )
            if not noun or not (hypothetical or _refers_to(previous.text, noun)):
                return False
            resolved.add(problem)
        elif problem.startswith("demonstrative ("):
            word = problem[len("demonstrative (") :].split()[0]
            # ``standalone`` reports "that" in lower case wherever it stands: an opening "That" is the one it means.
            hit = re.match(r"That\b", text) if word == "that" else None
            hit = hit or re.search(r"\b" + re.escape(word) + r"\b", text)
            if hit is None:
                return False
            after = text[hit.end() :].lstrip()
            noun = _head_noun(after)
            figure = noun.lower() in _FIGURE_NOUNS and re.search(r"\d", previous.text) is not None
            # A bare "this" opening the sentence or a clause after a semicolon ("…; this includes investigations"):
            # what the sentence (or clause) before says.
            opens_clause = hit.start() == 0 or text[: hit.start()].rstrip().endswith(";")
            if opens_clause and word.lower() in {"this", "that"} and _BARE_THIS_VERB.match(after):
                text = text[: hit.start()] + ("The step " if hit.start() == 0 else "the step ") + after
            elif word.lower() == "this" and _FRONTED_ANSWER.fullmatch(text[: hit.start()]) and after.startswith(","):
                text = text[: hit.start()] + "the step" + text[hit.end() :]
            elif (
                hit.start() == 0 and word in {"These", "Those"} and _BARE_THESE_VERB.match(after) and _COUNTED_PLURAL.search(previous.text)
            ):
                text = "The steps " + after
            elif noun and (figure or _refers_to(previous.text, noun)):
                text = text[: hit.start()] + ("The" if hit.start() == 0 else "the") + text[hit.end() :]
            else:
                return False
        else:  # unresolved pronoun
            word = problem[len("unresolved pronoun (") : -1]
            if word.lower() in _PERSONAL:
                # "He has been disappointed at every turn." after a sentence naming one person, and only one.
                people = {m.value for m in prev_mentions if m.kind == "person_role" or m.category == "person"}
                if len(people) != 1 or spans:
                    return False
                person = next(m for m in prev_mentions if m.kind == "person_role" or m.category == "person")
                hit = re.search(r"\b" + re.escape(word) + r"\b", text)
                if hit is None:
                    return False
                name = person.surface + ("’s" if word.lower() in {"his", "her"} else "")
                text = text[: hit.start()] + name + text[hit.end() :]
                spans = [(hit.start(), hit.start() + len(person.surface))]
                continue
            number = _NEUTER.get(word.lower())
            opening = _opening_name(previous, prev_mentions)
            hit = re.search(r"\b" + re.escape(word) + r"\b", text)
            if word == "They" and hit is not None and hit.start() == 0 and (opening is None or opening[1] != "plural"):
                # A speaker's "They have …" opening the sentence, for the one country the sentence before names last.
                country = _sole_country(previous, prev_mentions)
                opening = (country, "plural") if country else opening
            if number is None or opening is None or opening[1] != number or hit is None:
                return False
            name = opening[0] + ("’s" if word.lower() in {"its", "their"} else "")
            text = text[: hit.start()] + name + text[hit.end() :]
            spans = []  # the offsets moved; the pair names no person for he/she anyway
    return False


def leaning_pairs(ctx: Context) -> list[tuple[Sentence, Sentence, Sentence, str]]:
    """(previous, leaning, pair, who says them) for every leaning sentence whose sentence before resolves it;
    who says them is empty unless one of the two speaks in the first person."""
    facts = ctx.facts
    out = []
    for previous, current in zip(facts.sentences, facts.sentences[1:], strict=False):
        problems = facts.problems.get(current.start, [])
        if (
            not problems
            or not facts.stands_alone(previous)
            or current.section is not previous.section
            or current.index != previous.index + 1
            or facts.voices.get(current.start, "") != facts.voices.get(previous.start, "")
            or not all(p.startswith(RESOLVABLE) for p in problems)
        ):
            continue
        shown = current.text[current.lead :]
        shown = shown[:1].upper() + shown[1:]
        if word_count(previous.text[previous.lead :]) + word_count(shown) > MAX_PAIR_WORDS:
            continue
        mentions = facts.mentions.get(current.start, [])
        spans = [(m.start - current.lead, m.end - current.lead) for m in mentions if m.kind == "person_role" or m.category == "person"]
        # First person is the speaker's: the stem then names who says the two sentences ("said by …").
        voice = facts.speaker(previous) or facts.voices.get(current.start, "")
        if not _resolve(previous, facts.mentions.get(previous.start, []), shown, spans, voiced=bool(voice)):
            continue
        if not facts.speaker(previous) and not any(p.startswith("first or second person (") for p in problems):
            voice = ""
        shift = len(previous.text) + 1 - current.lead
        names = tuple(previous.names) + tuple((s + shift, e + shift, n) for s, e, n in current.names if s >= current.lead)
        pair = Sentence(previous.text + " " + shown, previous.start, current.end, previous.section, previous.index, previous.lead, names)
        out.append((previous, current, pair, voice))
    return out


def pair_context(ctx: Context, previous: Sentence, current: Sentence, pair: Sentence, speaker: str = "") -> tuple[Context, set[str]]:
    """A view of ``ctx`` in which ``pair`` is a sentence with the facts of both, and the facts a pair's
    question must not ask: those of the previous sentence (it stands alone and was asked on its own; a
    blank on the name the leaning sentence refers to would leave the reference unresolved again) and
    names of the leaning sentence the previous one prints (the stem would give the key away)."""
    shift = len(previous.text) + 1 - current.lead
    moved = [replace(m, start=m.start + shift, end=m.end + shift) for m in ctx.facts.mentions.get(current.start, [])]
    mentions = [*ctx.facts.mentions.get(previous.start, []), *moved]
    by_mention = {id(m): n for m, n in zip(ctx.facts.mentions.get(current.start, []), moved, strict=True)}
    pair_facts: list[FactDraft] = []
    skip: set[str] = set()
    for fact in ctx.by_sentence.get(previous.start, []):
        pair_facts.append(replace(fact, sentence=pair))
        skip.add(fact.key)
    for fact in ctx.by_sentence.get(current.start, []):
        mention = by_mention.get(id(fact.mention)) if fact.mention is not None else None
        if fact.mention is not None and mention is None:
            continue
        pair_facts.append(replace(fact, sentence=pair, mention=mention))
        if fact.mention is not None and any(contains_term(previous.text, n) for n in fact.mention.names):
            skip.add(fact.key)
    view = copy.copy(ctx)
    view.facts = copy.copy(ctx.facts)
    view.facts.mentions = {**ctx.facts.mentions, pair.start: mentions}
    view.facts.problems = {**ctx.facts.problems, pair.start: []}
    if speaker:
        view.facts.speakers = {**ctx.facts.speakers, pair.start: speaker}
    view.by_sentence = {**ctx.by_sentence, pair.start: pair_facts}
    view.pair = pair
    return view, skip
