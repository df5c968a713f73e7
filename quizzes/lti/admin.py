from __future__ import annotations

from django.contrib import admin

from quizzes.lti.models import Context, Identity, LineItem, Platform, ScoreSync, ToolKey


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer", "client_id", "is_active"]


@admin.register(ToolKey)
class ToolKeyAdmin(admin.ModelAdmin):
    list_display = ["kid", "created_at", "retired_at"]
    # The encrypted private key is never shown or edited by hand; rotate with `manage.py lti_rotate_key`.
    exclude = ["private_pem_encrypted"]
    readonly_fields = ["kid", "public_pem", "created_at", "retired_at"]


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    list_display = ["sub", "platform", "user"]
    raw_id_fields = ["user"]


admin.site.register(Context)
admin.site.register(LineItem)
admin.site.register(ScoreSync)
