"""Deterministic sample data: the unit reports of Kabupaten Kudus as they could have arrived.

Why a simulation rather than independent random rows: the dashboard's most interesting figures are
about time (do innovations last, do they mature from Inisiatif to Penerapan, does every unit keep
reporting).  So each unit's innovations and officials evolve year by year from BASE_YEAR with
their own seeded stream; the report of any year is a snapshot of that history.  Asking for 2025
alone or for 2023–2025 together gives the same 2025, and 2025 continues 2024.

Also here: a bulk generator for benchmarks, the flawed examples (one mistake each, with the issue
the validator must raise) and the untidy-but-valid examples (what real people send).

Where things are:

- settings.py         seed, base year, late starters, bulk years, where the data lives; read_units
- people.py           names, degrees, villages; positions; officials and their NIPs; TPP dasar
- urusan.py           urusan per unit; topics, acronyms and name patterns of innovations; remarks
- units.py            the units, the positions each kind of unit has, capacity, start years
- innovations.py      a new innovation and each year's details (budget, SOP, legal basis, ...)
- history.py          one unit's history, stepped a year at a time (transfers, maturing, renames)
- report.py           GeneratedWorkbook: one unit's report for one year, and its rows
- workbooks.py        public API: sample years (generate_year/years, write_sample_workbooks) and bulk
- flawed_examples.py  the flawed examples and their manifest
- untidy_examples.py  the untidy-but-valid examples and their manifest
- __main__.py         `python -m analytics.sample [FOLDER]`
"""

from __future__ import annotations

from analytics.sample.flawed_examples import (
    FLAWED_MANIFEST_FIELDS,
    ZIP_BOMB_BYTES,
    FlawedExample,
    _cell_flaws,
    base_example,
    read_flawed_manifest,
    write_flawed_workbooks,
)
from analytics.sample.innovations import new_inovasi
from analytics.sample.people import is_plausible_nip, make_nip, person_name, tpp_dasar
from analytics.sample.report import GeneratedWorkbook
from analytics.sample.settings import (
    BASE_YEAR,
    BULK_YEARS,
    DEFAULT_SEED,
    LATE_STARTS,
    SAMPLE_DATA,
    SKIP_YEAR_RATE,
    read_units,
)
from analytics.sample.units import positions, start_years, unit_urusan
from analytics.sample.untidy_examples import (
    UNTIDY_MANIFEST_FIELDS,
    UntidyExample,
    read_untidy_manifest,
    write_untidy_workbooks,
)
from analytics.sample.workbooks import (
    generate_bulk,
    generate_year,
    generate_years,
    write_bulk_workbooks,
    write_sample_workbooks,
)

__all__ = [
    # settings
    "BASE_YEAR", "BULK_YEARS", "DEFAULT_SEED", "LATE_STARTS", "SAMPLE_DATA", "SKIP_YEAR_RATE", "read_units",
    # people, units, innovations
    "is_plausible_nip", "make_nip", "person_name", "tpp_dasar", "positions", "start_years", "unit_urusan",
    "new_inovasi",
    # sample years and bulk
    "GeneratedWorkbook", "generate_bulk", "generate_year", "generate_years", "write_bulk_workbooks",
    "write_sample_workbooks",
    # examples
    "FLAWED_MANIFEST_FIELDS", "ZIP_BOMB_BYTES", "FlawedExample", "base_example", "read_flawed_manifest",
    "write_flawed_workbooks", "_cell_flaws",
    "UNTIDY_MANIFEST_FIELDS", "UntidyExample", "read_untidy_manifest", "write_untidy_workbooks",
]
