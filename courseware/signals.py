"""Signals courseware sends so other apps can react without courseware importing them.

``reading_imported`` is sent once per newly created reading by ``reading_import`` (whatever
called it: the manage page, the admin upload, the API, ``manage.py import_reading``). The
quizzes app connects question generation to it at start-up (``quizzes/apps.py``), so every
entry point gets questions generated and courseware keeps depending on nothing in quizzes.

``group_members_changed`` is sent when students join or leave a course group (see below).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``reading=<Reading>`` inside the importer's transaction (receivers that start
# background work must defer it with ``transaction.on_commit``).
reading_imported = Signal()

# Sent with ``course_id=<int>, user_ids=<set of ints>`` by ``courseware.services.groups`` when
# students join or leave one of the course's groups (or it is deleted), inside the service's
# transaction. The quizzes app recomputes those students' deadlines of attempts in progress, since
# a group may carry quiz accommodations.
group_members_changed = Signal()
