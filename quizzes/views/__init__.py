"""HTML pages of the quizzes app: taking quizzes, results, progress, and the instructor's
question review, quiz editor, gradebook and item statistics.

Thin views: permission-checked fetches, then the same services the API calls. The quiz-taking
page is built from ``quizzes.forms.question_for_student``, which never copies an answer key.
"""
