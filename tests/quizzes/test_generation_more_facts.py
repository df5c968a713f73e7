"""More facts of a reading asked (issue 13, yield of the seed paper and the CRS readings), and the stems that
stay out: a sentence's second amount, amounts written whole in every format, names of bodies and laws of three
words and more, questions of different sentences never taken for repeats; an instrument named only by its kind
and a blank that nothing in a short sentence pins are not asked."""

from __future__ import annotations

import re

from quizzes.generation.builders import QuestionDraft
from quizzes.generation.extract import extract_mentions
from quizzes.generation.pipeline import generate
from quizzes.generation.review import _echoes_the_stem
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import generate_articles, seed_lexicon


def _generate(text: str) -> list:  # type: ignore[type-arg]
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _keys(questions: list, qtype: str) -> list[str]:  # type: ignore[type-arg]
    out = []
    for q in questions:
        if q.type != qtype:
            continue
        if qtype == QuestionType.CLOZE:
            out.append(q.answer["accepted"][0])
        elif qtype == QuestionType.NUMERIC:
            out.append(q.answer["unit"] + " " + str(q.answer["value"]))
        else:
            out.append(next(c["text"] for c in q.choices if c["id"] == q.answer["correct"]))
    return out


AMOUNTS = (
    "In March, the regional bank approved a €9 billion package in 2021 to keep the power stations of the coast running, "
    "while the treasury allocated over $40 billion through the Coastal Recovery Appropriations Act to rebuild its harbours."
)


def test_a_sentences_amounts_are_asked_besides_its_names(monkeypatch):
    """An amount is a fact of its own, not another format of a name: it never waits for a free name's place
    (with one name's place a sentence, its two amounts are still asked)."""
    monkeypatch.setattr("quizzes.generation.assemble.NAMES_PER_SENTENCE", 1)
    questions = _generate(
        "In March, the Harbour Reconstruction Agency received a €9 billion package from the Northern Development Bank, "
        "while the Coastal Defence Board won over $40 billion under the Sea Wall Appropriations Act."
    )
    assert len(_keys(questions, QuestionType.CLOZE)) == 1
    # Typed in or chosen among amounts (the format rotates by sentence): each amount is asked.
    typed = [q.answer["unit"] for q in questions if q.type == QuestionType.NUMERIC]
    chosen = [k for k in _keys([q for q in questions if "Which amount" in q.stem], QuestionType.SINGLE_CHOICE)]
    assert sorted(typed) == ["billion EUR", "billion USD"] or sorted(chosen) == ["$40 billion", "€9 billion"]


def test_an_amount_is_offered_and_swapped_written_whole_never_as_a_bare_number():
    alone = _generate(
        "In March, the regional bank approved a €9 billion package to keep the power stations of the coast running. "
        "The treasury rebuilt the harbours of the southern coast through the Coastal Recovery Appropriations Act."
    )
    choices = [q for q in alone if q.meta.get("figure_choice") and "€" in _keys([q], QuestionType.SINGLE_CHOICE)[0]]
    assert choices, "the euro amount is also asked among amounts of its size"
    texts = [c["text"] for c in choices[0].choices]
    assert all(re.fullmatch(r"€\d+ billion", t) for t in texts), texts
    assert texts == sorted(texts, key=lambda t: int(re.sub(r"\D", "", t))), "amounts in numeric order"
    falses = [q for q in alone if q.type == QuestionType.TRUE_FALSE and q.meta.get("tf_original") == "€9 billion"]
    assert falses and re.search(r"approved a €\d+ billion package", falses[0].stem), "the swapped amount keeps its currency and scale"


def test_an_amount_beside_a_year_and_another_amount_is_neither_typed_in_nor_chosen_nor_swapped():
    # "… a €9 billion package in 2021 …, while the treasury allocated over $40 billion …": chosen among four or changed for
    # a true/false, the amount asks which sum stood where (blind reviews 27 and 30 to 33, both reviewers in most rounds);
    # typed in as well (blind review 38: both amounts of such a sentence rejected by both reviewers).
    questions = _generate(AMOUNTS)
    assert not [q for q in questions if q.type == QuestionType.NUMERIC and q.answer.get("value") in {9, 40}]
    assert not [q for q in questions if q.meta.get("figure_choice") and "€9 billion" in _keys([q], QuestionType.SINGLE_CHOICE)]
    assert not [q for q in questions if q.type == QuestionType.TRUE_FALSE and q.meta.get("tf_original") == "€9 billion"]


def test_a_body_or_law_named_in_three_words_and_more_is_asked_but_a_headline_is_not():
    """Three everyday words under the head of a body or a law name one thing; a title with a verb does not."""
    questions = _generate(
        "The Harbour Reconstruction Agency, founded by the port towns in 1991, rebuilt the piers of the northern coast after the storm. "
        "Congress enacted the Department of Energy Organization Act to gather the laboratories into one department. "
        "The press office issued a release titled Quantum Computing While Mitigating Risks to describe the new research effort."
    )
    clozes = _keys(questions, QuestionType.CLOZE)
    assert "Harbour Reconstruction Agency" in clozes and "Department of Energy Organization Act" in clozes
    assert not [k for k in clozes if "Quantum" in k]


def test_two_sentences_blanked_at_the_same_place_both_keep_their_question():
    """ "The ____, founded …" and "The ____ met …" once made one key (the type and the blank's place in its
    sentence): the second was lost as a repeat of the first."""
    questions = _generate(
        "The Harbour Reconstruction Agency, founded by the port towns in 1991, rebuilt the piers of the northern coast after the storm. "
        "The Coastal Defence Board met in the capital in 1993 to approve the new sea walls along the southern shore."
    )
    clozes = _keys(questions, QuestionType.CLOZE)
    assert "Harbour Reconstruction Agency" in clozes and "Coastal Defence Board" in clozes


def test_a_law_named_only_by_its_kind_is_not_quoted_alone():
    """ "The Act also created …": which act is the earlier sentence's to say."""
    questions = _generate(
        "In 1974, Congress enacted the Energy Reorganization Act to reform the atomic energy programme. "
        "The Act also created the Harbour Reconstruction Agency to rebuild the piers of the northern coast after the storm."
    )
    assert "Energy Reorganization Act" in _keys(questions, QuestionType.CLOZE)
    assert not [q for q in questions if "The Act also created" in q.stem]


def test_a_name_blank_in_a_short_sentence_that_names_nothing_else_is_not_asked():
    questions = _generate(
        "Establishing the Nuclear Test Ban Treaty was a huge moment. "
        "The Defense Ministry of Ruritania signed the Nuclear Test Ban Treaty in Geneva with its three neighbours in 1965."
    )
    assert not [q for q in questions if "“Establishing the ____ was a huge moment.”" in q.stem]


def test_an_amount_chosen_among_amounts_is_offered_among_amounts_of_its_size_that_are_no_multiple_of_it():
    """Blind review 7: "€4.5 billion" and "€18 billion" beside "€9 billion" point at the key."""
    questions = _generate(
        "In the spring, the regional bank approved a €9 billion package in 2021 to keep the power stations of the coast running."
    )
    [choice] = [q for q in questions if q.stem.startswith("Which figure completes")]
    texts = [c["text"] for c in choice.choices]
    values = [int(re.sub(r"\D", "", t)) for t in texts]
    assert "€9 billion" in texts and values == sorted(values)
    assert all(v == 9 or (v % 9 and 9 % v) for v in values), texts


def test_a_name_cut_at_and_on_or_for_is_read_whole_but_two_names_stay_two():
    def names(text: str) -> list[str]:
        return [m.surface for m in extract_mentions(text, seed_lexicon()) if m.kind in {"organisation", "programme", "term"}]

    assert "Intelligence Reform and Terrorism Prevention Act" in names(
        "The post was established by the Intelligence Reform and Terrorism Prevention Act of 2004."
    )
    assert names("The board set up the Office of Security and Intelligence for liaison with the Joint Committee on Harbour Works.") == [
        "Office of Security and Intelligence",
        "Joint Committee on Harbour Works",
    ]
    assert "Energy Research and Development Administration" in names("The law created the Energy Research and Development Administration.")
    # Two bodies with a head each, and a body "for" a country, are not one name.
    assert not [
        n for n in names("Allies worked with the Harbour Reconstruction Agency and Coastal Defence Board on the repairs.") if " and " in n
    ]
    assert not [n for n in names("The Reconstruction Commission for Ukraine met in the spring to plan the repairs.") if "Ukraine" in n]


def test_a_name_whose_abbreviation_follows_the_blank_is_not_blanked():
    """ "established by the ____ of 1998 (CSSSA; …)": the letters after the blank spell the key."""
    questions = _generate(
        "The post of port master was established by the Coastal Safety and Shipping Security Act of 1998 (CSSSA; P.L. 105-77) after the fire."
    )
    assert not [q for q in questions if q.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and "____ of 1998 (CSSSA" in q.stem]


def test_a_city_is_not_swapped_out_of_the_country_a_demonym_names():
    """ "Ukrainian troops … in contested areas such as Moscow and Kharkiv" is false on its face: the sentence
    names Ukraine by its demonym only, and a swap to a city of another country gives the answer away."""
    questions = _generate(
        "By the time of the full-scale Russian invasion in 2022, Ukrainian troops had learnt to hold contested areas "
        "such as Mariupol and Kharkiv against attacks. "
        "The Kremlin in Moscow had expected the war to end within a few days of the first attacks on the border."
    )
    assert not [q for q in questions if q.type == QuestionType.TRUE_FALSE and "Moscow and Kharkiv" in q.stem]


def _choice(stem_quote: str, key: str, others: list[str]) -> QuestionDraft:
    texts = sorted([key, *others])
    return QuestionDraft(
        type=QuestionType.SINGLE_CHOICE,
        stem=f"Which programme or agreement completes this sentence from the reading? “{stem_quote}”",
        choices=[{"id": str(i), "text": t} for i, t in enumerate(texts)],
        answer={"correct": str(texts.index(key))},
        explanation="",
        topic="aid-and-finance",
        difficulty=0.3,
        section=SectionText(0, "", "body", "en", stem_quote, 0),
        passage=stem_quote,
        start=0,
        end=len(stem_quote),
        key="k",
        fact_key="",
        title=key,
        meta={"quoted": stem_quote},
    )


def test_a_choice_whose_key_alone_repeats_a_word_of_the_sentence_is_set_aside():
    """ "… the safe export of Ukrainian grain": among four programmes only the Black Sea Grain Initiative has "grain"."""
    quoted = "The ____, brokered by NATO allies and the UN, enables the safe export of Ukrainian grain."
    echoing = _choice(
        quoted, "Black Sea Grain Initiative", ["Annual National Programme", "Membership Action Plan", "Comprehensive Assistance Package"]
    )
    assert _echoes_the_stem(echoing, "Black Sea Grain Initiative", quoted)
    # A word every option could take from the sentence points at none of them.
    fair = _choice(quoted, "Black Sea Grain Initiative", ["Grain From Ukraine", "Membership Action Plan", "Ukraine Facility"])
    assert not _echoes_the_stem(fair, "Black Sea Grain Initiative", quoted)


def test_up_to_three_provisions_of_one_article_are_located_in_one_exclusion_group():
    articles = [
        (
            "Article I",
            "Each Party undertakes to keep its harbour pilots licensed under the common rules of the coastal states. "
            "Each Party undertakes to report every wreck in its waters to the other Parties within a single week. "
            "Each Party undertakes to keep a rescue vessel ready at each of its ports on the northern sea coast.",
        ),
        ("Article II", "Each Party shall open its lighthouses to the inspectors of the other Parties at any time of the year."),
        ("Article III", "Nothing in this Convention shall be interpreted as affecting the right of any Party to fish in its own waters."),
        ("Article IV", "Each Party shall train the crews of its rescue vessels together with the crews of the other Parties."),
    ]
    title = "Convention on Safety at Sea"
    result = generate_articles(title, articles, "sea")
    first = [q for q in result.questions if q.meta.get("section_label") == "Article I"]
    assert len(first) == 3 and len({q.group for q in first}) == 1


def test_a_gap_whose_key_repeats_two_words_of_its_sentence_is_not_asked():
    """ "Congress enacted the ____, which set up the Department of Energy out of forty organizations": the sentence
    spells most of the Department of Energy Organization Act; one shared word alone ("department") is no giveaway."""
    echoing = "In 1977, Congress enacted the ____, which set up the energy department out of forty existing organizations."
    fair = "Congress enacted the ____ to gather the laboratories into one department."
    cloze = _choice(echoing, "Department of Energy Organization Act", [])
    cloze.type, cloze.choices = QuestionType.CLOZE, []
    assert _echoes_the_stem(cloze, "Department of Energy Organization Act", echoing)
    assert not _echoes_the_stem(cloze, "Department of Energy Organization Act", fair)


def test_a_word_the_key_shares_with_the_sentence_is_an_echo_whatever_the_spelling():
    """ "increase defense spending and adopt a new ____": the Defence Investment Pledge repeats "defense" in the British
    spelling. Among options no other of which says defence it points at the key as much as the same spelling would;
    beside another Defence option it points at none."""
    quoted = "Allies will agree to increase defense spending and adopt a new ____."
    key = "Defence Investment Pledge"
    echoing = _choice(quoted, key, ["Readiness Action Plan", "Prague Capabilities Commitment", "NATO Force Model"])
    assert _echoes_the_stem(echoing, key, quoted)
    fair = _choice(quoted, key, ["Defence Capabilities Initiative", "Prague Capabilities Commitment", "Readiness Action Plan"])
    assert not _echoes_the_stem(fair, key, quoted)


def test_an_approximate_figure_typed_in_says_how_near_an_answer_must_be():
    # "approximately $280 billion" is graded within 5 % either way; the stem says so (blind reviews 38 and 41 edited the
    # question for it), and an exact figure's stem does not.
    questions = _generate(
        "In March, the regional bank approved approximately $280 billion to keep the power stations of the coast running. "
        "The treasury rebuilt 14 harbours of the southern coast through the Coastal Recovery Appropriations Act."
    )
    typed = {q.answer["value"]: q for q in questions if q.type == QuestionType.NUMERIC}
    assert 280 in typed, [q.stem for q in questions]
    assert typed[280].answer["tolerance"] == 14
    assert typed[280].stem.endswith("An answer within 5 % of the reading's figure counts.")
    assert all("within 5 %" not in q.stem for value, q in typed.items() if value != 280)


def _choice_values(questions: list, start: str) -> tuple[list[int], int]:  # type: ignore[type-arg]
    [choice] = [q for q in questions if q.stem.startswith(start)]
    texts = {c["id"]: c["text"] for c in choice.choices}
    return [int(re.sub(r"\D", "", t)) for t in texts.values()], int(re.sub(r"\D", "", texts[choice.answer["correct"]]))


def test_a_figure_after_more_than_is_offered_only_among_larger_figures():
    # "a coalition of more than 96 nations" is as true as the reading's "more than 120" (blind review 51 edited two such
    # choices); only a larger figure makes the sentence false.
    values, key = _choice_values(
        _generate(
            "The maritime league has built a coalition of more than 120 nations to keep the southern sea lanes open. "
            "The coalition meets each spring in Lisbon to plan its patrols."
        ),
        "Which figure completes",
    )
    assert key == 120 and len(values) == 4 and all(v >= key for v in values), values


def test_a_year_after_since_is_typed_in_or_stated_false_but_never_chosen():
    # "Since 2018, the mission … has trained" is as true as the reading's 2015, and earlier years fall before the events
    # the sentence is about: blind reviews 44, 52 and 53 edited or rejected every set of options offered for UNIFIER's year.
    questions = _generate(
        "Since 2015, the Coastal Watch mission, led by Portugal, has trained harbour pilots in navigation and rescue. "
        "The pilots now guide tankers through the southern channel."
    )
    assert not [q for q in questions if q.stem.startswith("Which year completes")]
    assert [q.answer["value"] for q in questions if q.type == QuestionType.NUMERIC] == [2015]
    [swap] = [q for q in questions if q.type == QuestionType.TRUE_FALSE]
    assert int(re.search(r"Since (\d{4})", swap.stem).group(1)) < 2015
