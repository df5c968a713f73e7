"""The question editor made of forms: one form set per question type (``forms``) and the
readable version history of a question (``history``). Writes go through
``quizzes.services.review`` like every other question change."""
