"""Rule-based extraction of mentions from one sentence. Pure functions: text in, mentions out.

Two sources work together:

1. the lexicon (terms with category and aliases, kept as data) for names a rule cannot
   guess (``Patriot``, ``Leopard 2``);
2. rules that need no lexicon, so an unseen reading still yields facts: acronym definitions
   (Schwartz-Hearst matching of an acronym to its long form), people with a role (a run of
   capitalised words whose last office word - Minister, President, Secretary ... - is
   followed by a name, or ``Name, who served as Role``), money with currency and scale,
   dates and years, ``Operation X`` and other named programmes, organisations by their head
   word (Bureau, Centre, Commission ...), ``<Name> <descriptor> system/missiles``,
   summits, and country and city gazetteers.

Traps handled on purpose: digits glued to a name (``Leopard 2``, ``F-16``, ``IRIS-T``) are
never quantities; a bare year is a year, not a day; citation parentheses ``(Marsh, 2023)``
produce nothing.

One module per kind of fact: ``names`` (acronyms, people, programmes, organisations, systems,
rare terms), ``places``, ``figures`` (money, quantities, dates); ``mentions`` holds what they
return and share, and ``sentence`` combines them (``extract_mentions``). The names other modules
use are re-exported here.
"""

from __future__ import annotations

from core.text.citations import citation_spans
from quizzes.generation.extract.mentions import Mention, is_demonym
from quizzes.generation.extract.names import find_acronyms
from quizzes.generation.extract.places import _gazetteer
from quizzes.generation.extract.sentence import extract_mentions

__all__ = ["Mention", "_gazetteer", "citation_spans", "extract_mentions", "find_acronyms", "is_demonym"]
