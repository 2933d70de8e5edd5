"""The sample's fixed choices: seed, base year, late starters, bulk years, and where the data lives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics.intake import contract as c
from analytics.intake.units import UNITS_CSV, read_units_csv

SAMPLE_DATA = UNITS_CSV.parent
BASE_YEAR = c.MIN_YEAR  # every unit's history starts here, whatever year is asked for
DEFAULT_SEED = 2025
SKIP_YEAR_RATE = 0.04  # a unit that sends nothing at all in a year
# Late starters: four small units with no innovation in any sample year, two from 2025, two from 2024.
LATE_STARTS = (2099, 2099, 2099, 2099, 2025, 2025, 2024, 2024)
BULK_YEARS = tuple(range(2015, 2027))


def read_units(path: str | Path = UNITS_CSV) -> pd.DataFrame:
    """The unit master list (docs/frames.md): the one reader in analytics.intake.units, re-exported here."""
    return read_units_csv(Path(path))
