"""REST endpoints for quizzes: taking them (start, answer, submit, poll), progress and practice,
question banks and review, gradebooks and item statistics.

Each class is one operation: validate input -> call a service or selector -> serialize output.
Every object comes from a ``*_get_for_user`` selector (404 for anything the caller may not see);
the rules themselves (deadlines, idempotent submit, answer shapes, review policy) live in the
services and selectors, never here.
"""
