"""The Celery tasks that services publish, as signatures by the tasks' registered names.

A service that hands work to a worker (grading after a submit, a regrade after a key change,
generation after an import) publishes through these instead of importing ``quizzes.tasks``: the
task modules import the services they run, so importing them back from a service made an import
cycle. The names are the ones given to ``@shared_task(name=...)``; they are part of the queue's
contract (messages already queued carry them) and must not change. ``QuizzesConfig.ready``
imports ``quizzes.tasks``, so in every process a signature resolves to the registered task (its
routing, and eager mode in tests), never to a bare ``send_task``.
"""

from __future__ import annotations

from celery import Signature, signature

grade_attempt_task: Signature = signature("quizzes.tasks.grade_attempt_task")
regrade_question_task: Signature = signature("quizzes.tasks.regrade_question_task")
generate_questions_task: Signature = signature("quizzes.tasks.generate_questions_task")
