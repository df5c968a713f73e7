"""Generation as a background job with progress the browser can poll (``GenerationJob`` rows).

The worker's half: ``generation_run`` claims the job an import queued (``quizzes.services.
generation_jobs.generation_enqueue``) and reports progress on it.
"""

from __future__ import annotations

from courseware.models import Reading
from quizzes.generation.service import GenerationReport, bank_generate_for_reading
from quizzes.models import GenerationJob


def generation_run(*, reading_id: int) -> GenerationReport | None:
    """Run generation for a reading, reporting progress on its newest queued (or a new) job."""
    reading = Reading.objects.filter(pk=reading_id).first()
    if reading is None:
        return None
    job = GenerationJob.objects.filter(reading=reading, state=GenerationJob.State.QUEUED).order_by("created_at", "id").first()
    if job is None:
        job = GenerationJob.objects.create(reading=reading)
    # Claim the job: one row updated means this worker owns it.
    claimed = GenerationJob.objects.filter(pk=job.pk, state=GenerationJob.State.QUEUED).update(
        state=GenerationJob.State.RUNNING, progress=1
    )
    if not claimed:
        return None

    def progress(percent: int, message: str) -> None:
        GenerationJob.objects.filter(pk=job.pk).update(progress=min(100, max(0, percent)), message=message[:300])

    try:
        report = bank_generate_for_reading(reading=reading, progress=progress)
    except Exception as exc:
        GenerationJob.objects.filter(pk=job.pk).update(state=GenerationJob.State.FAILED, message=f"failed: {exc}"[:300])
        raise
    GenerationJob.objects.filter(pk=job.pk).update(
        state=GenerationJob.State.DONE,
        progress=100,
        questions=report.questions,
        message=f"{report.questions} questions in {report.seconds:.1f} s",
    )
    return report
