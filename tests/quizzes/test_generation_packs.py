"""Domain packs as data: loading, telling a reading's domain, and what a pack lends to generation
(distractors of the key's class and era, aliases as accepted answers, topics) only to its own domain."""

from __future__ import annotations

import json

import pytest

from quizzes.generation.distractors import Candidate, Pools, office_class, pick
from quizzes.generation.extract import extract_mentions
from quizzes.generation.lexicon import lexicon_from_data
from quizzes.generation.packs import GENERIC_TOPICS, PackError, load_pack, load_packs, packs_for_text
from quizzes.generation.pipeline import generate
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import SEEDS, parsed_sections, seed_lexicon

IRAN_DEAL = (
    "The Joint Comprehensive Plan of Action was concluded in Vienna in July 2015 between Iran and six world powers. "
    "Under the agreement, Iran agreed to keep its uranium enrichment below 3.67 percent for fifteen years. "
    "The International Atomic Energy Agency verifies that Iran meets its commitments under the deal. "
    "The United States withdrew from the agreement in May 2018 and reimposed sanctions on Iran. "
    "France, Germany and the United Kingdom tried to keep the agreement alive after the American withdrawal. "
    "Iran later enriched uranium to 60 percent, far above the limit the agreement had set."
)


def _generate(text: str, title: str = "") -> object:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def _options(q: object) -> list[str]:
    choices = q.choices  # type: ignore[attr-defined]
    return [c["text"] for c in choices] if isinstance(choices, list) else []


def test_the_security_studies_pack_loads_with_its_lexicon_topics_and_recognition():
    packs = {p.id: p for p in load_packs()}
    pack = packs["security-studies"]
    assert pack.admin_terms
    assert any(t["term"] == "North Atlantic Treaty" and "Washington Treaty" in t["aliases"] for t in pack.terms)
    assert {"article-5", "membership", "weapons-systems"} <= {t.slug for t in pack.topics}
    _, cleaned, _ = parsed_sections(SEEDS / "002_d5b0e1543fdd7663.txt")
    assert [p.id for p in packs_for_text(cleaned)] == ["security-studies"]


def test_a_new_pack_is_a_folder_and_a_broken_one_says_which_file(tmp_path):
    folder = tmp_path / "biology"
    folder.mkdir()
    (folder / "pack.json").write_text(
        json.dumps(
            {
                "id": "biology",
                "name": "Biology",
                "recognise": {"any_of": ["photosynthesis"], "markers": ["chlorophyll", "glucose", "photosynthesis"], "min_markers": 2},
            }
        )
    )
    (folder / "lexicon.json").write_text(json.dumps({"terms": [{"term": "Calvin cycle", "category": "concept"}]}))
    packs = load_packs(tmp_path)
    assert [p.id for p in packs] == ["biology"] and packs[0].terms[0]["pack"] == "biology"
    assert packs[0].recognises("Photosynthesis stores energy in glucose made with chlorophyll.")
    assert not packs[0].recognises(IRAN_DEAL)
    (folder / "lexicon.json").write_text(json.dumps({"terms": [{"term": "Calvin cycle"}]}))
    with pytest.raises(PackError, match=r"lexicon\.json"):
        load_pack(folder)


def test_an_off_domain_article_gets_no_pack_distractors_topics_or_terms():
    result = _generate(IRAN_DEAL, title="The Iran nuclear deal")
    assert result.facts.packs == ()  # type: ignore[attr-defined]
    pack = {p.id: p for p in load_packs()}["security-studies"]
    pack_names = {normalise_text(n) for t in pack.terms for n in (t["term"], *t.get("aliases", []))}
    pack_topics = {t.slug for t in pack.topics}
    text = f" {normalise_text(IRAN_DEAL)} "
    assert result.questions  # type: ignore[attr-defined]
    for q in result.questions:  # type: ignore[attr-defined]
        # A domain-free topic (``GENERIC_TOPICS``: "organisations") may share a pack topic's slug without coming from the pack.
        assert q.topic not in pack_topics - set(GENERIC_TOPICS.values()), q.topic
        for option in _options(q):
            assert normalise_text(option) not in pack_names or f" {normalise_text(option)} " in text, (option, q.stem)


def test_pack_aliases_and_the_readings_own_long_and_short_forms_are_accepted_answers():
    text = (
        "The North Atlantic Treaty was signed in Washington by twelve founding members of the Alliance. "
        "The two Presidents announced the establishment of a new Nuclear Consultative Group (NCG) to strengthen extended deterrence. "
        "NATO leaders met at the Vilnius Summit in July 2023 to agree new defence plans for the Alliance. "
        "The Nuclear Consultative Group will meet four times a year in Seoul to discuss nuclear planning."
    )
    result = _generate(text)
    accepted = [q.answer["accepted"] for q in result.questions if q.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}]  # type: ignore[attr-defined]
    treaty = next(a for a in accepted if "North Atlantic Treaty" in a)
    assert "Washington Treaty" in treaty
    # The reading's own short form of a name is accepted wherever the long form is the key.
    from quizzes.generation.builders import Context, _accepted
    from quizzes.generation.distractors import build_pools
    from quizzes.generation.pipeline import reading_facts_in_domain

    sections = [SectionText(0, "", "body", "en", text, 0)]
    facts = reading_facts_in_domain(sections=sections, cleaned_text=text, lexicon=seed_lexicon())
    ctx = Context(
        reading_key="k", cleaned_text=text, facts=facts, pools=build_pools(lexicon=seed_lexicon(), mentions=[]), lexicon=seed_lexicon()
    )
    group = next(m for found in facts.mentions.values() for m in found if m.value == "Nuclear Consultative Group" and m.source != "acronym")
    assert {"Nuclear Consultative Group", "NCG"} <= set(_accepted(group, ctx))
    summit = next(q for q in result.questions if "Vilnius" in " ".join([*_options(q), *q.answer.get("accepted", [])]))  # type: ignore[attr-defined]
    assert "____ Summit" in summit.stem, "only the city of 'the Vilnius Summit' is blanked"


def test_people_are_offered_with_people_of_the_same_office_and_era():
    lexicon = seed_lexicon()
    sentence = "In 2024, NATO Secretary General Mark Rutte opened the meeting of defence ministers in Brussels."
    mention = next(m for m in extract_mentions(sentence, lexicon) if m.value == "Mark Rutte")
    from quizzes.generation.distractors import build_pools

    pools = build_pools(lexicon=lexicon, mentions=[mention])
    offered = pick(pools=pools, mention=mention, sentence=sentence, key="k", count=3, lexicon=lexicon, years=(2022, 2024))
    assert offered == ["Jens Stoltenberg"]  # Rasmussen (to 2014) and Solana (to 1999) are of another era
    assert office_class("Minister of Defence") == office_class("US Secretary of Defense") == "defense minister"


def test_countries_are_offered_with_countries_of_the_same_relation():
    lexicon = lexicon_from_data([
        {"term": "Poland", "category": "ally", "relations": ["member"], "pack": "p"},
        {"term": "Estonia", "category": "ally", "relations": ["member"], "pack": "p"},
        {"term": "Austria", "category": "partner", "relations": ["partner"], "pack": "p"},
    ])  # fmt: skip
    pools = Pools()
    for term in lexicon.terms:
        pools.add("place:country", Candidate(term.term, relations=frozenset(term.relations)))
    sentence = "Poland hosts a multinational battlegroup on the eastern flank of the Alliance."
    mention = next(m for m in extract_mentions(sentence, lexicon) if m.value == "Poland")
    assert pick(pools=pools, mention=mention, sentence=sentence, key="k", count=3, lexicon=lexicon) == ["Estonia"]


def test_a_law_is_offered_with_other_laws_not_with_plans_or_strategies():
    from quizzes.generation.distractors import build_pools

    lexicon = lexicon_from_data([])
    text = (
        "The National Security Act of 1947 created the Central Intelligence Agency. "
        "Congress passed the Intelligence Reform and Terrorism Prevention Act in 2004. "
        "The Foreign Intelligence Surveillance Act governs surveillance of foreign powers. "
        "The National Cybersecurity Strategy was published in 2023. "
        "The Marshall Plan rebuilt Western Europe after 1948."
    )
    mentions = extract_mentions(text, lexicon)
    law = next(m for m in mentions if m.value == "National Security Act")
    sentence = text.split(". ")[0]
    offered = pick(pools=build_pools(lexicon=lexicon, mentions=mentions), mention=law, sentence=sentence, key="k", count=3, lexicon=lexicon)
    assert sorted(offered) == ["Foreign Intelligence Surveillance Act", "Intelligence Reform and Terrorism Prevention Act"]


def test_a_treaty_whose_name_is_part_of_the_keys_full_name_is_no_option():
    # New START is the "New Strategic Arms Reduction Treaty": START I beside it is a defensible answer (blind review 59,
    # both reviewers), and so is New START beside START I.
    from quizzes.generation.distractors import build_pools

    lexicon = seed_lexicon()
    sentence = "While claiming to suspend New START, Russia has also publicly committed to adhere to the Treaty's central limits."
    mentions = extract_mentions(sentence, lexicon)
    new_start = next(m for m in mentions if m.value == "New START")
    pools = build_pools(lexicon=lexicon, mentions=mentions)
    # Every treaty the pack lists is a candidate; the count asks for all of them.
    offered = pick(pools=pools, mention=new_start, sentence=sentence, key="k", count=50, lexicon=lexicon)
    assert "Anti-Ballistic Missile Treaty" in offered and "Strategic Arms Reduction Treaty" not in offered
    other = "The Strategic Arms Reduction Treaty was signed in Moscow in 1991 by the United States and the Soviet Union."
    start_one = next(m for m in extract_mentions(other, lexicon) if m.value == "Strategic Arms Reduction Treaty")
    offered = pick(pools=pools, mention=start_one, sentence=other, key="k", count=50, lexicon=lexicon)
    assert "Anti-Ballistic Missile Treaty" in offered and "New START" not in offered


def test_a_false_statement_keeps_its_article_and_the_swapped_persons_own_role():
    text = (
        "Allies adopted an Operation UNIFIER plan to train Ukrainian soldiers in 2015. "
        "Canada also leads Operation REASSURANCE in Latvia with about 2,000 troops since 2017. "
        "German Defense Minister Boris Pistorius and Ukrainian Defense Minister Rustem Umerov met in Berlin in May 2024. "
        "British Defence Secretary John Healey visited Kyiv in July 2024 to discuss air defence."
    )
    result = _generate(text)
    for q in result.questions:  # type: ignore[attr-defined]
        if q.type == QuestionType.TRUE_FALSE and q.meta.get("tf_swapped"):
            assert " a Operation" not in q.stem and " an Operation" not in q.stem.replace("an Operation UNIFIER", "")
            assert "Ukrainian Defense Minister Boris Pistorius" not in q.stem and "German Defense Minister Rustem" not in q.stem


@pytest.mark.parametrize(
    "sentence",
    [
        "Countries like Iran, North Korea and China are cheerleading him.",
        "Russia had never invaded Ukraine before this war.",
        "And here, they signed the treaty in Washington.",
        "We've now provided Ukraine with five Patriot batteries.",
        "Mr. Secretary-General, leaders of NATO countries, welcome to Washington.",
        "MILITARY AIDE: Mr. President, the summit is ready for you.",
        "**A Stronger, Reinvigorated and Modern Alliance:**",
        "Keywords: NATO, Russia-Ukraine war, war termination, military support.",
        "It is the cul- — Uraine — in the east of the country, the general said.",
        "Turkish Major General Özkan Ulutaş succeeded him in October 2023.",
        "Unlike collective defence, it was a crisis response operation outside Allied territory.",
    ],
)
def test_sentences_that_lean_on_their_context_are_not_quoted(sentence):
    assert sentence_problems(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO Secretary General Jens Stoltenberg said his term would end in October 2024.",
        "The Allies reaffirmed their commitment to spend 2 percent of GDP on defence.",
        "Systems such as Patriot and NASAMS have protected Ukrainian cities from missile attacks.",
        "Each Party to the Treaty undertakes to pursue negotiations in good faith on nuclear disarmament.",
    ],
)
def test_sentences_that_stand_alone_are_kept(sentence):
    assert sentence_problems(sentence) == []


def test_a_leaders_forum_is_asked_among_the_packs_other_forums():
    """The G7 is a forum of leaders, not an alliance or an agency: "working together with our partners in the ____ to
    address the enormous needs for high-standard infrastructure" is asked among the G20, the OECD and APEC, the pack's
    other forums (before the pack knew the G7, the sentence asked nothing)."""
    text = (
        "NATO Allies agreed to strengthen deterrence and defence on the eastern flank of the Alliance. "
        "The Alliance will deploy more forces and air defence systems to the Baltic states. "
        "The Allies are working together with their partners in the G7 to address the enormous needs for "
        "high-standard infrastructure in low- and middle-income countries. "
        "The Allies also pledged to spend more on defence and to deepen their cooperation on cyber defence. "
        "Finland joined the Alliance in April 2023 after decades of military non-alignment. "
        "The summit in Vilnius set up the NATO-Ukraine Council as a forum for joint consultations. "
        "Ukraine received air defence systems from several Allies during the winter. "
        "The Allies agreed that their regional defence plans would guide the forces they keep ready. "
        "Sweden ratified its accession protocol after a long delay in the Turkish parliament. "
        "Defence ministers will review the progress of the plans at their next meeting in Brussels. "
        "The Alliance also opened a new training centre for cyber defence in Estonia. "
        "Norway and Denmark offered to train Ukrainian pilots on modern fighter aircraft."
    )
    result = _generate(text)
    choices = [q for q in result.questions if q.type == QuestionType.SINGLE_CHOICE and "partners in the ____" in q.stem]
    assert choices, [q.stem for q in result.questions]
    assert sorted(_options(choices[0])) == ["APEC", "G20", "G7", "OECD"]


def test_a_concept_with_a_finer_class_in_the_pack_is_offered_only_among_concepts_of_that_class():
    # "extended deterrence" is a nuclear doctrine: beside "sanctions" or "collective defence" (concepts of the pack
    # too) the blank "U.S. ____ … reassured our partners" has more than one fair answer; beside the other doctrines
    # (massive retaliation, flexible response, mutual assured destruction) it has one.
    text = (
        "NATO Allies met in Vilnius to agree new defence plans for the Alliance and its eastern flank. "
        "One of the greatest nonproliferation accomplishments of the nuclear age has been U.S. extended deterrence, "
        "which has reassured so many allies that they do not need to develop nuclear weapons of their own. "
        "The Alliance also agreed to raise defence spending and to strengthen air defense across Europe."
    )
    result = _generate(text, title="Nuclear deterrence and the Alliance")
    pack = {p.id: p for p in load_packs()}["security-studies"]
    doctrines = {t["term"] for t in pack.terms if t.get("fine") == "nuclear-doctrine"}
    asked = [q for q in result.questions if q.type == QuestionType.SINGLE_CHOICE and "extended deterrence" in _options(q)]  # type: ignore[attr-defined]
    assert asked, [q.stem for q in result.questions]  # type: ignore[attr-defined]
    for q in asked:
        assert set(_options(q)) <= doctrines, _options(q)


def test_a_format_of_talks_is_asked_among_the_packs_other_formats_and_its_name_alone_is_accepted():
    """The Ramstein format is how the Ukraine Defense Contact Group meets: "convened … under the ____" is asked among the
    Normandy, Weimar and Bucharest Nine formats (before the pack knew formats, the sentence asked only its other names),
    the stem says a format of talks is wanted (not "programme or agreement"), and a typed "Ramstein" is accepted."""
    text = (
        "NATO Allies agreed to strengthen deterrence and defence on the eastern flank of the Alliance. "
        "The Ukraine Defense Contact Group convened at NATO Headquarters under the Ramstein format to discuss further "
        "military aid for Ukraine. "
        "The Allies also pledged to spend more on defence and to deepen their cooperation on cyber defence. "
        "Finland joined the Alliance in April 2023 after decades of military non-alignment."
    )
    questions = _generate(text).questions  # type: ignore[attr-defined]
    choices = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and "under the ____" in q.stem]
    assert choices, [q.stem for q in questions]
    assert choices[0].stem.startswith("Which format of talks completes")
    assert sorted(_options(choices[0])) == ["Bucharest Nine format", "Normandy format", "Ramstein format", "Weimar format"]
    # Typed in, the blank keeps its head noun ("under the ____ format"): without it any description of the talks fits
    # (blind reviews 37 and 39); the name is the key shown, the whole name still accepted.
    clozes = [q for q in questions if q.type == QuestionType.CLOZE and "under the ____" in q.stem]
    assert clozes and "under the ____ format to discuss" in clozes[0].stem
    assert clozes[0].answer["accepted"][:2] == ["Ramstein", "Ramstein format"]


def test_a_training_operation_is_asked_among_the_packs_other_operations():
    """ "Since 2015, ____, led by Canada, has provided Ukrainian soldiers with training" is asked among the pack's other
    operations (with only Interflex known, it had too few to be a choice), and the stem asks for an operation."""
    text = (
        "NATO Allies agreed to strengthen deterrence and defence on the eastern flank of the Alliance. "
        "Since 2015, Operation UNIFIER, led by Canada, has provided Ukrainian soldiers with training in areas including "
        "infantry tactics, medical care, and logistics. "
        "The Allies also pledged to spend more on defence and to deepen their cooperation on cyber defence. "
        "Finland joined the Alliance in April 2023 after decades of military non-alignment."
    )
    questions = _generate(text).questions  # type: ignore[attr-defined]
    choices = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and "Since 2015, ____, led by Canada" in q.stem]
    assert choices, [q.stem for q in questions]
    assert choices[0].stem.startswith("Which operation completes")
    options = _options(choices[0])
    assert "Operation UNIFIER" in options and len(options) == 4
    assert all(o.startswith("Operation ") for o in options)


def test_a_commitment_of_the_allies_is_asked_among_the_packs_other_commitments():
    """The pack knows NATO's pledges and capability commitments as a class of their own (the Defence Investment Pledge,
    the Cyber Defence Pledge, the Readiness Action Plan, the Defence Capabilities Initiative, the Prague Capabilities
    Commitment): "adopt a new ____" is asked among them, not among funds (the European Peace Facility, Lend-Lease), which
    a pledge to spend was offered with before, whose key alone repeated the sentence's "defense" and was set aside."""
    text = (
        "NATO Allies agreed to strengthen deterrence and defence on the eastern flank of the Alliance. "
        "Allies will agree to increase defense spending and adopt a new Defense Investment Pledge. "
        "The Alliance will deploy more forces and air defence systems to the Baltic states. "
        "Finland joined the Alliance in April 2023 after decades of military non-alignment."
    )
    commitments = {t.term for t in seed_lexicon().terms if t.fine == "commitment"}
    assert "Defence Investment Pledge" in commitments and len(commitments) >= 4
    questions = _generate(text).questions  # type: ignore[attr-defined]
    choices = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and "adopt a new ____" in q.stem]
    assert choices, [q.stem for q in questions]
    assert set(_options(choices[0])) <= commitments and "Defence Investment Pledge" in _options(choices[0])


def test_a_contested_munition_is_asked_among_the_packs_other_contested_munitions():
    """Cluster munitions are a kind of munition the field argues over, with anti-personnel landmines, depleted uranium
    rounds and white phosphorus: "no need to continue giving ____" is typed in (its other names accepted) and chosen
    among them (before the pack knew them, the sentence asked nothing)."""
    text = (
        "NATO Allies agreed to strengthen deterrence and defence on the eastern flank of the Alliance. "
        "Once unitary round production can satisfy Ukraine's needs, there will be no need to continue giving cluster munitions. "
        "The Alliance will deploy more forces and air defence systems to the Baltic states. "
        "Finland joined the Alliance in April 2023 after decades of military non-alignment."
    )
    questions = _generate(text).questions  # type: ignore[attr-defined]
    choices = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and "continue giving ____" in q.stem]
    assert choices, [q.stem for q in questions]
    assert sorted(_options(choices[0])) == [
        "anti-personnel landmines",
        "cluster munitions",
        "depleted uranium rounds",
        "white phosphorus munitions",
    ]
    clozes = [q for q in questions if q.type == QuestionType.CLOZE and "continue giving ____" in q.stem]
    assert clozes and {"cluster munitions", "cluster bombs"} <= set(clozes[0].answer["accepted"])


def test_a_system_named_a_missile_after_its_blank_is_never_offered_beside_a_gun():
    """ "supplied Ukraine with ____ surface-to-air missiles": the Gepard, an anti-aircraft gun of the same class in the
    pack, is ruled out by the words after the blank (blind review 44, both reviewers); without them it may be offered."""
    from quizzes.generation.distractors import build_pools, candidates_for
    from quizzes.generation.extract import Mention

    lexicon = seed_lexicon()
    pools = build_pools(lexicon=lexicon, mentions=[])
    stinger = Mention("system", "Stinger", "Stinger", 0, 7, "air-defence", "", "lexicon")

    def offered(sentence: str) -> set[str]:
        return {c.value for c in candidates_for(pools=pools, mention=stinger, sentence=sentence, lexicon=lexicon)}

    missiles = offered("The Allies supplied Ukraine with Stinger surface-to-air missiles to defend its cities.")
    systems = offered("The Allies supplied Ukraine with Stinger systems to defend its cities.")
    assert "Gepard" in systems and "Gepard" not in missiles
    assert {"Hawk", "Patriot"} <= missiles


def test_a_plural_name_whose_verb_agrees_with_it_is_typed_in_but_not_chosen_among_single_names():
    """ "Stingers, which are man-portable, allowed …": an option names one system ("Stinger, which are …"), so the choice
    is not made (blind reviews 41 and 44 edited it for its grammar); typed in, "Stingers" is accepted. A plural with no
    verb of its own after it ("The Javelins, portable and …, enabled") is still chosen."""
    text = (
        "NATO Allies agreed to strengthen deterrence and defence on the eastern flank of the Alliance. "
        "Stingers, which are man-portable, allowed Ukrainian forces to target Russian helicopters over the Donbas. "
        "The Javelins, portable and highly effective against armored vehicles, enabled Ukrainian forces to stop Russian tanks. "
        "Finland joined the Alliance in April 2023 after decades of military non-alignment."
    )
    questions = _generate(text).questions  # type: ignore[attr-defined]
    stinger = [q for q in questions if "which are man-portable" in q.stem]
    assert {q.type for q in stinger} == {QuestionType.CLOZE}, [(q.type, q.stem) for q in stinger]
    assert "Stingers" in stinger[0].answer["accepted"]
    assert [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and "The ____, portable" in q.stem]
