"""Access settings, read from the environment (documented in README "Akses dan audit").

Open mode is the default so that the README's run command works with no setup for one person on
one machine.  Any value of KUDUS_AUTH other than "open" (or empty) means signed-in mode: a typo must
fail closed, never leave a server open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

OPEN, SIGNED_IN = "open", "signed-in"
SSO_NONE, SSO_OIDC, SSO_HEADER = "", "oidc", "header"


def _number(name: str, default: float, low: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return max(low, value)


@dataclass(frozen=True)
class AccessSettings:
    mode: str = OPEN
    sso: str = SSO_NONE
    sso_provider: str = ""  # st.login(provider) for a named [auth.<provider>] section
    sso_user_key: str = "kudus_user"  # st.user key that server.trustedUserHeaders fills
    password_sign_in: bool = True
    open_user: str = "admin-lokal"
    idle_timeout: timedelta = timedelta(minutes=30)
    max_session: timedelta = timedelta(hours=12)
    lockout_attempts: int = 5
    lockout_duration: timedelta = timedelta(minutes=15)

    @property
    def signed_in(self) -> bool:
        return self.mode == SIGNED_IN

    @classmethod
    def from_env(cls) -> AccessSettings:
        env = os.environ.get
        mode = env("KUDUS_AUTH", "").strip().lower()
        sso = env("KUDUS_SSO", "").strip().lower()
        if sso not in {SSO_NONE, SSO_OIDC, SSO_HEADER}:
            raise ValueError(f"KUDUS_SSO={sso!r}: use 'oidc', 'header' or leave it empty")
        return cls(
            mode=OPEN if mode in {"", OPEN, "terbuka"} else SIGNED_IN,
            sso=sso,
            sso_provider=env("KUDUS_SSO_PROVIDER", "").strip(),
            sso_user_key=env("KUDUS_SSO_USER_KEY", "").strip() or "kudus_user",
            password_sign_in=env("KUDUS_PASSWORD_SIGNIN", "on").strip().lower() not in {"off", "0", "no", "tidak"},
            open_user=env("KUDUS_OPEN_USER", "").strip() or "admin-lokal",
            idle_timeout=timedelta(minutes=_number("KUDUS_SESSION_IDLE_MINUTES", 30, 1)),
            max_session=timedelta(hours=_number("KUDUS_SESSION_MAX_HOURS", 12, 0.05)),
            lockout_attempts=int(_number("KUDUS_LOCKOUT_ATTEMPTS", 5, 1)),
            lockout_duration=timedelta(minutes=_number("KUDUS_LOCKOUT_MINUTES", 15, 1)),
        )
