"""Data: the stored reports (every version, with restore) and the current innovations."""

from __future__ import annotations

import streamlit as st

from ui import auth, common, data_view
from ui.common import t

st.title(t("page.data"))
if common.store().is_empty():
    common.offer_sample(auth.current_actor())
    st.stop()

reports, innovations = st.tabs([t("data.submissions"), t("data.innovations")])
with reports:
    history = data_view.filtered_history()
    st.dataframe(data_view.submissions_table(history), hide_index=True, width="stretch",
                 column_config={t("col.uploaded_at"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")})
    data_view.restore_section(history)
with innovations:
    data_view.innovations_section()
