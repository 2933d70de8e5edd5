"""One identity per innovation across years: linking the yearly records of a unit.

Why these rules:

* Units re-type their innovations every year.  Names equal after `contract.fold` (case, spaces,
  punctuation, accents) are the same innovation of that unit: linked automatically, always.
* Small renames ("Antar Obat Pasien Lansia" -> "Antar Obat Lansia") are *proposed*, never linked
  silently: two different innovations of one unit often share most of their words.  An analyst's
  decision (confirm / reject) is stored on stable keys — (unit_kode, tahun, folded name) for each
  side — so it survives a re-upload of the same year, where every row id changes.
* Matching is blocked by unit and by consecutive reported years of that unit: only a lifecycle
  that ends (its unit reported a later year without it) is compared with the lifecycles that start
  in the unit's next reported year.  The work grows with the renames, never with the square of
  the data; the scores come from one `rapidfuzz.process.cdist` matrix per unit and year, so memory
  stays small even when a unit renames everything.
* A lifecycle holds at most one name per year: a confirmed link that would put two records of one
  year into one lifecycle is not applied and is reported as a conflict ("bentrok").

Records with the same folded name in one unit and year (the validator only refuses exact
duplicates) are one node: they belong to the same lifecycle, and the first by Excel row speaks for
that year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from analytics.indicators import fold_series
from analytics.lifecycle.config import LinkSettings, link_settings
from analytics.store.frames import KEPUTUSAN, TAUTKAN, TOLAK, empty_decisions

PAIR_KEY = ("unit_kode", "tahun_a", "nama_fold_a", "tahun_b", "nama_fold_b")
# What became of each decision in force when the lifecycles were built.
DITERAPKAN, BENTROK, SUDAH_TERTAUT, TIDAK_BERLAKU, DITOLAK = (
    "diterapkan", "bentrok", "sudah_tertaut", "tidak_berlaku", "ditolak")
PROPOSAL_COLUMNS = (
    "unit_kode", "tahun_a", "nama_fold_a", "nama_a", "id_a", "tahun_b", "nama_fold_b", "nama_b", "id_b",
    "skor", "lifecycle_a", "lifecycle_b",
)


@dataclass(frozen=True)
class Linking:
    """The outcome of linking.

    records: one row per input innovation record, in input order — id, unit_kode, tahun,
        nama_inovasi, nama_fold, node (int), lifecycle (int code), lifecycle_id (stable text
        "unit_kode/first year/folded first name"), wakil (True on the record that speaks for its node).
    reports: (unit_kode, tahun) every unit-year known to have been reported, with tahun_berikut
        (the unit's next reported year, NA for its latest).
    proposals: PROPOSAL_COLUMNS, best first; nothing decided yet.
    decisions: the decisions in force with `penerapan` (diterapkan, bentrok, sudah_tertaut,
        tidak_berlaku, ditolak).
    """

    records: pd.DataFrame
    reports: pd.DataFrame
    proposals: pd.DataFrame
    decisions: pd.DataFrame
    settings: LinkSettings


def fold_names(names: pd.Series) -> pd.Series:
    """`contract.fold` per name, paid once per distinct name."""
    codes, uniques = pd.factorize(names.astype("str"), use_na_sentinel=False)
    folded = fold_series(pd.Series(uniques, dtype="str")).to_numpy(dtype=object)
    return pd.Series(folded[codes], index=names.index, dtype="str")


def unit_reports(records: pd.DataFrame, reports: pd.DataFrame | None) -> pd.DataFrame:
    """Every reported (unit, year) — the given ones plus any year a record comes from — and the
    unit's next reported year.  A unit that sent a report without innovations did report."""
    pairs = records[["unit_kode", "tahun"]]
    if reports is not None and len(reports):
        pairs = pd.concat([pairs, reports[["unit_kode", "tahun"]].astype({"unit_kode": "str", "tahun": "int64"})])
    out = pairs.drop_duplicates().sort_values(["unit_kode", "tahun"], kind="stable").reset_index(drop=True)
    out["tahun_berikut"] = out.groupby("unit_kode", sort=False)["tahun"].shift(-1).astype("Int64")
    return out


def _record_frame(innovations: pd.DataFrame) -> pd.DataFrame:
    rec = pd.DataFrame({
        "id": innovations["id"].to_numpy() if "id" in innovations else np.arange(len(innovations)),
        "unit_kode": innovations["unit_kode"].astype("str").to_numpy(),
        "tahun": innovations["tahun"].astype("int64").to_numpy(),
        "nama_inovasi": innovations["nama_inovasi"].astype("str").to_numpy(),
    })
    rec["nama_fold"] = fold_names(rec["nama_inovasi"]).to_numpy()
    rec["node"] = rec.groupby(["unit_kode", "tahun", "nama_fold"], sort=False).ngroup().to_numpy()
    order = (innovations["baris"].astype("float64").fillna(np.inf).to_numpy() if "baris" in innovations
             else np.zeros(len(rec)))
    first = pd.DataFrame({"node": rec["node"], "baris": order, "pos": np.arange(len(rec))}).sort_values(
        ["node", "baris", "pos"], kind="stable").drop_duplicates("node")["pos"].to_numpy()
    rec["wakil"] = False
    rec.loc[first, "wakil"] = True
    return rec


class _Union:
    """Union-find over exact chains that keeps the set of years of each lifecycle it touched."""

    def __init__(self, size: int, years_of: dict[int, set[int]]) -> None:
        self.parent = np.arange(size)
        self.years = years_of

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = int(self.parent[item])
        return item

    def join(self, a: int, b: int) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return SUDAH_TERTAUT
        if self.years[ra] & self.years[rb]:
            return BENTROK
        self.parent[rb] = ra
        self.years[ra] |= self.years.pop(rb)
        return DITERAPKAN

    def roots(self) -> np.ndarray:
        parent = self.parent
        while True:
            up = parent[parent]
            if np.array_equal(up, parent):
                return parent
            parent = up


def _apply_decisions(rec: pd.DataFrame, decisions: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Lifecycle code per record: exact chains, joined by confirmed decisions in decision order."""
    chain = rec.groupby(["unit_kode", "nama_fold"], sort=False).ngroup().to_numpy()
    nodes = rec.loc[rec["wakil"], ["unit_kode", "tahun", "nama_fold"]].assign(chain=chain[rec["wakil"].to_numpy()])
    found = decisions.copy()
    for side in ("a", "b"):
        renamed = {"tahun": f"tahun_{side}", "nama_fold": f"nama_fold_{side}", "chain": f"chain_{side}"}
        found = found.merge(nodes.rename(columns=renamed), on=["unit_kode", f"tahun_{side}", f"nama_fold_{side}"],
                            how="left")
    found["penerapan"] = np.where(found["keputusan"].eq(TOLAK), DITOLAK, TIDAK_BERLAKU)
    confirmed = found.loc[found["keputusan"].eq(TAUTKAN) & found["chain_a"].notna() & found["chain_b"].notna()]
    confirmed = confirmed.sort_values(["diputuskan_pada", "id"], kind="stable")
    touched = set(confirmed["chain_a"].astype("int64")) | set(confirmed["chain_b"].astype("int64"))
    years = nodes.loc[nodes["chain"].isin(touched)].groupby("chain")["tahun"].agg(set).to_dict()
    union = _Union(int(chain.max()) + 1 if len(chain) else 0, {int(k): set(v) for k, v in years.items()})
    for index, a, b in zip(confirmed.index, confirmed["chain_a"].astype("int64"), confirmed["chain_b"].astype("int64")):
        found.at[index, "penerapan"] = union.join(int(a), int(b))
    roots = union.roots()[chain] if len(chain) else chain
    lifecycle, _ = pd.factorize(roots)
    return lifecycle, found.drop(columns=["chain_a", "chain_b"])


def _lifecycle_ids(rec: pd.DataFrame) -> np.ndarray:
    """"unit_kode/first year/folded first name": stable while the first year's name is."""
    first = (rec.loc[rec["wakil"]].sort_values(["lifecycle", "tahun"], kind="stable").drop_duplicates("lifecycle"))
    ids = first["unit_kode"] + "/" + first["tahun"].astype("str") + "/" + first["nama_fold"]
    table = pd.Series(ids.to_numpy(), index=first["lifecycle"].to_numpy())
    return table.reindex(rec["lifecycle"].to_numpy()).to_numpy(dtype=object)


def _proposals(rec: pd.DataFrame, reports: pd.DataFrame, decisions: pd.DataFrame,
               settings: LinkSettings) -> pd.DataFrame:
    """Lifecycles that end, against those starting in the unit's next reported year, scored."""
    nodes = rec.loc[rec["wakil"]]
    spans = nodes.groupby("lifecycle", sort=False).agg(
        unit_kode=("unit_kode", "first"), pertama=("tahun", "min"), terakhir=("tahun", "max"))
    spans = spans.reset_index()
    nexts = reports.dropna(subset=["tahun_berikut"])
    ended = spans.merge(nexts, left_on=["unit_kode", "terakhir"], right_on=["unit_kode", "tahun"])
    ended["tahun_berikut"] = ended["tahun_berikut"].astype("int64")
    by_node = nodes.set_index(["lifecycle", "tahun"])
    side_a = by_node.loc[list(zip(ended["lifecycle"], ended["terakhir"]))]  # the name each lifecycle ends with
    side_b = by_node.loc[list(zip(spans["lifecycle"], spans["pertama"]))]  # and the name each starts with
    rows_a, rows_b, scores = _similar(ended, side_a["nama_inovasi"].to_numpy(), spans,
                                      side_b["nama_inovasi"].to_numpy(), settings.ambang_kemiripan)
    if not len(rows_a):
        return pd.DataFrame({c: pd.Series(dtype="str") for c in PROPOSAL_COLUMNS}).astype(
            {"tahun_a": "int64", "tahun_b": "int64", "id_a": "int64", "id_b": "int64", "skor": "float64",
             "lifecycle_a": "int64", "lifecycle_b": "int64"})
    out = pd.DataFrame({
        "unit_kode": ended["unit_kode"].to_numpy()[rows_a],
        "tahun_a": ended["terakhir"].to_numpy()[rows_a], "nama_fold_a": side_a["nama_fold"].to_numpy()[rows_a],
        "nama_a": side_a["nama_inovasi"].to_numpy()[rows_a], "id_a": side_a["id"].to_numpy()[rows_a],
        "tahun_b": spans["pertama"].to_numpy()[rows_b], "nama_fold_b": side_b["nama_fold"].to_numpy()[rows_b],
        "nama_b": side_b["nama_inovasi"].to_numpy()[rows_b], "id_b": side_b["id"].to_numpy()[rows_b],
        "lifecycle_a": ended["lifecycle"].to_numpy()[rows_a], "lifecycle_b": spans["lifecycle"].to_numpy()[rows_b],
        "skor": scores,
    })
    decided = decisions.loc[decisions["keputusan"].isin(KEPUTUSAN), list(PAIR_KEY)].drop_duplicates()
    out = out.merge(decided, on=list(PAIR_KEY), how="left", indicator=True)
    out = out.loc[out.pop("_merge").eq("left_only")]
    out = out.sort_values(["lifecycle_a", "skor"], ascending=[True, False], kind="stable")
    out = out.groupby("lifecycle_a", sort=False).head(settings.kandidat)
    out = out.sort_values(["skor", "unit_kode", "tahun_a", "nama_a"], ascending=[False, True, True, True],
                          kind="stable")
    return out[list(PROPOSAL_COLUMNS)].reset_index(drop=True)


def _similar(ended: pd.DataFrame, names_a: np.ndarray, spans: pd.DataFrame, names_b: np.ndarray,
             threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row of `ended`, row of `spans`, score) of every pair of one unit — a lifecycle ending in a
    year, one starting in the unit's next reported year — whose names score at least `threshold`;
    in the order of the rows.  Why one small matrix per unit and year: a unit that renames all its
    innovations makes every pair a candidate, and 50,000 records made millions of pairs at once."""
    starting = spans.groupby(["unit_kode", "pertama"], sort=False).indices
    rows_a, rows_b, scores = [np.zeros(0, "int64")], [np.zeros(0, "int64")], [np.zeros(0, "float64")]
    for key, at_a in ended.groupby(["unit_kode", "tahun_berikut"], sort=False).indices.items():
        at_b = starting.get(key)
        if at_b is None:
            continue
        matrix = process.cdist(names_a[at_a].tolist(), names_b[at_b].tolist(), scorer=fuzz.WRatio,
                               processor=utils.default_process, workers=1)  # no score_cutoff: with it,
        # WRatio scored some pairs near the threshold lower (73 of 33,154 proposals lost at 60)
        found_a, found_b = np.nonzero(matrix >= threshold)
        rows_a.append(at_a[found_a])
        rows_b.append(at_b[found_b])
        scores.append(matrix[found_a, found_b].astype("float64"))
    rows_a, rows_b, scores = np.concatenate(rows_a), np.concatenate(rows_b), np.concatenate(scores)
    order = np.lexsort((rows_b, rows_a))
    return rows_a[order], rows_b[order], scores[order]


def in_force(decisions: pd.DataFrame | None) -> pd.DataFrame:
    """The decisions not undone (all of them when the frame has no undo column)."""
    if decisions is None or decisions.empty:
        return empty_decisions()
    if "dibatalkan_pada" in decisions:
        decisions = decisions.loc[decisions["dibatalkan_pada"].isna()]
    out = decisions.copy()
    for column in ("tahun_a", "tahun_b"):
        out[column] = out[column].astype("int64")
    if "id" not in out:
        out["id"] = np.arange(len(out))
    if "diputuskan_pada" not in out:
        out["diputuskan_pada"] = pd.NaT
    return out.reset_index(drop=True)


def link_innovations(innovations: pd.DataFrame, *, decisions: pd.DataFrame | None = None,
                     reports: pd.DataFrame | None = None, settings: LinkSettings | None = None,
                     threshold: float | None = None) -> Linking:
    """Link the yearly records of every unit into lifecycles and list the open proposals.

    innovations: the innovations frame of docs/frames.md (at least id, unit_kode, tahun,
    nama_inovasi; baris when present picks a node's speaker).  decisions: `analytics.store.links.LinkDecisions`
    (undone ones are ignored).  reports: (unit_kode, tahun) of current submissions, so a unit that
    reported no innovation in a year still counts as having reported.  threshold overrides the
    settings' ambang_kemiripan.
    """
    settings = settings or link_settings(threshold)
    if threshold is not None and settings.ambang_kemiripan != threshold:
        settings = LinkSettings(float(threshold), settings.kandidat)
    rec = _record_frame(innovations)
    decided = in_force(decisions)
    lifecycle, applied = _apply_decisions(rec, decided) if len(rec) else (np.zeros(0, "int64"), decided.assign(
        penerapan=np.where(decided["keputusan"].eq(TOLAK), DITOLAK, TIDAK_BERLAKU)))
    rec["lifecycle"] = lifecycle.astype("int64")
    rec["lifecycle_id"] = pd.array(_lifecycle_ids(rec) if len(rec) else [], dtype="str")
    known = unit_reports(rec, reports)
    proposals = _proposals(rec, known, decided, settings)
    return Linking(records=rec, reports=known, proposals=proposals, decisions=applied, settings=settings)
