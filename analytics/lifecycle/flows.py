"""Stage flows over years: where each innovation stood in every year, and the moves between years.

Why a state per year rather than only the records: a flow chart must show the innovations that
left (not reported although their unit reported: "Tidak dilaporkan") and the years where the unit
sent nothing ("Unit tidak melapor"), or the flows would silently shrink.  A lifecycle has a state
from its first report up to the first report of its unit that no longer lists it; after that it
has none (unless it comes back, when the gap years get a state too).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.intake import contract
from analytics.lifecycle.lifecycles import Lifecycles

TIDAK_AKTIF_STATE = "Tidak Aktif"
TIDAK_DILAPORKAN_STATE = "Tidak dilaporkan"
UNIT_TIDAK_MELAPOR_STATE = "Unit tidak melapor"
BARU_STATE = "Baru"
KEADAAN = (*contract.TAHAPAN, TIDAK_AKTIF_STATE, TIDAK_DILAPORKAN_STATE, UNIT_TIDAK_MELAPOR_STATE)
_ORDER = {name: code for code, name in enumerate(KEADAAN)}


def _grid(lifecycles: Lifecycles) -> tuple[np.ndarray, list[int], pd.DataFrame]:
    """(codes lifecycles × years, -1 where no state; the years; the lifecycle table)."""
    table, nodes, reports = lifecycles.table, lifecycles.nodes, lifecycles.linking.reports
    years = lifecycles.years
    column = {year: i for i, year in enumerate(years)}
    grid = np.full((len(table), len(years)), -1, dtype="int64")
    if not len(table):
        return grid, years, table
    row = pd.Index(table["lifecycle_id"]).get_indexer(nodes["lifecycle_id"])
    stage = nodes["tahapan"].map(_ORDER).fillna(-1).astype("int64").to_numpy()
    code = np.where(nodes["aktif"].to_numpy(bool), stage, _ORDER[TIDAK_AKTIF_STATE])
    grid[row, nodes["tahun"].map(column).to_numpy()] = code
    # The span with a state: first report .. the unit's first report after the last record.
    last = nodes.groupby("lifecycle_id", sort=False).tail(1).set_index("lifecycle_id").reindex(table["lifecycle_id"])
    end_year = last["tahun_berikut"].astype("float64").fillna(last["tahun"].astype("float64"))
    first_col = table["tahun_pertama"].map(column).to_numpy()
    end_col = end_year.map(column).to_numpy()
    cols = np.arange(len(years))
    span = (cols[None, :] >= first_col[:, None]) & (cols[None, :] <= end_col[:, None])
    units, unit_index = np.unique(table["unit_kode"].to_numpy(dtype=object), return_inverse=True)
    reported = np.zeros((len(units), len(years)), dtype=bool)
    rep_unit = pd.Index(units).get_indexer(reports["unit_kode"])
    keep = rep_unit >= 0
    reported[rep_unit[keep], reports["tahun"].map(column).to_numpy()[keep]] = True
    fill = span & (grid < 0)
    gap_code = np.where(reported[unit_index], _ORDER[TIDAK_DILAPORKAN_STATE], _ORDER[UNIT_TIDAK_MELAPOR_STATE])
    grid[fill] = gap_code[fill]
    return grid, years, table


def states_per_year(lifecycles: Lifecycles) -> pd.DataFrame:
    """One row per lifecycle and year with a state: lifecycle_id, tahun, keadaan (KEADAAN)."""
    grid, years, table = _grid(lifecycles)
    rows, cols = np.nonzero(grid >= 0)
    return pd.DataFrame({
        "lifecycle_id": table["lifecycle_id"].to_numpy()[rows],
        "tahun": np.asarray(years, dtype="int64")[cols],
        "keadaan": np.asarray(KEADAAN, dtype=object)[grid[rows, cols]],
    })


def _moves(lifecycles: Lifecycles) -> pd.DataFrame:
    """One row per lifecycle and pair of consecutive years: tahun_dari, dari, tahun_ke, ke."""
    grid, years, table = _grid(lifecycles)
    ids = table["lifecycle_id"].to_numpy()
    first_col = table["tahun_pertama"].map({y: i for i, y in enumerate(years)}).to_numpy() if len(table) else []
    names = np.asarray(KEADAAN, dtype=object)
    parts = []
    for i in range(len(years) - 1):
        here, there = grid[:, i], grid[:, i + 1]
        moved = (here >= 0) & (there >= 0)
        born = (np.asarray(first_col) == i + 1) & (there >= 0)
        parts.append(pd.DataFrame({
            "lifecycle_id": np.concatenate([ids[moved], ids[born]]),
            "tahun_dari": years[i], "tahun_ke": years[i + 1],
            "dari": np.concatenate([names[here[moved]], np.full(int(born.sum()), BARU_STATE, dtype=object)]),
            "ke": np.concatenate([names[there[moved]], names[there[born]]]),
        }))
    if not parts:
        return pd.DataFrame({"lifecycle_id": [], "tahun_dari": [], "tahun_ke": [], "dari": [], "ke": []}).astype(
            {"tahun_dari": "int64", "tahun_ke": "int64"})
    return pd.concat(parts, ignore_index=True)


def stage_flows(lifecycles: Lifecycles) -> pd.DataFrame:
    """Moves between consecutive years: tahun_dari, dari, tahun_ke, ke, jumlah.

    dari/ke are KEADAAN; dari is also "Baru" for lifecycles first reported in tahun_ke."""
    moves = _moves(lifecycles)
    out = moves.groupby(["tahun_dari", "dari", "tahun_ke", "ke"], sort=False).size().rename("jumlah").reset_index()
    order = {name: i for i, name in enumerate((BARU_STATE, *KEADAAN))}
    out["_a"], out["_b"] = out["dari"].map(order), out["ke"].map(order)
    return out.sort_values(["tahun_dari", "_a", "_b"], kind="stable").drop(columns=["_a", "_b"]).reset_index(drop=True)


def flow_members(lifecycles: Lifecycles, *, tahun_dari: int, dari: str, ke: str) -> pd.DataFrame:
    """The lifecycles behind one flow (rows of the lifecycle table)."""
    moves = _moves(lifecycles)
    chosen = moves.loc[moves["tahun_dari"].eq(int(tahun_dari)) & moves["dari"].eq(dari) & moves["ke"].eq(ke),
                       "lifecycle_id"]
    return lifecycles.table.loc[lifecycles.table["lifecycle_id"].isin(chosen)].reset_index(drop=True)
