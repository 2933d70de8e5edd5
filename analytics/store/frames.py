"""Frames <-> rows for `analytics.store`: the value conversions on either side of the database.

Going in, a frame (or the validator's plain column lists) becomes a list of row dicts of plain
Python values, None where missing.  Coming out, a frame read from the database gets the columns
and dtypes of docs/frames.md.  No SQL here: the column kinds come from the table definitions of
`analytics.store.schema`, and `analytics.store` builds and runs every statement.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Boolean, Column, Date, Double, Float, Integer

from analytics.intake.model import SubmissionData
from analytics.intake.units import UNIT_COLUMNS
from analytics.store.schema import INNOVATION_FIELDS, OFFICIAL_FIELDS, innovations, officials

HISTORY_COLUMNS = (
    "submission_id", "unit_kode", "unit_nama", "tahun", "is_current", "uploaded_by", "uploaded_at",
    "file_name", "content_hash", "source", "sumber", "innovations", "officials",
)
AUDIT_COLUMNS = ("id", "at", "actor", "action", "target", "outcome", "detail")

# Columns stored as NOT NULL text where "nothing" is the empty string (docs/frames.md).
EMPTY_STRING_WHEN_MISSING = frozenset({"nip_penggagas"})


def column_kind(column: Column[Any]) -> str:
    """"date", "float", "bool", "int" or "text": how a table column's values are converted."""
    kind = column.type
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, (Double, Float)):
        return "float"
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, (Integer, BigInteger)):
        return "int"
    return "text"


INNOVATION_KINDS = {name: column_kind(innovations.c[name]) for name in INNOVATION_FIELDS}
OFFICIAL_KINDS = {name: column_kind(officials.c[name]) for name in OFFICIAL_FIELDS}


def _missing(name: str, count: int) -> list[Any]:
    """A column that is not there at all: NULLs, or empty strings where NULL is not allowed."""
    return [("" if name in EMPTY_STRING_WHEN_MISSING else None)] * count


def _as_rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    keys = list(columns)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]


# ------------------------------------------------------------------------------------------------
# Into the database
# ------------------------------------------------------------------------------------------------
def python_values(series: pd.Series, kind: str, name: str) -> list[Any]:
    """A column as plain Python values for the driver, None where missing.

    Works on numpy arrays rather than pandas operations: this runs once per column of every
    stored frame, and pandas' per-call overhead would dominate a bulk upload.
    """
    if kind == "date":
        if not pd.api.types.is_datetime64_dtype(series.dtype):
            series = pd.to_datetime(series)
        # datetime64[D].tolist() gives datetime.date objects, and None for NaT.
        return series.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").tolist()
    if kind == "int":
        array = series.array if isinstance(series.dtype, pd.Int64Dtype) else pd.array(series, dtype="Int64")
        return array.to_numpy(dtype=object, na_value=None).tolist()
    if kind == "bool":
        array = series.array if isinstance(series.dtype, pd.BooleanDtype) else pd.array(series, dtype="boolean")
        return array.to_numpy(dtype=object, na_value=None).tolist()
    if kind == "float":
        if not pd.api.types.is_float_dtype(series.dtype):
            series = pd.to_numeric(series)
        values = series.to_numpy(dtype="float64", na_value=np.nan).tolist()
        return [None if v != v else v for v in values]  # NaN -> NULL
    if kind == "text":
        values = series.to_numpy(dtype=object)
        missing = pd.isna(values).tolist()
        empty = "" if name in EMPTY_STRING_WHEN_MISSING else None
        return [empty if m else (v if type(v) is str else str(v))
                for v, m in zip(values.tolist(), missing, strict=True)]
    raise ValueError(f"unknown column kind {kind!r}")


def frame_rows(
    frame: pd.DataFrame | None, kinds: dict[str, str], constants: dict[str, Any]
) -> list[dict[str, Any]]:
    """The frame's contract columns as a list of row dicts (missing columns become NULL)."""
    if frame is None or len(frame) == 0:
        return []
    count = len(frame)
    columns: dict[str, list[Any]] = {key: [value] * count for key, value in constants.items()}
    for name, kind in kinds.items():
        if name in frame.columns:
            columns[name] = python_values(frame[name], kind, name)
        else:
            columns[name] = _missing(name, count)
    return _as_rows(columns)


def submission_rows(
    sub: SubmissionData, name: str, kinds: dict[str, str], constants: dict[str, Any]
) -> list[dict[str, Any]]:
    """Rows to insert: straight from the validator's plain columns when it made them (already
    Python values, None where empty), else converted from the frame."""
    columns = sub.columns(name)
    if columns is None:
        return frame_rows(sub.innovations if name == "innovations" else sub.officials, kinds, constants)
    count = sub.count(name)
    if count == 0:
        return []
    data = {key: [value] * count for key, value in constants.items()}
    for key in kinds:
        data[key] = columns.get(key) or _missing(key, count)
    return _as_rows(data)


def to_json(value: Any) -> str:
    """A dict as the JSON text stored in `profil` and `detail` columns (stable key order)."""
    return json.dumps(value or {}, ensure_ascii=False, sort_keys=True, default=str)


def utcnow() -> datetime:
    """Now, as the naive UTC timestamp the database stores."""
    return datetime.now(UTC).replace(tzinfo=None)


# ------------------------------------------------------------------------------------------------
# Out of the database
# ------------------------------------------------------------------------------------------------
def typed(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Give a frame read from the database the dtypes of docs/frames.md."""
    for name in ("id", "submission_id", "tahun"):
        if name in frame.columns:
            frame[name] = frame[name].astype("int64")
    for name in ("unit_kode", "sumber"):  # sumber: which source a current row comes from
        if name in frame.columns:
            frame[name] = frame[name].astype("str")
    for name, kind in kinds.items():
        column = frame[name]
        if kind == "text":
            frame[name] = column.astype("str")
        elif kind == "date":
            frame[name] = pd.to_datetime(column).astype("datetime64[ns]")
        elif kind == "float":
            frame[name] = column.astype("float64")
        elif kind == "int":
            frame[name] = pd.array(column, dtype="Int64")
        elif kind == "bool":
            frame[name] = pd.array(column, dtype="boolean")
    return frame


def utc(column: pd.Series) -> pd.Series:
    """Naive UTC timestamps from the database as tz-aware UTC."""
    return pd.to_datetime(column).astype("datetime64[us]").dt.tz_localize("UTC")


def typed_units(frame: pd.DataFrame) -> pd.DataFrame:
    """The units table as docs/frames.md has it: text columns with "" for empty, `aktif` bool."""
    for name in UNIT_COLUMNS[:-1]:
        frame[name] = frame[name].fillna("").astype("str")
    frame["aktif"] = frame["aktif"].astype("bool")
    return frame


def typed_history(frame: pd.DataFrame) -> pd.DataFrame:
    """Dtypes of `Store.history()`: counts as int64, `uploaded_at` tz-aware UTC, text "" for empty."""
    for name in ("submission_id", "tahun", "innovations", "officials"):
        frame[name] = frame[name].astype("int64")
    frame["is_current"] = frame["is_current"].astype("bool")
    frame["uploaded_at"] = utc(frame["uploaded_at"])
    for name in ("unit_kode", "unit_nama", "uploaded_by", "file_name", "content_hash", "source"):
        frame[name] = frame[name].fillna("").astype("str")
    return frame


def typed_audit(frame: pd.DataFrame) -> pd.DataFrame:
    """Dtypes of `Store.audit_log()`: `id` int64, `at` tz-aware UTC, the rest text."""
    frame["id"] = frame["id"].astype("int64")
    frame["at"] = utc(frame["at"])
    for name in AUDIT_COLUMNS[2:]:
        frame[name] = frame[name].astype("str")
    return frame


# ---- lifecycle link decisions (analytics.store.links writes them, analytics.lifecycle applies them) ----
TAUTKAN, TOLAK = "tautkan", "tolak"  # confirm: the same innovation / reject: different innovations
KEPUTUSAN = (TAUTKAN, TOLAK)
DECISION_COLUMNS = (
    "id", "unit_kode", "tahun_a", "nama_fold_a", "nama_a", "tahun_b", "nama_fold_b", "nama_b", "skor",
    "keputusan", "diputuskan_oleh", "diputuskan_pada", "dibatalkan_oleh", "dibatalkan_pada",
)


def empty_decisions() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in DECISION_COLUMNS})
    return frame.astype({"id": "int64", "tahun_a": "int64", "tahun_b": "int64", "skor": "float64",
                         "diputuskan_pada": "datetime64[us, UTC]", "dibatalkan_pada": "datetime64[us, UTC]"})
