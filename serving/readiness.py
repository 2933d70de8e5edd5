"""What the startup warm-up and the watcher tell /healthz and /metrics (no Streamlit, no store here:
the ASGI entry imports this before the runtime exists)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Readiness:
    """What /healthz and /metrics read: warmed at startup, the last data version seen and warmed."""

    warmed: bool = False
    data_version: int | None = None
    warmed_version: int | None = None
    warm_ups: int = 0
    last_warm_seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


STATE = Readiness()
