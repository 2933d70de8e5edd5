"""Tautan Inovasi: the analyst settles the proposed links between yearly records of a unit.

Names equal after folding are linked without asking; a near match (a rename) is only proposed.
Here both records stand side by side with the similarity score; "Tautkan" says they are the same
innovation, "Tolak" that they are not.  Decisions are stored on the unit, the years and the folded
names, so they hold after a re-upload; each can be undone below.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import lifecycle as life
from analytics.access import PermissionDenied
from analytics.charts import number
from analytics.lifecycle.linking import PAIR_KEY
from analytics.store.links import TAUTKAN, TOLAK, LinkDecisions, LinkError
from ui import auth, common
from ui import lifecycle as view
from ui.common import escape_md, lang, t

FIELDS = ("nama_inovasi", "tahun", "tahapan", "status", "jenis", "bentuk", "inisiator", "urusan", "nama_penggagas",
          "tanggal_uji_coba", "tanggal_penerapan", "dasar_hukum", "nomor_dasar_hukum", "lokasi_kecamatan",
          "keterangan")

st.title(t("page.linking"))
if common.store().is_empty():
    common.offer_sample(auth.current_actor())
    st.stop()
st.caption(t("life.link_intro", ambang=number(view.current().linking.settings.ambang_kemiripan, lang())))
version = common.version()
lc = view.lifecycles(version)
records = common.innovations(version).set_index("id")
unit_names = common.units(version).set_index("kode")["nama"]


def decide(proposal: pd.Series, verdict: str) -> None:
    try:
        LinkDecisions(common.store()).decide(
            unit_kode=proposal["unit_kode"], tahun_a=int(proposal["tahun_a"]), nama_a=proposal["nama_a"],
            tahun_b=int(proposal["tahun_b"]), nama_b=proposal["nama_b"], keputusan=verdict, actor=view.actor(),
            skor=float(proposal["skor"]))
    except PermissionDenied as refusal:
        st.session_state["life_link_notice"] = ("error", refusal.message(lang()))
        return
    except LinkError as error:
        st.session_state["life_link_notice"] = ("error", str(error))
        return
    common.data_changed()
    st.session_state["life_link_notice"] = ("success", t(f"life.decided.{verdict}", a=proposal["nama_a"],
                                                         b=proposal["nama_b"]))


def side_by_side(proposal: pd.Series) -> pd.DataFrame:
    """Field | record of the earlier year | record of the later year: the two records' fields."""
    a, b = records.loc[int(proposal["id_a"])], records.loc[int(proposal["id_b"])]
    rows = [{t("life.col.field"): t(f"life.field.{field}"), f"{proposal['tahun_a']}": _shown(a, field),
             f"{proposal['tahun_b']}": _shown(b, field)} for field in FIELDS]
    paths = [lc.table.loc[int(proposal[key]), "jalur_tahapan"] for key in ("lifecycle_a", "lifecycle_b")]
    rows.append({t("life.col.field"): t("life.field.paths"), f"{proposal['tahun_a']}": paths[0],
                 f"{proposal['tahun_b']}": paths[1]})
    return pd.DataFrame(rows).set_index(t("life.col.field"))


def highlighted(table: pd.DataFrame) -> pd.io.formats.style.Styler:
    """Rows where the two records differ stand out (the name always does: that is the proposal)."""
    differ = table.iloc[:, 0].ne(table.iloc[:, 1])
    return table.style.apply(lambda row: ["background-color: #FFF3CD" if differ[row.name] else ""] * len(row),
                             axis=1)


def _shown(record: pd.Series, field: str) -> str:
    value = record.get(field)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)


notice = st.session_state.pop("life_link_notice", None)
if notice:
    (st.success if notice[0] == "success" else st.error)(notice[1])

# ---- proposals ----------------------------------------------------------------------------------
proposals = view.own_units(lc.linking.proposals)
st.subheader(t("life.proposals", n=len(proposals)))
if proposals.empty:
    st.success(t("life.no_proposals"))
else:
    # Labels are made here, not in format_func: the reader's language is known only while the page runs.
    unit_labels = {None: t("data.all"), **{k: unit_names.get(k, k) for k in
                                           sorted(proposals["unit_kode"].unique(), key=lambda k: unit_names.get(k, k))}}
    unit = st.selectbox(t("col.unit"), list(unit_labels), format_func=unit_labels.get, key="life_link_unit")
    shown = proposals if unit is None else proposals.loc[proposals["unit_kode"].eq(unit)]
    # Options are the pairs' stored keys, not row positions: after a decision the list changes, and a
    # position would silently point at another pair.
    keys = shown[list(PAIR_KEY)].astype("str").agg("|".join, axis=1)
    proposal_labels = {key: f"{unit_names.get(p.unit_kode, p.unit_kode)} · {p.nama_a} ({p.tahun_a}) → "
                            f"{p.nama_b} ({p.tahun_b}) · {number(p.skor, lang(), 0)}"
                       for key, p in zip(keys, shown.itertuples())}
    # A fresh widget per data version: after a decision the browser must not keep showing the old pair.
    chosen = st.selectbox(t("life.pick_proposal"), list(proposal_labels), format_func=proposal_labels.get,
                          key=f"life_link_pick_{version[1]}")
    proposal = shown.loc[keys.eq(chosen).to_numpy()].iloc[0]
    with st.container(border=True):
        unit_name = escape_md(unit_names.get(proposal["unit_kode"], proposal["unit_kode"]))  # Markdown below
        st.markdown(t("life.proposal_head", unit=unit_name,
                      skor=number(proposal["skor"], lang(), 1)), help=t("life.score_help"))
        st.table(highlighted(side_by_side(proposal).map(escape_md)))  # st.table renders cells as Markdown
        st.caption(t("life.differ_note"))
    confirm, reject = st.columns(2)
    confirm.button(t("life.confirm"), type="primary", icon=":material/link:", width="stretch",
                   on_click=decide, args=(proposal, TAUTKAN), key="life_confirm")
    reject.button(t("life.reject"), icon=":material/link_off:", width="stretch", on_click=decide,
                  args=(proposal, TOLAK), key="life_reject")

# ---- decisions ----------------------------------------------------------------------------------
st.subheader(t("life.decisions"))
applied = view.own_units(lc.linking.decisions)
if applied.empty:
    st.caption(t("life.no_decisions"))
else:
    table = applied.assign(
        unit=applied["unit_kode"].map(lambda k: unit_names.get(k, k)),
        keputusan=applied["keputusan"].map(lambda k: t(f"life.verdict.{k}")),
        penerapan=applied["penerapan"].map(lambda k: t(f"life.applied.{k}")),
        diputuskan_pada=common.local_time(applied["diputuskan_pada"]))
    st.dataframe(table[["id", "unit", "nama_a", "tahun_a", "nama_b", "tahun_b", "skor", "keputusan", "penerapan",
                        "diputuskan_oleh", "diputuskan_pada"]].rename(columns=lambda c: t(f"life.col.{c}")),
                 hide_index=True, width="stretch", column_config={
                     t("life.col.tahun_a"): st.column_config.NumberColumn(format="%d"),
                     t("life.col.tahun_b"): st.column_config.NumberColumn(format="%d"),
                     t("life.col.diputuskan_pada"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")})
    if applied["penerapan"].eq(life.linking.BENTROK).any():
        st.warning(t("life.conflict_note"))
    undo_labels = {int(d.id): f"#{d.id} · {d.nama_a} ({d.tahun_a}) ~ {d.nama_b} ({d.tahun_b}) · "
                              f"{t(f'life.verdict.{d.keputusan}')}" for d in applied.itertuples()}
    undo_id = st.selectbox(t("life.undo_pick"), list(undo_labels), format_func=undo_labels.get, key="life_undo_pick")
    if st.button(t("life.undo"), icon=":material/undo:", key="life_undo"):
        try:
            LinkDecisions(common.store()).undo(int(undo_id), actor=view.actor())
        except (PermissionDenied, LinkError) as error:
            st.error(error.message(lang()) if isinstance(error, PermissionDenied) else str(error))
        else:
            common.data_changed()
            st.session_state["life_link_notice"] = ("success", t("life.undone", id=undo_id))
            st.rerun()
