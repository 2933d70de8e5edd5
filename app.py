"""Dasbor Inovasi Daerah Kabupaten Kudus: page setup, language and navigation only."""

from __future__ import annotations

import streamlit as st

from ui.common import banners, current_role, language_switch, t
from ui.navigation import pages_for

st.set_page_config(page_title="Dasbor Inovasi Kudus", page_icon=":material/lightbulb:", layout="wide")
language_switch()
st.sidebar.markdown(f"**{t('app.title')}**")
sections: dict[str, list] = {}
for number, spec in enumerate(pages_for(current_role())):
    page = st.Page(spec.file, title=t(spec.title), icon=spec.icon, url_path=spec.url_path, default=number == 0)
    sections.setdefault(t(spec.section), []).append(page)
navigation = st.navigation(sections)
banners()
navigation.run()
