"""Registrations, keys, and the link tables between LMS identities and Strategikon rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ToolKey(models.Model):
    """One RSA key pair of the tool. The newest active key signs; retired keys stay in the JWKS
    until ``retired_at`` + the grace period so tokens a platform cached keep verifying."""

    kid = models.CharField(max_length=64, unique=True)
    public_pem = models.TextField()
    private_pem_encrypted = models.TextField(help_text="Fernet token; the key is derived from LTI_KEY_SECRET")
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.kid


class Platform(models.Model):
    """An LMS registration: one (issuer, client_id) pair and the deployments it may launch from."""

    name = models.CharField(max_length=200)
    issuer = models.URLField(max_length=300)
    client_id = models.CharField(max_length=300)
    deployment_ids = models.JSONField(default=list, blank=True)
    auth_login_url = models.URLField("OIDC auth URL", max_length=500)
    auth_token_url = models.URLField("token URL", max_length=500)
    key_set_url = models.URLField("JWKS URL", max_length=500)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_unique_client")]

    def __str__(self) -> str:
        return f"{self.name} ({self.issuer})"


class Identity(models.Model):
    """An LMS user, matched by (platform, sub) on every launch and roster pull."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="identities")
    sub = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "sub"], name="lti_identity_unique_sub")]
        verbose_name_plural = "identities"

    def __str__(self) -> str:
        return f"{self.sub}@{self.platform_id}"


class Context(models.Model):
    """An LMS course (context) linked to a Strategikon course."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="contexts")
    context_id = models.CharField(max_length=255)
    title = models.CharField(max_length=300, blank=True)
    course = models.ForeignKey("courseware.Course", on_delete=models.CASCADE, related_name="lti_contexts")
    memberships_url = models.URLField(max_length=500, blank=True, help_text="NRPS endpoint from the last launch")
    lineitems_url = models.URLField(max_length=500, blank=True, help_text="AGS line items endpoint from the last launch")
    roster_pulled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "context_id"], name="lti_context_unique")]

    def __str__(self) -> str:
        return self.title or self.context_id


class LineItem(models.Model):
    """The LMS gradebook column of one quiz in one LMS context."""

    context = models.ForeignKey(Context, on_delete=models.CASCADE, related_name="line_items")
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="lti_line_items")
    url = models.URLField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["context", "quiz"], name="lti_line_item_unique_quiz")]

    def __str__(self) -> str:
        return self.url


class ScoreSync(models.Model):
    """What was sent to a line item for one attempt; ``grade_count`` makes the push idempotent
    (the same grading is never sent twice) while a regrade (a higher count) is sent again."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    attempt = models.ForeignKey("quizzes.Attempt", on_delete=models.CASCADE, related_name="lti_syncs")
    line_item = models.ForeignKey(LineItem, on_delete=models.CASCADE, related_name="syncs")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    grade_count = models.PositiveIntegerField(default=0, help_text="the attempt's grade_count last sent")
    score = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    tries = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "line_item"], name="lti_score_sync_unique")]


class UsedNonce(models.Model):
    """Nonces of accepted launches; the unique constraint is what refuses a replayed id_token."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "nonce"], name="lti_nonce_unique")]
