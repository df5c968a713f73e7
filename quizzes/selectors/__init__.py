"""Reads of the quizzes app, by area; each ``*_get_for_user`` checks permissions (404 otherwise)."""
