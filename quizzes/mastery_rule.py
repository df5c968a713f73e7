"""How mastery moves: a recency-weighted average of the credit earned (an exponential moving
average: each new answer moves it ``MASTERY_WEIGHT`` of the way towards the new credit).

Pure, so that the service recording mastery after grading (``quizzes.services.mastery``) and the
gradebook recomputing it for one course (``quizzes.selectors.gradebook``) share one rule without
a selector importing a service.
"""

from __future__ import annotations

MASTERY_WEIGHT = 0.3
# The topic of a question that has none.
GENERAL_TOPIC = "general"


def mastery_moved(mastery: float, credit: float) -> float:
    return mastery + MASTERY_WEIGHT * (credit - mastery)
