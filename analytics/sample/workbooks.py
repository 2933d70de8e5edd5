"""Public API: the sample years (from every unit's history) and the bulk benchmark workbooks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from random import Random

import pandas as pd

from analytics.intake import contract as c
from analytics.sample.history import _History
from analytics.sample.innovations import _Ctx, new_inovasi
from analytics.sample.people import _new_pejabat
from analytics.sample.report import GeneratedWorkbook, _snapshot
from analytics.sample.settings import BASE_YEAR, BULK_YEARS, DEFAULT_SEED, read_units
from analytics.sample.units import _Unit, _units_of, positions, start_years


def generate_years(units: pd.DataFrame, years: Iterable[int],
                   seed: int = DEFAULT_SEED) -> dict[int, list[GeneratedWorkbook]]:
    """The workbooks of several years from one pass over every unit's history."""
    wanted = sorted(set(years))
    unit_list = _units_of(units)
    starts = start_years(unit_list, seed)
    result: dict[int, list[GeneratedWorkbook]] = {y: [] for y in wanted}
    for unit in unit_list:
        history = _History(unit, seed, starts[unit.kode])
        for tahun in range(BASE_YEAR, wanted[-1] + 1):
            workbook = history.step(tahun)
            if tahun in result and workbook is not None:
                result[tahun].append(workbook)
    return result


def generate_year(units: pd.DataFrame, tahun: int, seed: int = DEFAULT_SEED) -> list[GeneratedWorkbook]:
    """Every unit's workbook for one year (units that skipped the year have none)."""
    return generate_years(units, [tahun], seed)[tahun]


def write_sample_workbooks(folder: str | Path, years: Iterable[int] = (2023, 2024, 2025),
                           seed: int = DEFAULT_SEED, units: pd.DataFrame | None = None) -> list[Path]:
    """Write one workbook per unit per year, named like `2024_opd.dinkes.xlsx`."""
    units = read_units() if units is None else units
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for workbooks in generate_years(units, years, seed).values():
        for workbook in workbooks:
            path = folder / workbook.file_name
            workbook.write(path, units)
            paths.append(path)
    return paths


IID_SAMPLE_YEAR = 2025


def write_sample_iid_export(folder: str | Path, tahun: int = IID_SAMPLE_YEAR, seed: int = DEFAULT_SEED,
                            units: pd.DataFrame | None = None) -> Path:
    """The national IID application's export of `tahun` as Kudus would download it (analytics.sample.iid)."""
    from analytics.sample.iid import write_iid_export

    units = read_units() if units is None else units
    return write_iid_export(folder, generate_year(units, tahun, seed), units, tahun)


def generate_bulk(n_workbooks: int, per_workbook: int, seed: int = DEFAULT_SEED,
                  units: pd.DataFrame | None = None) -> list[GeneratedWorkbook]:
    """Many independent workbooks for benchmarks: real units x years 2015..2026, each pair once."""
    unit_list = _units_of(read_units() if units is None else units)
    rng = Random(f"{seed}:bulk")
    pairs = [(u, y) for u in unit_list for y in BULK_YEARS]
    if n_workbooks > len(pairs):
        raise ValueError(f"at most {len(pairs)} distinct unit-year workbooks, asked for {n_workbooks}")
    return [_bulk_workbook(Random(f"{seed}:bulk:{u.kode}:{y}"), u, y, per_workbook)
            for u, y in rng.sample(pairs, n_workbooks)]


def _bulk_workbook(rng: Random, unit: _Unit, tahun: int, per_workbook: int) -> GeneratedWorkbook:
    roster = tuple(_new_pejabat(rng, p, tahun) for p in positions(unit, rng))
    ctx = _Ctx(unit, roster, tahun)
    taken: set[str] = set()
    inovasi = []
    for _ in range(per_workbook):
        inov = new_inovasi(rng, ctx, taken)
        taken.add(c.fold(inov.nama))
        inovasi.append(inov)
    return _snapshot(unit, ctx, inovasi, rng)


def write_bulk_workbooks(folder: str | Path, n_workbooks: int = 500, per_workbook: int = 100,
                         seed: int = DEFAULT_SEED, units: pd.DataFrame | None = None) -> list[Path]:
    """Write the bulk benchmark workbooks; file names are unique because unit-year pairs are."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for workbook in generate_bulk(n_workbooks, per_workbook, seed, units):
        path = folder / workbook.file_name
        workbook.write(path)
        paths.append(path)
    return paths
