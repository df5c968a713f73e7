"""Domain packs: what generation knows about a field, kept as data under ``seeds/packs/<id>/``.

A pack holds

- ``pack.json``: id, name, description and ``recognise`` (how to tell a reading of the domain:
  at least one of ``any_of`` and ``min_markers`` distinct ``markers`` at a density of
  ``min_hits_per_1000_words``); ``admin_terms: true`` marks the pack that terms added in the
  admin (``LexiconTerm`` rows, which carry no pack) belong to;
- ``lexicon.json``: terms with category, aliases and, where it matters, fine class, office,
  era (first and last year) and a country's relations (member, partner ...);
- ``topics.json``: the topic taxonomy (sentence patterns, heading patterns, fact kinds);
- ``rules.json``: rule and scenario knowledge (Article 5, admission), read by ``article5``.

A reading that is not of a pack's domain gets none of its terms as distractors and none of
its topics: generation falls back to ``GENERIC_TOPICS``. Adding a domain is adding a folder.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

PACKS_DIR = Path(settings.BASE_DIR) / "seeds" / "packs"

# Domain-free topics for readings no pack recognises: by the kind of fact only.
GENERIC_TOPICS: dict[str, str] = {
    "system": "equipment-and-systems",
    "money": "figures-and-funding",
    "quantity": "figures-and-funding",
    "programme": "programmes-and-agreements",
    "summit": "meetings-and-places",
    "place": "places",
    "person_role": "people-and-roles",
    "office": "people-and-roles",
    "organisation": "organisations",
    "date": "dates-and-events",
    "event": "dates-and-events",
    "term": "key-terms",
    "concept": "key-terms",
    "acronym": "key-terms",
    "treaty_rule": "rules-and-principles",
}


class PackError(ValueError):
    """A pack folder whose files cannot be read; the message names the file."""


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    patterns: tuple[re.Pattern[str], ...] = ()
    heading_patterns: tuple[re.Pattern[str], ...] = ()
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    id: str
    name: str
    description: str
    any_of: tuple[str, ...]
    markers: tuple[str, ...]
    min_markers: int
    min_density: float
    admin_terms: bool
    terms: tuple[dict[str, Any], ...]
    topics: tuple[Topic, ...]
    rules: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # What every student of the domain knows without a reading (pack.json "known"): asking for it is trivial.
    known_years: frozenset[int] = frozenset()
    known_figures: frozenset[str] = frozenset()  # normalised "2 percent"
    known_groups: frozenset[str] = frozenset()  # normalised "p5": groups whose members every student can name
    known_terms: frozenset[str] = frozenset()  # lower-cased "cold war": names any blank of the domain gives away

    def recognises(self, text: str) -> bool:
        """Whether ``text`` is of this pack's domain (see the module docstring)."""
        words = max(1, len(text.split()))
        counts = _marker_counts(self, text)
        if self.any_of and not any(counts.get(m) for m in self.any_of):
            return False
        distinct = sum(1 for m in self.markers if counts.get(m))
        return distinct >= self.min_markers and sum(counts.get(m, 0) for m in self.markers) * 1000 / words >= self.min_density

    def topic_for(self, *, kind: str, sentence: str, heading: str) -> str | None:
        for topic in self.topics:
            if any(p.search(heading) for p in topic.heading_patterns) or any(p.search(sentence) for p in topic.patterns):
                return topic.slug
        for topic in self.topics:
            if kind in topic.kinds:
                return topic.slug
        return None


@lru_cache(maxsize=64)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    # One pass over the text for every marker: capitalised markers match as written, others in any case.
    parts = [re.escape(m) if m[:1].isupper() else "(?i:" + re.escape(m) + ")" for m in sorted(markers, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _marker_counts(pack: Pack, text: str) -> dict[str, int]:
    markers = tuple(dict.fromkeys((*pack.any_of, *pack.markers)))
    by_lower = {m.lower(): m for m in markers if not m[:1].isupper()}
    counts: dict[str, int] = {}
    for found in _marker_pattern(markers).findall(text):
        marker = found if found in markers else by_lower.get(found.lower(), found)
        counts[marker] = counts.get(marker, 0) + 1
    return counts


def _read(path: Path, default: Any) -> Any:
    if not path.exists():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PackError(f"{path}: {exc}") from exc


def load_pack(folder: Path) -> Pack:
    meta = _read(folder / "pack.json", None)
    if not isinstance(meta, dict) or "id" not in meta:
        raise PackError(f"{folder / 'pack.json'}: missing or without an id")
    recognise = meta.get("recognise") or {}
    terms = _read(folder / "lexicon.json", {"terms": []}).get("terms", [])
    topics = [
        Topic(
            t["slug"],
            t.get("label", t["slug"]),
            tuple(re.compile(p, re.IGNORECASE) for p in t.get("patterns", [])),
            tuple(re.compile(p, re.IGNORECASE) for p in t.get("heading_patterns", [])),
            tuple(t.get("kinds", [])),
        )
        for t in _read(folder / "topics.json", {"topics": []}).get("topics", [])
    ]
    for term in terms:
        if "term" not in term or "category" not in term:
            raise PackError(f"{folder / 'lexicon.json'}: a term without 'term' or 'category': {term!r}")
    return Pack(
        id=str(meta["id"]),
        name=str(meta.get("name", meta["id"])),
        description=str(meta.get("description", "")),
        any_of=tuple(recognise.get("any_of", [])),
        markers=tuple(recognise.get("markers", [])),
        min_markers=int(recognise.get("min_markers", 3)),
        min_density=float(recognise.get("min_hits_per_1000_words", 1.0)),
        admin_terms=bool(meta.get("admin_terms", False)),
        terms=tuple({**t, "pack": str(meta["id"])} for t in terms),
        topics=tuple(topics),
        rules=_read(folder / "rules.json", {}),
        known_years=frozenset(int(y) for y in (meta.get("known") or {}).get("years", [])),
        known_figures=frozenset(" ".join(str(f).lower().split()) for f in (meta.get("known") or {}).get("figures", [])),
        known_groups=frozenset(" ".join(str(g).lower().split()) for g in (meta.get("known") or {}).get("groups", [])),
        known_terms=frozenset(" ".join(str(t).lower().split()) for t in (meta.get("known") or {}).get("terms", [])),
    )


@cache
def load_packs(root: Path = PACKS_DIR) -> tuple[Pack, ...]:
    """Every pack under ``root``, in folder order. Cached: packs change with a deploy, not at run time."""
    if not root.is_dir():
        return ()
    return tuple(load_pack(folder) for folder in sorted(root.iterdir()) if (folder / "pack.json").exists())


def admin_pack_id() -> str:
    """The pack that terms added in the admin belong to (``LexiconTerm`` has no pack column)."""
    return next((p.id for p in load_packs() if p.admin_terms), "")


@lru_cache(maxsize=32)
def packs_for_text(text: str) -> list[Pack]:
    """The packs whose domain ``text`` is of (possibly none); memoised, a run asks for the same text several times."""
    return [p for p in load_packs() if p.recognises(text)]


def pack_term_details() -> dict[str, dict[str, Any]]:
    """Term name -> its pack data, so rows from the database get their fine class, era and relations back."""
    return {t["term"]: t for pack in load_packs() for t in pack.terms}
