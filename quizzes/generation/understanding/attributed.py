# ruff: noqa: RUF001, RUF002, RUF003 - the readings use typographic apostrophes, so the patterns and comments must too
"""Who said it, and who holds a role: the people a news report names and quotes.

1. "Korea expert Bruce Bennett from the RAND Corporation told VOA the North does not need nuclear
   weapons for its defense." -> "According to the reading, who told VOA that the North does not need
   nuclear weapons for its defense?" The key is the person, never where they work (a quoted expert's
   employer is no fact of the reading: blind review).
2. "The BBC’s Tokyo correspondent, Rupert Wingfield-Hayes, was detained …" -> "According to the reading,
   who is the BBC’s Tokyo correspondent?"

The options are other people the reading names in full (names of two or three words none of which is
an English word or a place, ``extract.names.person_like``); nobody everyone knows (a leader of the news) is
asked or offered, a claim keeping a pronoun or quotation marks is not shown on its own, and each person
is asked once (two questions on one key would print it among each other's options).
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from quizzes.generation.builders import Context, QuestionDraft, _one_correct, quote
from quizzes.generation.builders.blanks import is_household_name
from quizzes.generation.extract import is_demonym
from quizzes.generation.extract.names import NAME_RUN, person_like
from quizzes.generation.lexicon import cities, countries
from quizzes.generation.standalone import zipf
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import _finish, _sentence_draft
from quizzes.models import QuestionType

_PERSON = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}"
# What the person is, before the name ("Korea expert"), and where they work, after it ("from the RAND Corporation").
_DESCRIPTION = r"(?:(?:[A-Z][\w-]*\s+)?(?:expert|analyst|researcher|scholar|professor|fellow|official|diplomat)\s+)?"
_EMPLOYER = r"(?:,?\s+(?:from|of|at|with)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:(?:for|of|and|on|in)\s+)?[A-Z][\w.’'-]*)*,?)?"
# A verb reporting what the person said, with its audience ("told VOA"); "added" reads as "said" once alone.
_SPEECH = r"said|told\s+(?:the\s+)?(?:[A-Z][\w.]*|[a-z]+)|pointed\s+out|added|warned|argued|noted|explained|stressed|wrote"
# A view held, whose object is what is doubted or believed ("doubts the commitment made by …").
_VIEW = r"doubts|doubted|believes|believed|rejects|rejected|questions|questioned"
_SAID = re.compile(
    r"^"
    + _DESCRIPTION
    + r"(?P<name>"
    + _PERSON
    + r")"
    + _EMPLOYER
    + r"\s+(?P<verb>"
    + _SPEECH
    + "|"
    + _VIEW
    + r")\s+(?P<that>that\s+)?(?P<claim>.+?)\.?$"
)
# "Another expert, Bong Young-shik …, doubts …": the stem leaves out the word that points back.
_ANOTHER = re.compile(r"^Another\s+(?:expert|analyst|researcher|scholar|official|diplomat),\s+")
ANOTHER_PROBLEM = "unresolved reference (another … than one of an earlier sentence)"
# "The BBC’s Tokyo correspondent, Rupert Wingfield-Hayes, was …": a role in apposition to the name.
# Not the newsroom's own jobs (correspondent, reporter, editor): "who is the BBC's Tokyo correspondent?" is news
# trivia, rejected by both reviewers of blind review 13.
_ROLE_NOUNS = (
    r"spokesman|spokeswoman|spokesperson|analyst|expert|director|chief|envoy|"
    r"ambassador|adviser|advisor|researcher|commander|negotiator"
)
_APPOSITION = re.compile(
    r"^(?P<role>(?:The|the|A|a)\s+(?:[A-Z][\w.-]*(?:['’]s)?\s+)?(?:[\w-]+\s+){0,3}?(?:" + _ROLE_NOUNS + r")),\s+"
    r"(?P<name>" + _PERSON + r"),\s+(?P<rest>\S.+)$"
)
# Words that make a claim lean on its sentence once the name is cut out of it.
_LEANING = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b|[“”\"]", re.I)
MIN_CLAIM_WORDS, MAX_CLAIM_WORDS = 6, 40
# Two or three capitalised words, not run on from another capitalised word.
_RUN = re.compile(
    r"(?<![\w’'-])(?<![A-Z][\w’'-] )[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}(?![\w’'-])(?! [A-Z])"
)
# Offices and titles, in a run or before it: the person is an office holder of the news, or the run no name.
_TITLES = {
    "President", "Minister", "Secretary", "Senator", "Advisor", "Adviser", "Defense", "Defence", "State", "Prime", "General",
    "Ambassador", "Director", "Chancellor", "Governor", "Admiral", "Chairman", "Leader", "King", "Queen", "Premier", "Pope",
    "Mr", "Mrs", "Ms", "Dr", "Professor", "Representative", "Congressman", "Congresswoman", "Speaker", "Commander",
}  # fmt: skip
# A given name is rarer than this in English text ("Bruce" 4.3, "Brian" 4.5); "The", "As", "Eastern" are not.
MAX_GIVEN_NAME_ZIPF = 4.6
# A title before a name marks an office holder of the news (leader, president): known without the reading.
_OFFICE_BEFORE = re.compile(r"(?:leader|President|Minister|Chancellor|Secretary|King|Queen|General|Premier)\s+$")


def reading_people(ctx: Context) -> list[str]:
    """The people the reading names in full, in reading order (its credit lines too: they are people the reading
    names, and wrong options a reader of the report can rule out); office holders and household names left out."""
    out: list[str] = []
    office_holders: set[str] = set()
    for sentence in ctx.facts.sentences:
        for run in _RUN.finditer(sentence.text):
            name = run.group(0)
            if _OFFICE_BEFORE.search(sentence.text[: run.start()]) or is_household_name(name):
                office_holders.add(_spelling(name))  # before the name test: every spelling of a leader is kept out
                continue
            if _name_like(name) and name not in out:
                out.append(name)
    # "North Korean leader Kim Jong Un" once and "Kim Jong-Un" elsewhere: one person, an office holder.
    return [p for p in out if _spelling(p) not in office_holders]


def _name_like(run: str) -> bool:
    """A person's name: ``extract.names.person_like``, or two or three capitalised words whose last is no English word or
    place ("Victor Beattie", "Bong Young-shik": a given name may be a word, a surname rarely is)."""
    words = run.split()
    if not NAME_RUN.match(run) or not 2 <= len(words) <= 3:
        return False
    given, surname = words[0], words[-1]
    if any(w in _TITLES or w in countries() or w in cities() or is_demonym(w) or is_demonym(w.rstrip("s")) for w in words):
        return False  # "President Biden", "Lithuanian Americans": an office or a people, not one person's name
    if zipf(given.lower()) >= MAX_GIVEN_NAME_ZIPF or given.endswith("ing"):
        return False  # "The Taliban", "As President …", "Improving Cybersecurity": a sentence's words, not a given name
    if person_like(run):
        return True
    return not (getAllLemmas(surname.lower()) or zipf(surname.lower()) >= MAX_GIVEN_NAME_ZIPF)


def _spelling(name: str) -> str:
    return normalise_text(name.replace("-", " "))


def _others(ctx: Context, key: str, people: list[str], sentence: Sentence, quoted: set[str]) -> list[str]:
    others = [p for p in people if p != key and not contains_term(sentence.text, p) and normalise_text(p) not in ctx.trivial]
    # The other people the report quotes first (blind review 13: "offer the other expert", not a reporter of the
    # byline any reader rules out); their questions are one exclusion group (``_draft``), so one printing the
    # other's key ties nothing new. Then people no other question asks about, then the credit lines.
    return sorted(others, key=lambda p: (p not in quoted, normalise_text(p) in ctx.keys_asked, digest(ctx.reading_key, "person", key, p)))[
        :3
    ]


def _draft(ctx: Context, sentence: Sentence, stem: str, key: str, others: list[str], what: str) -> QuestionDraft:
    draft = _sentence_draft(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("attributed", sentence.start),
        stem=stem,
        answer={},
        title=f"Person: {key}",
    )
    _one_correct(draft, key, others)
    notes = [what, "options: other people the reading names"]
    # The sentence may name the person by one part of the name ("Bennett pointed out"; the stem shows it in full).
    written = [sentence.text[s:e] for s, e, full in sentence.names if full == key]
    # Who said what is one exclusion group per reading: the options are the people asked about in the others.
    group = digest(ctx.reading_key, "attributed", length=16)
    return _finish(draft, kind="attributed", group=group, quality=0.72, notes=notes, evidence_any=[key, *written])


def build_attributed_questions(ctx: Context) -> list[QuestionDraft]:
    people = reading_people(ctx)
    if len(people) < 4:
        return []  # three wrong options of the reading's own people are needed
    out: list[QuestionDraft] = []
    asked: set[str] = set()
    quoted = {
        m.group("name")
        for sentence in ctx.facts.sentences
        if (m := _SAID.match(_ANOTHER.sub("", quote(sentence))) or _APPOSITION.match(quote(sentence)))
    }
    if len(quoted & set(people)) < 4:
        # Three wrong options of people the report quotes too: with fewer, the byline's reporters and editors filled
        # the options, and blind reviews 13 to 16 turned every such question down or edited it (5 of 5 in round 16).
        return []
    for sentence in ctx.facts.sentences:
        problems = ctx.facts.problems.get(sentence.start, [])
        shown = quote(sentence)
        another = _ANOTHER.match(shown)
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or (
            problems and not (another and problems == [ANOTHER_PROBLEM])
        ):
            continue
        if ctx.facts.speaker(sentence):
            continue  # first person made to stand alone by its speaker: not a report about someone
        shown = shown[another.end() :] if another else shown
        said, role = _SAID.match(shown), _APPOSITION.match(shown)
        if said and said.group("name") in people:
            claim, verb = said.group("claim"), " ".join(said.group("verb").split())
            # The sentence stands alone, so a pronoun of the claim that is not the person's ("its defense") is the claim's own.
            if not MIN_CLAIM_WORDS <= word_count(claim) <= MAX_CLAIM_WORDS or _LEANING.search(claim):
                continue
            others = _others(ctx, said.group("name"), people, sentence, quoted)
            if len(others) < 3:
                continue
            speech = bool(said.group("that")) or re.fullmatch(_SPEECH, verb) is not None
            verb = "said" if verb == "added" else verb  # "who added that …" leans on something said before
            stem = f"According to the reading, who {verb} {'that ' if speech else ''}{claim}?"
            out.append(_draft(ctx, sentence, stem, said.group("name"), others, "who said what, as the reading reports it"))
            asked.add(said.group("name"))
        elif role and role.group("name") in people and role.group("name") not in asked:
            others = _others(ctx, role.group("name"), people, sentence, quoted)
            what = role.group("role")
            if len(others) < 3 or _LEANING.search(what):
                continue
            stem = f"According to the reading, who is {what[0].lower() + what[1:]}?"
            out.append(_draft(ctx, sentence, stem, role.group("name"), others, "a person's role, as the reading names it"))
            asked.add(role.group("name"))
    return out
