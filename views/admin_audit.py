"""Log Audit (admin): who did what, when, with what outcome — filtered, and exported.

The filtering happens in the database (analytics.store.audit); the export goes through
analytics.exports, which neutralises cells a spreadsheet would run as formulas (an attacker's
user name such as '=HYPERLINK(...)' is in this log too), and the export is itself audited.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics.exports import to_csv_bytes, to_excel_bytes
from analytics.store.audit import AuditFilter, audit_choices, search_audit
from ui import auth, common
from ui.common import t

LIMIT = 5000

st.title(t("page.audit"))
store = common.store()
choices = audit_choices(store)
families = sorted({action.split(".")[0] for action in choices["action"]} | set(choices["action"]))
today = pd.Timestamp.now(common.TIMEZONE).date()

with st.container(border=True):
    top = st.columns([2, 2, 2, 1])
    period = top[0].date_input(t("audit.period"), value=(today - dt.timedelta(days=30), today), format="DD/MM/YYYY")
    actor = top[1].selectbox(t("audit.actor"), ["", *choices["actor"]], format_func=lambda v: v or t("audit.any"))
    action = top[2].selectbox(t("audit.action"), ["", *families], format_func=lambda v: v or t("audit.any"))
    outcome = top[3].selectbox(t("audit.outcome"), ["", *choices["outcome"]], format_func=lambda v: v or t("audit.any"))
    text = st.text_input(t("audit.text"), max_chars=200)


def utc_midnight(day: dt.date) -> dt.datetime:
    """Midnight in Kudus (WIB) as the naive UTC the database stores."""
    return pd.Timestamp(day).tz_localize(common.TIMEZONE).tz_convert("UTC").tz_localize(None).to_pydatetime()


start, end = (tuple(period) + (None, None))[:2] if isinstance(period, tuple | list) else (period, period)
wanted = AuditFilter(since=utc_midnight(start) if start else None,
                     until=utc_midnight((end or start) + dt.timedelta(days=1)) if start else None,
                     actor=actor, action=action, outcome=outcome, text=text.strip(), limit=LIMIT)
events = search_audit(store, wanted)
st.caption(t("audit.count", n=len(events), limit=LIMIT))
if events.empty:
    st.info(t("audit.none"))
    st.stop()

table = events.assign(at=common.local_time(events["at"]))[["at", "actor", "action", "target", "outcome", "detail"]]
table = table.rename(columns={name: t(f"audit.col.{name}") for name in table.columns})
st.dataframe(table, hide_index=True, width="stretch",
             column_config={t("audit.col.at"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss")})
detail = {"filter": {"since": str(start), "until": str(end), "actor": actor, "action": action,
                     "outcome": outcome, "text": text.strip()}, "rows": len(table)}
left, right = st.columns(2)
who = auth.current_actor()
left.download_button(t("audit.download_xlsx"),
                     common.audited_download(lambda: to_excel_bytes(table, "Audit"), who=who, what="audit.xlsx",
                                             detail=detail),
                     "log-audit.xlsx", icon=":material/grid_on:", on_click="ignore")
right.download_button(t("audit.download_csv"),
                      common.audited_download(lambda: to_csv_bytes(table), who=who, what="audit.csv", detail=detail),
                      "log-audit.csv", icon=":material/description:", on_click="ignore")
