"""Text analysis shared by the import (``courseware.ingest``), lessons (``courseware.services.lessons``)
and question generation (``quizzes.generation``): one copy of the word lists and rules they all
need. Domain-free and pure (no models, no settings); word lists are data files in ``data/``.

- ``words``: month names and their patterns, sentence openers;
- ``sentences``: sentence boundaries (careful for generation, loose for lessons);
- ``citations``: author-date citations (the import) and citation spans (generation, lessons);
- ``acronyms``: acronym definitions (Schwartz-Hearst for generation, loose for lessons);
- ``dates``: full dates as prose writes them.

Where two callers' rules disagree, the function takes a parameter (``careful``, ``loose``,
``with_name_starts``) so each keeps its own behaviour: ``careful`` and ``loose`` default to
generation's rules, ``sentence_openers`` to the full list the import and lessons use.
"""
