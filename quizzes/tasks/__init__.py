"""Celery tasks of the quizzes app. Celery's autodiscovery imports ``quizzes.tasks``; each
area keeps its tasks in its own module here and they are imported below so they register.

Tasks are thin: they take ids, call a service, and handle retry. Task names are explicit
(``quizzes.tasks.<name>``) so routes and the beat schedule in ``config/celery.py`` stay valid
whichever module defines them.
"""

from quizzes.tasks import generation as generation
from quizzes.tasks import grading as grading
