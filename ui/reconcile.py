"""Rekonsiliasi IID: cached findings and the downloads (the page is views/rekonsiliasi.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.exports import iid_export_rows, reconcile_excel_bytes
from analytics.intake.iid_export import export_bytes
from analytics.lifecycle.reconcile import kematangan_beside, reconcile
from ui import common


@st.cache_data(show_spinner=False, max_entries=8)
def findings(year: int, version: common.DataVersion) -> pd.DataFrame:
    store = common.store()
    return reconcile(store.report_innovations(year), store.iid_innovations(year), store.units())


@st.cache_data(show_spinner=False, max_entries=8)
def iid_years(version: common.DataVersion) -> list[int]:
    history = common.history(version)
    return sorted(set(history.loc[history["is_current"] & (history["sumber"] == "iid"), "tahun"]), reverse=True)


@st.cache_data(show_spinner=False, max_entries=8)
def sources(year: int, version: common.DataVersion) -> pd.DataFrame:
    """unit, and whether its figures come from its own report or from the IID import."""
    current = common.store().innovations(year)
    return current[["unit_kode", "sumber"]].drop_duplicates("unit_kode")


@st.cache_data(show_spinner=False, max_entries=8)
def maturity(year: int, version: common.DataVersion) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The IID application's Kematangan beside the dashboard's estimate (per innovation, per unit)."""
    store = common.store()
    return kematangan_beside(store.innovations(year), store.iid_innovations(year), store.units(), year=year,
                             rules=common.rules())


def excel(frame: pd.DataFrame) -> bytes:
    return reconcile_excel_bytes(frame)


def iid_shape(year: int) -> bytes:
    store = common.store()
    return export_bytes(iid_export_rows(store.innovations(year), store.units(), store.aliases.frame()))
