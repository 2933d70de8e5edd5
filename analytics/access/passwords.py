"""Password hashing (argon2id through argon2-cffi) and the password policy.

Why argon2id: it is memory-hard, so a stolen accounts table costs an attacker real hardware per
guess; argon2-cffi's defaults follow RFC 9106's recommendations and `needs_rehash` lets us raise
the cost later without asking anyone to change a password.
"""

from __future__ import annotations

import secrets
import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from analytics.access.roles import PermissionDenied

MIN_LENGTH = 10
# argon2 hashes any length, but a megabyte "password" would cost CPU for nothing.
MAX_LENGTH = 256


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def _normal(password: str) -> str:
    # The same password typed on two keyboards (composed vs decomposed accents) must match.
    return unicodedata.normalize("NFC", password)


def check_policy(password: str, *, username: str = "") -> None:
    """Raise PermissionDenied-style `auth.password_*` refusals for a password we will not store."""
    password = _normal(password or "")
    if len(password) < MIN_LENGTH:
        raise PasswordRefused("auth.password_short", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordRefused("auth.password_long", maximum=MAX_LENGTH)
    if username and password.casefold() == username.casefold():
        raise PasswordRefused("auth.password_is_username")
    if len(set(password)) < 4:
        raise PasswordRefused("auth.password_simple")


class PasswordRefused(PermissionDenied):
    """A password that breaks the policy (a subclass, so pages show it like any refusal)."""


def hash_password(password: str) -> str:
    return _hasher().hash(_normal(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches.  Without a stored hash a dummy hash is still verified, so a
    wrong user name takes as long as a wrong password (no user enumeration by timing)."""
    candidate = _normal(password or "")[:MAX_LENGTH]
    try:
        return _hasher().verify(stored_hash or _dummy_hash(), candidate) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_hex(16))


def generate_password() -> str:
    """A temporary password an admin can read out: 4 groups of 4 letters/digits, no look-alikes."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
