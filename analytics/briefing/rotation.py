"""Which slide is on screen: the rotation as a small immutable value, advanced by the clock.

Why a value with an explicit clock: the screen's fragment reruns on a timer, and a button click
reruns it too; deciding "is it time for the next slide?" from the moment the current slide appeared
(not from how many reruns happened) keeps the pace steady whatever triggered the rerun, and lets
tests move time by setting `shown_at` instead of sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# A timer may fire a little early; a slide due within this many seconds counts as due.
EARLY_TOLERANCE = 0.75


@dataclass(frozen=True)
class Rotation:
    index: int = 0
    paused: bool = False
    shown_at: float = 0.0  # wall-clock seconds when the current slide appeared

    def within(self, count: int) -> Rotation:
        """The same rotation for a deck of `count` slides (the set may have changed)."""
        return self if count <= 0 or 0 <= self.index < count else replace(self, index=self.index % count)

    def due(self, now: float, interval: float) -> bool:
        return not self.paused and now - self.shown_at >= interval - min(EARLY_TOLERANCE, interval / 4)

    def tick(self, now: float, interval: float, count: int) -> Rotation:
        """The rotation after a timer tick: the next slide when the current one has had its time."""
        current = self.within(count)
        if count <= 1 or not current.due(now, interval):
            return current
        return replace(current, index=(current.index + 1) % count, shown_at=now)

    def step(self, by: int, now: float, count: int) -> Rotation:
        """Previous (-1) or next (+1) by hand; the new slide gets its full interval."""
        if count <= 0:
            return self
        return replace(self, index=(self.index + by) % count, shown_at=now)

    def toggled(self, now: float) -> Rotation:
        """Pause, or resume with the current slide's time starting again."""
        return replace(self, paused=not self.paused, shown_at=now)
