"""The question editor made of forms: one form set per question type (``forms``), a
stored question as initial data (``initial``), the bound editor (``question_editor``) and the
readable version history of a question (``history``). Writes go through
``quizzes.services.review`` like every other question change."""
