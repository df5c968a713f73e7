"""Facts, question banks, quizzes, attempts, grading and progress, one module per area; every model
is importable from ``quizzes.models`` (migrations, the admin and the API schema name them so).

The shape of ``Question.choices``, ``Question.answer`` and ``Response.answer`` for each
question type is defined, validated and graded in ``quizzes.questiontypes``; these modules
only store them.
"""

from quizzes.models.attempts import Attempt, AttemptReopening, MarkHistory, RegradeChange, RegradeLog, Response
from quizzes.models.banks import Fact, LexiconTerm, Question, QuestionBank, QuestionType
from quizzes.models.files import QuestionFile, ResponseFile
from quizzes.models.operations import GenerationJob, GradingPending, WorkerHeartbeat
from quizzes.models.progress import FactMastery, TopicMastery
from quizzes.models.quizzes import AccommodationTerms, Quiz, QuizAccommodation, QuizGroupAccommodation, QuizQuestion, QuizSource

__all__ = [
    "AccommodationTerms",
    "Attempt",
    "AttemptReopening",
    "Fact",
    "FactMastery",
    "GenerationJob",
    "GradingPending",
    "LexiconTerm",
    "MarkHistory",
    "Question",
    "QuestionBank",
    "QuestionFile",
    "QuestionType",
    "Quiz",
    "QuizAccommodation",
    "QuizGroupAccommodation",
    "QuizQuestion",
    "QuizSource",
    "RegradeChange",
    "RegradeLog",
    "Response",
    "ResponseFile",
    "TopicMastery",
    "WorkerHeartbeat",
]
