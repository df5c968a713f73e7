"""The blind-review sampler: `manage.py generation_sample` generates in memory and prints a fixed-seed sample."""

from __future__ import annotations

import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Question
from tests.quizzes.seed_readings import SEEDS, UNSEEN


def _sample(folder, seed: int, count: int = 6) -> list[dict]:
    out = StringIO()
    call_command("generation_sample", corpus=str(folder), seed=seed, count=count, json=True, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def corpus(tmp_path):
    shutil.copy(UNSEEN, tmp_path / UNSEEN.name)
    shutil.copy(SEEDS / "000_c7d0d170a110670f.txt", tmp_path / "000.txt")
    return tmp_path


@pytest.mark.django_db
def test_it_prints_a_sample_across_readings_with_what_a_reviewer_needs_and_saves_nothing(corpus):
    rows = _sample(corpus, seed=2026)
    assert len(rows) == 6
    assert {r["reading"] for r in rows} == {UNSEEN.name, "000.txt"}
    for row in rows:
        assert {"reading", "type", "stem", "options", "key", "passage", "quality"} <= set(row)
        assert row["stem"] and row["key"] and row["passage"]
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_sample_and_another_seed_another(corpus):
    assert _sample(corpus, seed=7) == _sample(corpus, seed=7)
    assert [r["stem"] for r in _sample(corpus, seed=7)] != [r["stem"] for r in _sample(corpus, seed=8)]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No folder"):
        call_command("generation_sample", corpus=str(tmp_path / "nowhere"))


def test_like_a_quiz_draw_the_sample_takes_at_most_one_question_of_an_exclusion_group():
    from quizzes.generation.builders import QuestionDraft
    from quizzes.management.commands.generation_sample import sample

    def draft(stem: str, group: str) -> QuestionDraft:
        return QuestionDraft(
            type="cloze",
            stem=stem,
            choices=[],
            answer={},
            explanation="",
            topic="",
            difficulty=0.5,
            section=None,
            passage="",
            start=0,
            end=0,
            key=stem,
            group=group,
        )  # type: ignore[arg-type]

    bank = {"a.md": [draft("one", "g1"), draft("two", "g1"), draft("three", "g2")], "b.md": [draft("four", "g1")]}
    drawn = sample(bank, seed=3, count=10)
    assert sorted(q.stem for _, q in drawn if _ == "a.md") in (["one", "three"], ["three", "two"])
    assert [q.stem for name, q in drawn if name == "b.md"] == ["four"], "groups are per reading"
    assert sorted(q.stem for _, q in sample(bank, seed=3, count=10, group_mates=True)) == ["four", "one", "three", "two"], (
        "with group mates allowed, a bank of few groups still gives every question"
    )


def test_a_typed_figure_shows_the_reviewer_what_the_grading_accepts():
    from types import SimpleNamespace
    from typing import Any

    from quizzes.management.commands.generation_sample import key_text
    from quizzes.models import QuestionType

    approximate: Any = SimpleNamespace(
        type=QuestionType.NUMERIC, choices=[], answer={"value": 280, "tolerance": 14, "unit": "billion USD"}, meta={}
    )
    exact: Any = SimpleNamespace(type=QuestionType.NUMERIC, choices=[], answer={"value": 2015, "tolerance": 0, "unit": ""}, meta={})
    assert key_text(approximate) == "280 billion USD (± 14)"
    assert key_text(exact) == "2015"
