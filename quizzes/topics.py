"""How a topic is named to people: topics are stored as slugs ("summits-and-diplomacy"), which
the walk-through found on the mastery charts as they are."""

from __future__ import annotations

from functools import cache


@cache
def _pack_labels() -> dict[str, str]:
    # The domain packs name the topics they assign; read once per process.
    from quizzes.generation.packs import load_packs

    labels: dict[str, str] = {}
    for pack in load_packs():
        for topic in pack.topics:
            labels.setdefault(topic.slug, topic.label)
    return labels


def topic_label(slug: str) -> str:
    """The pack's label for a topic, else the slug in words ("summits-and-diplomacy" ->
    "Summits and diplomacy")."""
    if not slug:
        return ""
    label = _pack_labels().get(slug)
    if label:
        return label
    words = slug.replace("-", " ").replace("_", " ").split()
    return " ".join(words)[:1].upper() + " ".join(words)[1:] if words else slug
