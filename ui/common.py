"""What every page shares: the language switch, the store, cached reads and the banners.

Reads are cached by the store's data version (which rises on every write), never by hashing
frames; every write clears these caches so the next rerun shows the new data.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.store import Store

TIMEZONE = os.environ.get("KUDUS_TIMEZONE", "Asia/Jakarta")  # WIB: what people in Kudus read


def local_time(moments: pd.Series) -> pd.Series:
    """UTC timestamps from the store shown in Kudus's time zone, without the zone suffix."""
    return pd.to_datetime(moments, utc=True).dt.tz_convert(TIMEZONE).dt.tz_localize(None)


def current_role() -> str:
    """Open mode (the local default): one local user who may do everything, with a banner."""
    return "admin"


def lang() -> str:
    return st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)


def t(code: str, **params: object) -> str:
    return i18n.t(code, lang(), **params)


def language_switch() -> None:
    """Bahasa Indonesia first; the choice is kept in the session and in the URL (?lang=en)."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
        st.session_state["lang"] = wanted if wanted in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    st.sidebar.segmented_control(
        t("app.language"), options=list(i18n.LANGUAGES), key="lang",
        format_func=lambda code: {"id": "Indonesia", "en": "English"}[code],
    )
    if st.session_state.get("lang") is None:  # segmented_control can be cleared by a second click
        st.session_state["lang"] = i18n.DEFAULT_LANGUAGE
    st.query_params["lang"] = lang()


@st.cache_resource(show_spinner=False)
def _store(url: str | None) -> Store:
    return Store(url)


def store() -> Store:
    return _store(os.environ.get("DATABASE_URL") or None)


def data_changed() -> None:
    """Call after every write: the cached reads below are dropped."""
    st.cache_data.clear()


DataVersion = tuple[str, int]  # (database, data version): the key of every cached read


def version() -> DataVersion:
    current = store()
    return current.url, current.data_version()


@st.cache_data(show_spinner=False, max_entries=8)
def units(version: DataVersion) -> pd.DataFrame:
    return store().units()


@st.cache_data(show_spinner=False, max_entries=8)
def history(version: DataVersion) -> pd.DataFrame:
    return store().history()


@st.cache_data(show_spinner=False, max_entries=4)
def innovations(version: DataVersion) -> pd.DataFrame:
    return store().innovations()


def banners() -> None:
    """The open-mode notice, the sample-data warning and the 'data per' stamp."""
    st.sidebar.caption(t("app.open_mode"))
    subs = history(version())
    current = subs[subs["is_current"]] if len(subs) else subs
    if len(current) and (current["source"] == "sample").any():
        st.warning(t("app.sample_banner"), icon=":material/science:")
    if len(subs):
        latest = local_time(subs["uploaded_at"]).max()
        st.sidebar.caption(t("app.data_as_of", when=latest.strftime("%d/%m/%Y %H:%M WIB")))


def offer_sample() -> None:
    """With an empty database, offer the sample data (clearly marked as contoh)."""
    from analytics.sample_loader import load_sample

    st.info(t("app.no_data"), icon=":material/folder_open:")
    if st.button(t("app.load_sample"), type="primary"):
        with st.spinner(t("app.sample_loading")):
            results = load_sample(store())
        data_changed()
        st.success(t("app.sample_loaded", n=len(results)))
        st.rerun()
