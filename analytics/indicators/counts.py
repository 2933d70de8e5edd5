"""Counts of innovations: by unit, unit type, parent OPD, kecamatan, every category, and year.

Every breakdown shows all innovations (`jumlah_inovasi`) beside those that count under the rules
(`jumlah_dihitung`), so nothing is hidden, plus `jumlah_baru` (first reported this year, see
`Basis.first_year`) and, for a chosen year, `dihitung_tahun_lalu` and `perubahan` against the
previous year.  Category breakdowns list every value of the vocabulary, zeros included, in the
contract's order, so that charts keep a stable axis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from analytics.indicators._basis import TANPA_NILAI, Basis, lookup, tally
from analytics.intake import contract
from analytics.rules import Rules

LINTAS_KECAMATAN = "lintas kecamatan"  # the group of Seluruh Kabupaten innovations
KODE_KABUPATEN = "33.19"  # Kemendagri code of Kabupaten Kudus, the code of the regency-wide group
COUNT_COLUMNS = ("jumlah_inovasi", "jumlah_dihitung", "jumlah_baru")

# A keying function: from a Basis, (row positions into basis.inovasi, the group value of each).
Keys = Callable[[Basis], tuple[np.ndarray, pd.Series]]


def _tally(basis: Basis, keys: Keys, name: str, order: Sequence[str] = ()) -> pd.DataFrame:
    """Counts per group value; values in `order` come first (zeros kept), any others after."""
    positions, values = keys(basis)
    inv = basis.inovasi
    out = tally(values, name, jumlah_dihitung=inv["dihitung"].to_numpy()[positions],
                jumlah_baru=inv["baru"].to_numpy()[positions])
    extra = sorted(set(out.index) - set(order))
    return out.reindex([*order, *extra], fill_value=0).astype("int64").rename_axis(name).reset_index()


def _with_change(basis: Basis, keys: Keys, name: str, order: Sequence[str] = ()) -> pd.DataFrame:
    """The year's tally plus last year's counting figure and the change (for a chosen year)."""
    now = _tally(basis, keys, name, order)
    if basis.previous is None:
        return now
    before = _tally(basis.previous, keys, name, order).set_index(name)["jumlah_dihitung"]
    now["dihitung_tahun_lalu"] = now[name].map(before).fillna(0).astype("int64")
    gone = before.index.difference(pd.Index(now[name]))
    if len(gone):  # groups that had innovations last year and none now still show their drop
        rows = pd.DataFrame({name: gone, "dihitung_tahun_lalu": before.loc[gone].to_numpy()})
        now = pd.concat([now, rows], ignore_index=True).fillna(0)
    now["perubahan"] = now["jumlah_dihitung"] - now["dihitung_tahun_lalu"]
    return now.astype({c: "int64" for c in (*COUNT_COLUMNS, "dihitung_tahun_lalu", "perubahan")})


def _column(column: str) -> Keys:
    def keys(basis: Basis) -> tuple[np.ndarray, pd.Series]:
        values = basis.inovasi[column]
        return np.arange(len(values)), values.fillna(TANPA_NILAI) if values.hasnans else values
    return keys


def _kecamatan_keys(basis: Basis) -> tuple[np.ndarray, pd.Series]:
    long = basis.kecamatan_long
    return long["pos"].to_numpy(), long["kecamatan"]


def _urusan_keys(basis: Basis) -> tuple[np.ndarray, pd.Series]:
    long = basis.urusan_long
    return long["pos"].to_numpy(), long["urusan"]


# --------------------------------------------------------------------------------------------
# Private forms over a Basis (used by compute_all), then the public frame-in/frame-out forms
# --------------------------------------------------------------------------------------------
def _by_category(basis: Basis, column: str) -> pd.DataFrame:
    return _with_change(basis, _column(column), column, contract.VOCABULARIES[column])


def _by_unit(basis: Basis) -> pd.DataFrame:
    """Every listed unit (zeros kept), then any unit known only from its rows."""
    counts = _with_change(basis, _column("unit_kode"), "unit_kode", basis.unit_rows()["unit_kode"].tolist())
    names = basis.unit_lookup(counts["unit_kode"])
    for position, column in enumerate(("nama_unit", "jenis_unit", "induk_kode", "opd_induk_kode"), start=1):
        counts.insert(position, column, names[column])
    return counts.sort_values(["jumlah_dihitung", "nama_unit"], ascending=[False, True], ignore_index=True)


def _by_jenis_unit(basis: Basis) -> pd.DataFrame:
    return _with_change(basis, _column("jenis_unit"), "jenis_unit", contract.JENIS_UNIT)


def _by_opd_induk(basis: Basis) -> pd.DataFrame:
    table = basis.unit_table
    sizes = table.loc[table["aktif"]].groupby("opd_induk_kode").size()
    counts = _with_change(basis, _column("opd_induk_kode"), "opd_induk_kode", sorted(sizes.index))
    kode = counts["opd_induk_kode"].astype("str")
    counts.insert(1, "nama_opd", basis.unit_lookup(kode)["nama_unit"])
    counts.insert(2, "jumlah_unit", lookup(kode, sizes.to_dict(), 0, "int64"))
    return counts.sort_values(["jumlah_dihitung", "nama_opd"], ascending=[False, True], ignore_index=True)


def _by_kecamatan(basis: Basis) -> pd.DataFrame:
    names = [k.nama for k in contract.KECAMATAN]
    out = _with_change(basis, _kecamatan_keys, "kecamatan", [*names, contract.SELURUH_KABUPATEN])
    codes = {k.nama: k.kode for k in contract.KECAMATAN} | {contract.SELURUH_KABUPATEN: KODE_KABUPATEN}
    out.insert(1, "kode", out["kecamatan"].map(codes).fillna(""))
    out.insert(2, "grup", np.where(out["kecamatan"].eq(contract.SELURUH_KABUPATEN), LINTAS_KECAMATAN, "kecamatan"))
    return out


def _by_urusan(basis: Basis) -> pd.DataFrame:
    out = _with_change(basis, _urusan_keys, "urusan", contract.URUSAN)
    out.insert(1, "pelayanan_dasar", out["urusan"].isin(contract.URUSAN_PELAYANAN_DASAR))
    return out


def _by_tahun(basis: Basis) -> pd.DataFrame:
    """Per reporting year; `perubahan` against the previous year present (NA for the first)."""
    inv = basis.inovasi
    out = inv.groupby("tahun").agg(
        jumlah_inovasi=("dihitung", "size"), jumlah_dihitung=("dihitung", "sum"),
        jumlah_baru=("baru", "sum"), unit_melapor=("unit_kode", "nunique"),
    ).astype("int64").reset_index()
    previous = out["tahun"].map(out.set_index("tahun")["jumlah_dihitung"].rename(lambda y: y + 1))
    out["dihitung_tahun_lalu"] = previous.astype("Int64")
    out["perubahan"] = (out["jumlah_dihitung"] - out["dihitung_tahun_lalu"]).astype("Int64")
    return out


def _summary(basis: Basis) -> dict[str, int | None]:
    inv = basis.inovasi
    out: dict[str, int | None] = {
        "jumlah_inovasi": len(inv),
        "jumlah_dihitung": int(inv["dihitung"].sum()),
        "jumlah_baru": int(inv["baru"].sum()),
        "baru_dihitung": int((inv["baru"] & inv["dihitung"]).sum()),
        "unit_melapor": int(inv["unit_kode"].nunique()),
        "dihitung_tahun_lalu": None,
        "perubahan": None,
    }
    if basis.previous is not None:
        before = int(basis.previous.inovasi["dihitung"].sum())
        out["dihitung_tahun_lalu"] = before
        out["perubahan"] = int(out["jumlah_dihitung"] or 0) - before
    return out


def count_by_unit(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int | None,
                  rules: Rules | None = None) -> pd.DataFrame:
    """Per unit (aktif units and any that reported): unit_kode, nama_unit, jenis_unit, induk_kode,
    opd_induk_kode, jumlah_inovasi, jumlah_dihitung, jumlah_baru[, dihitung_tahun_lalu, perubahan]."""
    return _by_unit(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def count_by_jenis_unit(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int | None,
                        rules: Rules | None = None) -> pd.DataFrame:
    """Per unit type (OPD, Kecamatan, BUMD, UPTD): the count columns."""
    return _by_jenis_unit(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def count_by_opd_induk(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int | None,
                       rules: Rules | None = None) -> pd.DataFrame:
    """Per parent OPD, UPTD (and Setda bagian) rolled up through induk_kode:
    opd_induk_kode, nama_opd, jumlah_unit (aktif units in the group) and the count columns."""
    return _by_opd_induk(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def count_by_kecamatan(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    """Per kecamatan: kecamatan, kode, grup, count columns.  An innovation in several kecamatan
    counts once in each; 'Seluruh Kabupaten' is its own row (grup 'lintas kecamatan', kode 33.19),
    never spread over the nine, so the column sums can exceed the number of innovations."""
    return _by_kecamatan(Basis.build(innovations=innovations, year=year, rules=rules))


def count_by_urusan(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    """Per urusan (multi-label: once under each of its urusan): urusan, pelayanan_dasar, counts."""
    return _by_urusan(Basis.build(innovations=innovations, year=year, rules=rules))


def count_by_tahapan(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    return _by_category(Basis.build(innovations=innovations, year=year, rules=rules), "tahapan")


def count_by_jenis(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    return _by_category(Basis.build(innovations=innovations, year=year, rules=rules), "jenis")


def count_by_bentuk(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    return _by_category(Basis.build(innovations=innovations, year=year, rules=rules), "bentuk")


def count_by_inisiator(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    return _by_category(Basis.build(innovations=innovations, year=year, rules=rules), "inisiator")


def count_by_status(innovations: pd.DataFrame, *, year: int | None, rules: Rules | None = None) -> pd.DataFrame:
    return _by_category(Basis.build(innovations=innovations, year=year, rules=rules), "status")


def count_by_tahun(innovations: pd.DataFrame, *, rules: Rules | None = None) -> pd.DataFrame:
    """Per year: tahun, jumlah_inovasi, jumlah_dihitung, jumlah_baru, unit_melapor,
    dihitung_tahun_lalu and perubahan (Int64, NA when the previous year has no data)."""
    return _by_tahun(Basis.build(innovations=innovations, year=None, rules=rules))


def summarize_counts(innovations: pd.DataFrame, *, year: int | None,
                     rules: Rules | None = None) -> dict[str, int | None]:
    """Headline figures: jumlah_inovasi, jumlah_dihitung, jumlah_baru, baru_dihitung, unit_melapor,
    dihitung_tahun_lalu, perubahan (the last two None when year is None)."""
    return _summary(Basis.build(innovations=innovations, year=year, rules=rules))
