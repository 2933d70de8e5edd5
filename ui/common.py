"""What every page shares: the language switch, the store, cached reads, banners (who is signed in: ui.auth).

Reads are cached by the store's data version (which rises on every write), never by hashing
frames; every write clears these caches so the next rerun shows the new data.

Text that came from outside (workbooks, file names, unit and account names) goes into Markdown
elements (st.success/info/error bodies, expander and widget labels, st.markdown) only through
`escape_md`, so that it shows as the characters it is — never as bold, links, images or emoji.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.access import Actor, PermissionDenied
from analytics.access.settings import AccessSettings
from analytics.rules import Rules
from analytics.store import Store

TIMEZONE = os.environ.get("KUDUS_TIMEZONE", "Asia/Jakarta")  # WIB: what people in Kudus read


def local_time(moments: pd.Series) -> pd.Series:
    """UTC timestamps from the store shown in Kudus's time zone, without the zone suffix."""
    return pd.to_datetime(moments, utc=True).dt.tz_convert(TIMEZONE).dt.tz_localize(None)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:$&=@\"'])")


def escape_md(text: object) -> str:
    """`text` as literal characters inside Streamlit Markdown: every ASCII punctuation mark that
    Markdown, Streamlit's :emoji:/:color[]/$math$ extensions or HTML could read is backslash-escaped,
    and line breaks become spaces (a newline could start a heading or a list)."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def show_refusal(refusal: PermissionDenied, *, quiet: bool = False) -> None:
    """A refusal from the store in the reader's language, its parameters shown as text."""
    params = {key: escape_md(value) for key, value in refusal.params.items()}
    (st.info if quiet else st.error)(i18n.t(refusal.code, lang(), **params), icon=":material/block:")


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
def _store(url: str | None, require_actor: bool) -> Store:
    return Store(url, require_actor=require_actor)


def store() -> Store:
    """The shared store; in signed-in mode it refuses any write that does not carry an Actor."""
    return _store(os.environ.get("DATABASE_URL") or None, AccessSettings.from_env().signed_in)


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


@st.cache_data(show_spinner=False, max_entries=4)
def _rules(version: DataVersion) -> Rules:
    return store().rules_versions.in_force().rules


def rules() -> Rules:
    """The indicator rules in force (set by an admin on the Aturan page; else the defaults)."""
    return _rules(version())


def audited_download(data: Callable[[], bytes], *, who: Actor | None, what: str,
                     detail: dict[str, Any] | None = None) -> Callable[[], bytes]:
    """A deferred download callable that records the export in the audit log, as `who`, when it
    runs (the store is taken now: the callable runs outside the page script)."""
    current = store()

    def build() -> bytes:
        content = data()
        current.record_event(actor=who or "?", action="export", target=what,
                             detail={**(detail or {}), "bytes": len(content)}, bump_version=False)
        return content

    return build


def banners() -> None:
    """The sample-data warning and the 'data per' stamp (the open-mode banner is ui.auth's)."""
    subs = history(version())
    current = subs[subs["is_current"]] if len(subs) else subs
    if len(current) and (current["source"] == "sample").any():
        st.warning(t("app.sample_banner"), icon=":material/science:")
    if len(subs):
        latest = local_time(subs["uploaded_at"]).max()
        st.sidebar.caption(t("app.data_as_of", when=latest.strftime("%d/%m/%Y %H:%M WIB")))


def offer_sample(who: Actor | None) -> None:
    """With an empty database, offer the sample data (clearly marked as contoh) — in open mode
    only (`who` came in through it): a signed-in deployment holds real data, and sample workbooks
    have no place in it."""
    from analytics.sample.loader import load_sample

    st.info(t("app.no_data"), icon=":material/folder_open:")
    if who is not None and who.via == "open" and st.button(t("app.load_sample"), type="primary"):
        with st.spinner(t("app.sample_loading")):
            results = load_sample(store())
        data_changed()
        st.success(t("app.sample_loaded", n=len(results)))
        st.rerun()
