"""Demo data for `make run` (`manage.py load_seeds`): accounts, the seed readings, their banks, a quiz.

It uses both apps through their services, as an admin and an instructor would; neither app imports it.
"""
