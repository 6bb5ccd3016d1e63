"""Who needs a second factor, setting one up, checking a code, and resetting it.

Required for the accounts that can change what goes live or act on many people's data:
every portal account (municipality staff and operators), and in a buurt its
Buurtbeheerders, Professionals and superusers. Anyone else may turn it on; once an
account has a confirmed device, every login asks for a code.
"""

import base64
import hashlib
import io
import re
import secrets

import qrcode
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import get_public_schema_name

from kernel.roles import BUURT_ADMIN, PROFESSIONAL, group_name
from tenants.secondfactor.models import RecoveryCode

ROLES_THAT_NEED_IT = (BUURT_ADMIN, PROFESSIONAL)
RECOVERY_CODE_COUNT = 10
# Letters and digits nobody confuses when copying from paper (no 0/o, 1/l/i).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 16  # 16 of 31 symbols: 79 random bits
TOTP_CODE = re.compile(r"[0-9]{6}")  # ASCII digits only: `isdigit()` accepts others too

PENDING_KEY_SESSION_KEY = "second_factor_pending_key"

# What the middleware asks of a user who has given their password.
VERIFY = "verify"
SET_UP = "setup"


def on_portal():
    return connection.schema_name == get_public_schema_name()


def is_required(user):
    """Every portal account is municipality staff or an operator; in a buurt, the roles
    that publish without review or see people's care needs."""
    if not user.is_authenticated:
        return False
    if on_portal() or user.is_superuser:
        return True
    names = [group_name(key) for key in ROLES_THAT_NEED_IT]
    return user.groups.filter(name__in=names).exists()


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def step_needed(user):
    """VERIFY, SET_UP, or None when the user may go on."""
    if not user.is_authenticated or user.is_verified():
        return None
    if confirmed_device(user) is not None:
        return VERIFY
    if is_required(user):
        return SET_UP
    return None


def expects_second_factor(user):
    """Whether a password alone does not complete this user's login."""
    return confirmed_device(user) is not None or is_required(user)


def device_being_set_up(user, session):
    """An unsaved device with the secret the setup page shows. The secret waits in the
    session until a code confirms it: the same one on every visit (a reload does not
    invalidate the scanned QR code), and looking at the page writes no device."""
    device = TOTPDevice(user=user, name="authenticator", confirmed=False)
    key = session.get(PENDING_KEY_SESSION_KEY)
    if key:
        device.key = key
    else:
        session[PENDING_KEY_SESSION_KEY] = device.key
    return device


def secret_in_text(device):
    """The secret as authenticator apps accept it typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The provisioning URI as a PNG data URI (the strict CSP allows `data:` images)."""
    image = qrcode.make(device.config_url)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def normal_code(token):
    """What people type: spaces and dashes removed, recovery codes in lower case."""
    return re.sub(r"[\s-]", "", token or "").lower()[:64]


@transaction.atomic
def confirm_setup(device, token):
    """Confirms the device when `token` is its current code; returns the new recovery
    codes (shown once), or None for a wrong code."""
    token = normal_code(token)
    if not TOTP_CODE.fullmatch(token):
        return None
    # Checked without TOTPDevice.verify_token, which would save the unconfirmed device
    # (its throttle counter) on a wrong code; wrong codes count towards the lockout.
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(token), device.tolerance):
        return None
    TOTPDevice.objects.filter(user=device.user).delete()
    device.last_t = totp.t()  # this code cannot be used again to log in
    device.confirmed = True
    device.save()
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """Replaces the user's recovery codes; only their digests are stored."""
    codes = [random_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=digest(c)) for c in codes)
    return [f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}" for code in codes]


def random_recovery_code():
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))


def digest(code):
    return hashlib.sha256(normal_code(code).encode()).hexdigest()


@transaction.atomic
def device_accepting(user, token):
    """The user's device when `token` is its current code or an unused recovery code (which
    is then used up); None otherwise."""
    device = confirmed_device(user)
    if device is None:
        return None
    token = normal_code(token)
    if TOTP_CODE.fullmatch(token):
        return device if device.verify_token(token) else None
    used, _ = RecoveryCode.objects.filter(user=user, digest=digest(token)).delete()
    return device if used else None


def recovery_codes_left(user):
    return RecoveryCode.objects.filter(user=user).count()


@transaction.atomic
def reset(user):
    """Removes the user's device and recovery codes and ends all their sessions: their
    next login sets up a new device (or, where it is optional, goes without)."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    end_sessions(user)


def end_sessions(user, *, keep=None):
    """Deletes the user's sessions in the current schema (sessions are per buurt), all but
    the session key `keep`."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(
        session_key=keep or ""
    ):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
