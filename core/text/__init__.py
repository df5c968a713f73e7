"""Text analysis shared by the import (``courseware.ingest``), lessons (``courseware.services.lessons``)
and question generation (``quizzes.generation``): one copy of the word lists and rules they all
need. Domain-free and pure (no models, no settings); word lists are data files in ``data/``.
"""
