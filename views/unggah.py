"""Unggah Data: template, upload of many workbooks, the validation report, storing."""

from __future__ import annotations

import streamlit as st

from ui import upload
from ui.common import t

st.title(t("page.upload"))
st.caption(t("upload.intro"))
upload.template_section()

st.subheader(t("upload.files_header"))
left, right = st.columns([3, 1])
files = left.file_uploader(t("upload.files_label"), type=list(upload.ACCEPTED_TYPES), accept_multiple_files=True,
                           key="uploads")
iid_year = upload.iid_year_picker(right)
if files:
    results = upload.check_files(files, iid_year)
    upload.show_report(results)
    upload.store_section(results)
else:
    st.session_state.pop("stored", None)
