"""Answer matching students find fair (issue 13): a concept the pack knows accepts its everyday short forms as typed
answers (blind review 26 edited the paper's "rules-based international order" cloze, both reviewers: "rules-based order"
is the same answer)."""

from __future__ import annotations

from tests.quizzes.seed_readings import seed_lexicon


def test_the_rules_based_order_is_known_by_its_short_forms():
    lexicon = seed_lexicon()
    # "liberal international order": blind review 29 (one reviewer) marked the cloze wrong for refusing it; the bare
    # "international order" stays unknown, since a reading may speak of "the stability of the international order"
    # without meaning the rules-based one.
    for typed in ("rules-based order", "rules-based world order", "rules based international order", "liberal international order"):
        term = lexicon.lookup(typed)
        assert term is not None and term.term == "rules-based international order", typed
    assert lexicon.lookup("international order") is None
