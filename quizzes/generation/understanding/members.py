# ruff: noqa: RUF001, RUF002 - the readings use typographic quotes and dashes, so the patterns and examples must too
"""A named group and the countries the reading lists as its members: "Which countries, besides the
United States, make up the Quad partnership, according to the reading?"

A speech names a grouping and spells it out ("our Quad partnership — it’s a fancy way of saying our
partnership with Australia, India, Japan, and the United States"; "the P5: The United States, Russia,
China, the United Kingdom, and France"). Every item of such a list is a member, so a select-all over the
list and countries that are not in it asks the whole fact; a blank on one member was turned down as a
detail of a known list (``review``: cloze_in_a_list, choice_in_a_list).

Precision first, found by shape only:

- the list (``sentence_lists``) has three or more countries;
- the group is one name, an abbreviation or capitalised words that are no place ("Quad", "P5", "AUKUS"),
  and the list follows it at once after a colon, a dash or "with/between/among" ("the Nordic countries of A,
  B and C" may name some of them), or its head noun comes again just before the list ("Quad partnership — … our partnership with A, B, and C"); a list after
  "including" or "such as" gives examples, never the members, and is not asked;
- a member the reading keeps out of questions (its own or most-named country) is named in the stem
  ("besides the United States") rather than offered;
- a sentence whose whole subject is such a list ("The U.S., the UK, and France have all demonstrated their
  commitments …") asks "According to <speaker>, which countries have all demonstrated …?" the same way, unless
  a word makes the list a sample ("like", "such as", "for example");
- the wrong options are countries of the asked members' continents, the continents' best-known first, then the
  reading's own; never one the sentence names.
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from quizzes.generation.builders import Context, QuestionDraft, _base, sentence_lists
from quizzes.generation.builders.drafts import _all_correct
from quizzes.generation.facts import FactDraft
from quizzes.generation.lexicon import countries, country_continents, prominent_countries
from quizzes.generation.packs import pack_term_details
from quizzes.generation.standalone import FIRST_SECOND_PERSON, zipf
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text
from quizzes.generation.understanding.sentences import _finish, _sentence_group, _topic
from quizzes.models import QuestionType

MIN_MEMBERS = 3
# A word rarer than this (Zipf frequency, ``wordfreq``) makes a capitalised run a name: "Quad" 3.7, "Baltic" 3.6;
# "Foreign Ministers" (5.1, 4.3) or "Presidents" (4.1) are everyday words.
PROPER_ZIPF = 4.0
# Wrong options beside the members: enough to ask, few enough that the members stay the point.
WRONG_OPTIONS = 3
# A group's head noun ("the Quad partnership", "the G7 nations").
_HEAD = r"(?:partnership|alliance|group|grouping|format|dialogue|pact|bloc|coalition|members|countries|nations|powers|states)"
# The group's name: an abbreviation ("P5", "AUKUS", "G7") or up to three capitalised words ("Quad", "Tasman Four").
_NAME = r"(?P<name>[A-Z][A-Za-z]*\d*(?:\s+[A-Z][A-Za-z]*\d*){0,2})"
# The name right before the list: "the P5: The United States, …", "the AUKUS partnership between Australia, …".
# A plural name ("the NATO Allies—A, B, and C—") names some of its members, and is refused in ``_proper``.
_RIGHT_BEFORE = re.compile(
    rf"\b(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir)\s+{_NAME}(?:\s+(?P<head>{_HEAD}))?\s*(?::|[—–]|\s+(?:with|between|among))\s*(?:[Tt]he\s+)?$"
)
# The name with its head noun earlier, the head noun again before the list: "our Quad partnership — … our
# partnership with ".
_GLOSSED = re.compile(rf"\b(?:[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir)\s+{_NAME}\s+(?P<head>{_HEAD})\s*[—–:,]")
_EXAMPLES = re.compile(r"\b(?:including|such as|like|for example|for instance|among them)\b", re.I)


def _group_name(ctx: Context, sentence: Sentence, items: list[FactDraft]) -> str:
    """The group the listed countries make up, as the stem names it ("the Quad partnership"), or ""."""
    first = items[0].mention
    assert first is not None
    before = sentence.text[: first.start]
    found = _RIGHT_BEFORE.search(before)
    if found is None:
        glossed = list(_GLOSSED.finditer(before))
        found = glossed[-1] if glossed else None
        if found is None or not re.search(rf"\b{found.group('head')}\s+(?:with|between|among)\s+(?:the\s+)?$", before):
            return ""
        if _EXAMPLES.search(before[found.end() :]):
            return ""
    name = found.group("name")
    if name in countries() or name in country_continents() or _is_named_place(ctx, sentence, name) or not _proper(name):
        return ""
    if re.search(r"\b(?:must|needs?\s+to|ha(?:s|ve)\s+to|(?:is|are)\s+required\s+to|should|the following)\b", before[: found.start()]):
        # "the following states need to ratify the CTBT: China, North Korea, …" (a fresh reading's blind review 70): the
        # list is who must act on the named thing, not what it is made of.
        return ""
    if _EXAMPLES.search(before[max(0, found.start() - 20) : found.end()]):
        return ""
    head = found.group("head") or ""
    return "the " + name + (" " + head if head else "")


def _members_everyone_knows(ctx: Context, group: str) -> bool:
    """A group the reading's domain pack lists as known ("P5"): every student of the field can name its members without
    the reading, so asking for them is trivial (blind reviews 19 and 21: the P5 select-all turned down each time)."""
    name = " ".join(group.removeprefix("the ").lower().split())
    return any(name in p.known_groups for p in ctx.facts.packs)


def _proper(name: str) -> bool:
    """ "Quad", "P5", "Tasman Four": a name of its own; "the Foreign Ministers of A, B and C" or "the Presidents
    of …" are everyday words, people and not a group of countries."""
    words = name.split()
    last = words[-1].lower()
    if last not in getAllLemmas(last).get("NOUN", (last,)):
        return False  # "the NATO Allies—Estonia, Latvia, and Lithuania—": some of the Allies, not a group they make up
    return any(re.search(r"\d|[A-Z].*[A-Z]", w) or zipf(w.lower()) < PROPER_ZIPF for w in words)


# Sentences either side of a list whose countries are the likeliest non-members of its kind.
NEIGHBOURS = 2


def _is_named_place(ctx: Context, sentence: Sentence, name: str) -> bool:
    return any(m.kind in {"place", "person_role"} and name in m.surface for m in ctx.facts.mentions.get(sentence.start, []))


def _wrong_countries(ctx: Context, sentence: Sentence, members: list[str], key: str, avoid: list[str], cue: str) -> list[str]:
    """Countries of the members' continents that the list leaves out: the continents' best-known first, none the
    reading names in a sentence with ``cue`` (the group's name, the claim's verb): it may be a member there."""
    continents = country_continents()
    wanted = {continents.get(m) for m in members} - {None}
    named_members = {normalise_text(m) for m in avoid}
    own = sorted(
        {m.value for found in ctx.facts.mentions.values() for m in found if m.kind == "place" and m.data.get("place") == "country"},
        key=lambda n: digest(key, n),
    )
    known = [n for c in sorted(w for w in wanted if w) for n in prominent_countries(c, 8)]
    pack_listed = pack_term_details() if not ctx.facts.packs else {}
    # Countries the sentences beside the list name come first: "America's alliance in the Indo-Pacific with Japan, the
    # Republic of Korea, Australia, and the Philippines" just before the Quad's members (blind review 50: Solomon Islands
    # and Timor Leste, picked among Oceania's best-known, were no plausible members; Korea and the Philippines are).
    beside = sorted(
        {
            m.value
            for other in ctx.facts.sentences
            if other.section is sentence.section and 0 < abs(other.index - sentence.index) <= NEIGHBOURS
            for m in ctx.facts.mentions.get(other.start, [])
            if m.kind == "place" and m.data.get("place") == "country"
        },
        key=lambda n: digest(key, n),
    )
    out: list[str] = []
    # Then a continent's best-known countries: the reading's other countries are often those it is about
    # (Ukraine, Belarus), too plainly no member of a distant group.
    for name in [*beside, *sorted(known, key=lambda n: digest(key, n)), *own]:
        if normalise_text(name) in named_members or normalise_text(name) in ctx.trivial or continents.get(name) not in wanted:
            continue
        if contains_term(sentence.text, name) or name in out or normalise_text(name) in ctx.not_distractors:
            continue
        if any(contains_term(other.text, name) and re.search(rf"\b{re.escape(cue)}", other.text, re.I) for other in ctx.facts.sentences):
            continue
        if name in pack_listed:
            continue  # a reading of no pack's domain gets no option the pack lists (its Allies and partners)
        out.append(name)
        if len(out) == WRONG_OPTIONS:
            break
    return out


def _subject_claim(ctx: Context, sentence: Sentence, items: list[FactDraft]) -> str:
    """What a list of countries opening the sentence does ("have also all demonstrated their commitments …"),
    or "": the list must be the whole subject, a verb must follow it, and no word may make it a sample."""
    first, last = items[0].mention, items[-1].mention
    assert first is not None and last is not None
    if re.sub(r"^(?:[Tt]he\s+)", "", sentence.text[sentence.lead : first.start]).strip() or _EXAMPLES.search(sentence.text):
        return ""
    rest = sentence.text[last.end :].strip()
    if not _SUBJECT_VERB.match(rest) or not ctx.facts.stands_alone(sentence) or not rest.endswith("."):
        return ""
    if any(w in FIRST_SECOND_PERSON for w in re.findall(r"[a-z’']+", rest.lower())):
        return ""  # "have supported our efforts": a stem outside the quotation cannot say whose
    if re.search(r"\b(?:also|too|likewise|similarly)\b", rest):
        # "The U.S., the UK, and France have also all demonstrated their commitments … to responsible behavior": "also"
        # adds to a sentence the stem does not show, which says what the claim is about (nuclear policy); without it
        # the claim reads as one any country could make (blind reviews 19 and 23).
        return ""
    return rest[:-1]


_AUXILIARY_OR_ADVERB = {"have", "has", "had", "are", "were", "will", "would", "can", "could", "must", "should", "did", "do"}


def _cue(group: str, claim: str) -> str:
    """The word a sentence naming a country as a member or as doing the same would carry: the group's name, or
    the claim's first verb cut to five letters ("demon" of "demonstrated")."""
    if group:
        return group.removeprefix("the ").split()[0]
    words = [w for w in re.findall(r"[a-z]+", claim.lower()) if w not in _AUXILIARY_OR_ADVERB and not w.endswith("ly")]
    return next((w[:5] for w in words if w not in {"also", "all", "already", "both", "now", "not"}), claim[:5])


# A verb right after the listed subject: "have also all demonstrated …", "signed …", "will host …".
_SUBJECT_VERB = re.compile(r"^(?:have|has|had|are|were|will|would|can|could|must|should|did|do|[a-z]+ed)\b")


def build_member_questions(ctx: Context) -> list[QuestionDraft]:
    """One select-all per named group whose member countries a sentence lists, and per claim a sentence makes of
    the countries it lists as its subject ("The U.S., the UK, and France have also all demonstrated …")."""
    out: list[QuestionDraft] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"}:
            continue
        for items in sentence_lists(ctx, sentence):
            if len(items) < MIN_MEMBERS or any(f.mention is None or f.mention.data.get("place") != "country" for f in items):
                continue
            group = _group_name(ctx, sentence, items)
            if group and _members_everyone_knows(ctx, group):
                continue
            claim = "" if group else _subject_claim(ctx, sentence, items)
            if not group and not claim:
                continue
            names = [f.mention.value for f in items if f.mention is not None]
            asked = [n for n in names if normalise_text(n) not in ctx.trivial]
            given = [n for n in names if normalise_text(n) in ctx.trivial]
            if len(asked) < 2 or len(given) > 2:
                continue
            key = digest(ctx.reading_key, "members", sentence.start)
            # Wrong options from the continents of the members asked: a given one's ("the U.S.") would add Haiti.
            wrong = _wrong_countries(ctx, sentence, asked, key, avoid=names, cue=_cue(group, claim))
            if len(wrong) < 2:
                continue
            surfaces = {f.mention.value: f.mention.surface for f in items if f.mention is not None}
            shown = {n: ("the " if re.search(rf"\b[Tt]he\s+{re.escape(surfaces[n])}", sentence.text) else "") + surfaces[n] for n in given}
            besides = f", besides {' and '.join(shown[n] for n in given)}," if given else ""
            if group:
                stem = f"Which countries{besides} make up {group}, according to the reading? Select all that apply."
                notes = [f"the countries the reading lists as {group}"]
            else:
                who = ctx.facts.voices.get(sentence.start, "") or "the reading"
                stem = f"According to {who}, which countries{besides} {claim}? Select all that apply."
                notes = ["the countries a sentence of the reading names as doing what the stem says"]
            draft = _base(
                ctx,
                sentence,
                QuestionType.MULTIPLE_RESPONSE,
                ("members", sentence.start),
                stem=stem,
                answer={},
                topic=_topic(ctx, sentence),
                fact_key=items[0].key,
                title=f"Members of {group}" if group else f"Countries that {claim[:50]}",
                meta={"group_name": group, "members": names},
            )
            # An option shows the name as the sentence writes it ("UK") when the canonical form is not there.
            written = [n if contains_term(sentence.text, n) else surfaces[n] for n in asked]
            _all_correct(draft, written, wrong)
            notes.append("wrong options: countries of the members' continents")
            out.append(_finish(draft, kind="members", group=_sentence_group(ctx, sentence), quality=0.7, notes=notes))
    return out
