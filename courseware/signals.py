"""Signals courseware sends so other apps can react without courseware importing them.

``reading_imported`` is sent once per newly created reading by ``reading_import`` (whatever
called it: the manage page, the admin upload, the API, ``manage.py import_reading``). The
quizzes app connects question generation to it at start-up (``quizzes/apps.py``), so every
entry point gets questions generated and courseware keeps depending on nothing in quizzes.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``reading=<Reading>`` inside the importer's transaction (receivers that start
# background work must defer it with ``transaction.on_commit``).
reading_imported = Signal()
