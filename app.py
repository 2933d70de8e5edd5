"""Dasbor Inovasi Daerah Kabupaten Kudus: page setup, language and navigation only."""

from __future__ import annotations

import streamlit as st

from ui.common import banners, language_switch, t

st.set_page_config(page_title="Dasbor Inovasi Kudus", page_icon=":material/lightbulb:", layout="wide")
language_switch()
st.sidebar.markdown(f"**{t('app.title')}**")
pages = [
    st.Page("views/unggah.py", title=t("page.upload"), icon=":material/upload_file:", url_path="unggah", default=True),
    st.Page("views/data.py", title=t("page.data"), icon=":material/table_view:", url_path="data"),
]
navigation = st.navigation(pages)
banners()
navigation.run()
