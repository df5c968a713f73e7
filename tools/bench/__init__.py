"""The classroom-burst benchmark: brings up the real stack on loopback and measures it.

``python -m tools.bench`` (``make bench``) runs the scenarios in ``scenarios`` against
gunicorn, Celery worker processes, PostgreSQL and Redis, drives the students with locust
(``locustfile``) in a separate process, and prints one JSON document. Nothing here is imported
by the application itself.
"""
