"""The tool's RSA keys: generated, encrypted at rest, rotated, published as a JWKS."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import timedelta
from typing import Any

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from jwcrypto.jwk import JWK

from quizzes.lti.models import ToolKey


def _fernet() -> Fernet:
    # A dedicated secret when set, else one derived from SECRET_KEY, so a leaked database
    # alone does not give away the key that signs grades.
    secret = getattr(settings, "LTI_KEY_SECRET", "") or settings.SECRET_KEY
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"lti-key:{secret}".encode()).digest()))


def tool_key_create() -> ToolKey:
    """Generate a new signing key; it signs from now on, older keys stay published until they expire."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return ToolKey.objects.create(
        kid=uuid.uuid4().hex,
        public_pem=public_pem.decode(),
        private_pem_encrypted=_fernet().encrypt(private_pem).decode(),
    )


def tool_key_rotate() -> ToolKey:
    """Retire the current key(s) and create a new one; the retired ones stay in the JWKS for LTI_KEY_GRACE."""
    now = timezone.now()
    ToolKey.objects.filter(retired_at__isnull=True).update(retired_at=now)
    return tool_key_create()


def tool_key_current() -> ToolKey:
    key = ToolKey.objects.filter(retired_at__isnull=True).first()
    return key or tool_key_create()


def tool_key_private_pem(key: ToolKey) -> str:
    return _fernet().decrypt(key.private_pem_encrypted.encode()).decode()


def tool_jwks() -> dict[str, Any]:
    """The public keys platforms verify the tool's messages with: the current one and those still in grace."""
    tool_key_current()
    grace = timedelta(seconds=settings.LTI_KEY_GRACE_SECONDS)
    keys = ToolKey.objects.filter(Q(retired_at__isnull=True) | Q(retired_at__gt=timezone.now() - grace))
    out = []
    for key in keys:
        jwk = json.loads(JWK.from_pem(key.public_pem.encode()).export_public())
        jwk.update({"kid": key.kid, "alg": "RS256", "use": "sig"})
        out.append(jwk)
    return {"keys": out}
