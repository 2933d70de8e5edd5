"""Dasbor Inovasi Daerah Kabupaten Kudus: page setup, language, sign-in gate and navigation only.

st.navigation receives only the pages the signed-in role may open (ui.navigation), so the others
cannot be reached even by URL; before signing in (signed-in mode) every address shows the sign-in form.
"""

from __future__ import annotations

import streamlit as st

from ui import auth
from ui.common import banners, language_switch, t
from ui.metrics import rerun_timer
from ui.navigation import PAGES, ROOT
from ui.navigation import navigation as page_navigation

# A local file: a Material or emoji page icon makes the browser fetch a font from the internet.
FAVICON = ROOT / "static" / "favicon.png"

# Streamlit's table toolbar would offer every table as a raw CSV, unaudited and to every role: off.
# Exports go through ui/exports (permission checked, formula-like cells neutralised, audited).
st.set_option("client.disableDataExport", True)
st.set_page_config(page_title="Dasbor Inovasi Kudus", page_icon=str(FAVICON), layout="wide")
with rerun_timer():  # every full run counted and timed for /metrics
    language_switch()
    st.sidebar.markdown(f"**{t('app.title')}**")
    signed = auth.identify()
    if signed is None:
        # Every page's address shows the sign-in form (a shared link to /presentasi would otherwise open
        # on Streamlit's "page not found"); once signed in, the same address opens the page, if the
        # role may see it.
        st.navigation([st.Page(auth.sign_in_page, title=t("auth.title"), icon=":material/login:", url_path="masuk"),
                       *(st.Page(auth.sign_in_page, title=t("auth.title"), url_path=spec.url_path) for spec in PAGES)],
                      position="hidden").run()
        st.stop()
    navigation = page_navigation(signed.actor.role, t)
    auth.sidebar(signed)
    banners()
    navigation.run()
