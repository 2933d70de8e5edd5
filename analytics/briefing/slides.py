"""The seven slides of a command-center session, each built from the analytics layer's figures.

Why a registry of builders: the slide set and order are configurable (settings.SLIDE_CODES); the
screen, the PDF and the PowerPoint all ask `build_deck` for the same slides in the same order.
Figures come from the dashboard's builders (`analytics.charts`), the lifecycle's slide figure when
the page hands one in, and the two coverage charts of `analytics.briefing.figures`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, i18n
from analytics import dashboard as shaped
from analytics.briefing.deck import (
    Deck,
    Metric,
    Slide,
    count_metric,
    filter_labels,
    kpi_metric,
    previous_of,
    table,
)
from analytics.briefing.figures import instansi_coverage_chart, pejabat_coverage_chart
from analytics.briefing.settings import SLIDE_CODES
from analytics.charts.format import rupiah
from analytics.filters import Filters
from analytics.indicators import Indicators

TOP_UNITS = 10
TIMEZONE = os.environ.get("KUDUS_TIMEZONE", "Asia/Jakarta")  # as ui.common: what people in Kudus read


def local_now() -> datetime:
    """Now in Kudus's time zone, without the zone (as the dashboard shows times)."""
    return datetime.now(ZoneInfo(TIMEZONE)).replace(tzinfo=None)


@dataclass(frozen=True, eq=False)
class BriefingInputs:
    """Everything a deck is built from; the page (or a test) assembles it from cached reads."""

    now: Indicators
    before: Indicators | None  # last year under the same filters; None when it has no data
    filters: Filters  # with the year set
    units: pd.DataFrame
    newest: pd.DataFrame  # explain("baru", ...) rows of the year under the filters
    lang: str
    data_as_of: datetime | None = None
    sample: bool = False
    iid_units: int = 0  # units whose figures of the year come from the IID export (no own report)
    boundaries: charts.Boundaries | None = None
    lifecycle_figure: go.Figure | None = None  # ui.lifecycle.slide(); used when nothing is filtered

    @property
    def year(self) -> int:
        return self.now.year

    def t(self, code: str, **params: object) -> str:
        return i18n.t(code, self.lang, **params)

    def title(self, code: str) -> str:
        return self.t(f"deck.slide.{code}", year=self.year)

    def kpis(self) -> dict[str, Metric]:
        cards = shaped.kpis(self.now, self.before)
        return {c.code: kpi_metric(c, year=self.year, lang=self.lang) for c in cards}

    def metric(self, code: str, value: float, pick: Callable[[Indicators], float] | None, **kw: object) -> Metric:
        previous = previous_of(self.before, pick) if pick is not None else None
        return count_metric(code, self.t(f"deck.metric.{code}"), value, previous, year=self.year, lang=self.lang,
                            **kw)  # type: ignore[arg-type]


def _kpi(i: BriefingInputs) -> Slide:
    return Slide("kpi", i.title("kpi"), metrics=tuple(i.kpis().values()))


def _peringkat(i: BriefingInputs) -> Slide:
    ranking = shaped.unit_ranking(i.now, rollup=True)
    kpis = i.kpis()
    without = i.metric("units_without", len(i.now.unit_tanpa_inovasi), lambda b: len(b.unit_tanpa_inovasi),
                       rising_is_good=False)
    short = charts.short_names(i.units)
    top = charts.units_chart(shaped.top_units(ranking, TOP_UNITS), i.lang, short=short,
                             title=i.t("chart.top_units", n=TOP_UNITS), subtitle=i.t("deck.rollup_sub"))
    bottom = charts.units_chart(shaped.bottom_units(ranking, TOP_UNITS), i.lang, short=short,
                                title=i.t("chart.bottom_units", n=TOP_UNITS), subtitle=i.t("chart.bottom_units_sub"))
    ranked = ranking.assign(nomor=range(1, len(ranking) + 1))
    rows = table(i.t("deck.table.ranking"), ranked, [
        ("nomor", i.t("deck.col.rank"), "count", 0.6), ("nama", i.t("deck.col.unit"), "text", 5.0),
        ("jenis_unit", i.t("deck.col.unit_type"), "value:jenis_unit", 1.8),
        ("jumlah_unit", i.t("deck.col.units_in_group"), "count", 1.1),
        ("jumlah_inovasi", i.t("deck.col.innovations"), "count", 1.1),
        ("jumlah_dihitung", i.t("deck.col.counting"), "count", 1.1),
        ("perubahan", i.t("deck.col.change"), "signed", 1.1)], i.lang)
    return Slide("peringkat", i.title("peringkat"), metrics=(kpis["units_covered"], without), figures=(top, bottom),
                 table=rows)


def _kecamatan(i: BriefingInputs) -> Slide:
    nine = shaped.kecamatan_nine(i.now)
    wide = shaped.seluruh_kabupaten(i.now)
    covered = i.metric("kecamatan_covered", int((nine["jumlah_dihitung"] > 0).sum()),
                       lambda b: int((shaped.kecamatan_nine(b)["jumlah_dihitung"] > 0).sum()))
    regency = i.metric("regency_wide", wide.get("jumlah_dihitung", 0),
                       lambda b: shaped.seluruh_kabupaten(b).get("jumlah_dihitung", 0))
    figures = (charts.kecamatan_map(nine, i.lang, boundaries=i.boundaries), charts.kecamatan_bars(nine, i.lang))
    listed = pd.concat([nine, i.now.per_kecamatan.loc[~i.now.per_kecamatan["grup"].eq("kecamatan")]],
                       ignore_index=True)
    if "perubahan" not in listed:  # no data last year: the column is left out by the indicators
        listed["perubahan"] = pd.NA
    rows = table(i.t("deck.table.kecamatan"), listed, [
        ("kecamatan", i.t("deck.col.kecamatan"), "value:kecamatan", 3.0),
        ("jumlah_inovasi", i.t("deck.col.innovations"), "count", 1.2),
        ("jumlah_dihitung", i.t("deck.col.counting"), "count", 1.2),
        ("jumlah_baru", i.t("deck.col.new"), "count", 1.2), ("perubahan", i.t("deck.col.change"), "signed", 1.2)],
        i.lang, screen_rows=10)
    return Slide("kecamatan", i.title("kecamatan"), metrics=(covered, regency), figures=figures, table=rows,
                 note=i.t("deck.note.regency_wide"))


def _keberlanjutan(i: BriefingInputs) -> Slide:
    k = i.now.keberlanjutan_kabupaten
    kpis = i.kpis()
    weak = i.metric("perlu_penguatan", k["perlu_penguatan"], lambda b: b.keberlanjutan_kabupaten["perlu_penguatan"],
                    rising_is_good=False)
    dormant = i.metric("vakum", k["vakum"], lambda b: b.keberlanjutan_kabupaten["vakum"], rising_is_good=False)
    if i.lifecycle_figure is not None and not i.filters.is_filtered:
        figures: tuple[go.Figure, ...] = (i.lifecycle_figure,)  # the lifecycle team's slide: the whole regency
    else:
        figures = (charts.keberlanjutan_chart(shaped.keberlanjutan_categories(i.now), i.lang),
                   charts.flags_chart(shaped.flags_met(i.now), i.lang))
    risk = shaped.innovations_at_risk(i.now, limit=None)
    risk = risk.assign(syarat=[", ".join(i.t(f"chart.flag.{f}") for f in v.split(";") if f)
                               for v in risk["syarat_kurang"].fillna("")])
    rows = table(i.t("deck.table.at_risk", threshold=i18n.decimal(k["ambang_berkelanjutan"], i.lang)), risk, [
        ("nama_inovasi", i.t("deck.col.innovation"), "text", 3.2), ("nama_unit", i.t("deck.col.unit"), "text", 2.8),
        ("tahapan", i.t("deck.col.tahapan"), "value:tahapan", 1.2),
        ("skor_keberlanjutan", i.t("deck.col.score"), "score", 0.9),
        ("syarat", i.t("deck.col.missing"), "text", 3.2)], i.lang)
    return Slide("keberlanjutan", i.title("keberlanjutan"), metrics=(kpis["sustainable_share"], weak, dormant),
                 figures=figures, table=rows)


def _cakupan(i: BriefingInputs) -> Slide:
    kpis = i.kpis()
    basic = i.now.ringkasan_pelayanan_dasar
    services = i.metric("basic_services", basic["jumlah_tercakup"],
                        lambda b: b.ringkasan_pelayanan_dasar["jumlah_tercakup"],
                        detail=i.t("deck.of", n=basic["dari"]))
    figures = (instansi_coverage_chart(i.now.cakupan_satu_instansi, i.lang),
               pejabat_coverage_chart(i.now.satu_pejabat_per_jenis_jabatan, i.lang))
    words = {True: i.t("deck.yes"), False: i.t("deck.no")}
    without = i.now.unit_tanpa_inovasi
    rows = table(i.t("deck.table.units_without"), without.assign(melapor=without["melapor"].map(words)), [
        ("nama_unit", i.t("deck.col.unit"), "text", 5.0),
        ("jenis_unit", i.t("deck.col.unit_type"), "value:jenis_unit", 2.0),
        ("jumlah_inovasi", i.t("deck.col.innovations"), "count", 1.4),
        ("melapor", i.t("deck.col.reported"), "text", 1.4)], i.lang)
    return Slide("cakupan", i.title("cakupan"), metrics=(kpis["units_covered"], kpis["officials_covered"], services),
                 figures=figures, table=rows)


def _tpp(i: BriefingInputs) -> Slide:
    tpp = i.now.tpp_kabupaten
    kpis = i.kpis()
    monthly = i.metric("tpp_month", tpp["total_rp_bulan"], lambda b: b.tpp_kabupaten["total_rp_bulan"],
                       kind="rupiah", shown=rupiah(tpp["total_rp_bulan"], i.lang))
    yearly = i.metric("tpp_year", tpp["total_rp_tahun"], lambda b: b.tpp_kabupaten["total_rp_tahun"],
                      kind="rupiah", shown=rupiah(tpp["total_rp_tahun"], i.lang))
    figures = (charts.tpp_tiers_chart(shaped.tpp_tiers(i.now), i.lang),
               charts.tpp_units_chart(shaped.tpp_per_unit(i.now), i.lang, limit=TOP_UNITS,
                                      short=charts.short_names(i.units)))
    rows = table(i.t("deck.table.tpp"), shaped.tpp_per_unit(i.now), [
        ("nama_unit", i.t("deck.col.unit"), "text", 4.4), ("jumlah_pejabat", i.t("deck.col.officials"), "count", 1.2),
        ("pejabat_berinovasi", i.t("deck.col.officials_innovating"), "count", 1.4),
        ("total_rp_bulan", i.t("deck.col.rp_month"), "rupiah", 1.8),
        ("total_rp_tahun", i.t("deck.col.rp_year"), "rupiah", 1.9)], i.lang)
    return Slide("tpp", i.title("tpp"), metrics=(kpis["officials_covered"], monthly, yearly), figures=figures,
                 table=rows, note=str(tpp["catatan"]), detail=str(tpp["aturan_tpp"]))


def newest_first(newest: pd.DataFrame) -> pd.DataFrame:
    """New innovations, latest trial or implementation date first (undated ones last, by name)."""
    if newest.empty:
        return newest.assign(tanggal=pd.Series(dtype="datetime64[ns]"))
    dates = newest[["tanggal_uji_coba", "tanggal_penerapan"]].apply(pd.to_datetime).max(axis=1)
    ordered = newest.assign(tanggal=dates)
    return ordered.sort_values(["tanggal", "nama_unit", "nama_inovasi"], ascending=[False, True, True],
                               na_position="last", ignore_index=True)


def _terbaru(i: BriefingInputs) -> Slide:
    s = i.now.ringkasan
    new = i.metric("new", s["jumlah_baru"], lambda b: b.ringkasan["jumlah_baru"])
    new_counting = i.metric("new_counting", s["baru_dihitung"], lambda b: b.ringkasan["baru_dihitung"])
    rows = table(i.t("deck.table.newest"), newest_first(i.newest), [
        ("nama_inovasi", i.t("deck.col.innovation"), "text", 4.0), ("nama_unit", i.t("deck.col.unit"), "text", 3.2),
        ("tahapan", i.t("deck.col.tahapan"), "value:tahapan", 1.3),
        ("jenis", i.t("deck.col.jenis"), "value:jenis", 1.3),
        ("tanggal", i.t("deck.col.date"), "date", 1.3)], i.lang, screen_rows=7)
    return Slide("terbaru", i.title("terbaru"), metrics=(new, new_counting), table=rows, screen_table=True)


BUILDERS: dict[str, Callable[[BriefingInputs], Slide]] = {
    "kpi": _kpi, "peringkat": _peringkat, "kecamatan": _kecamatan, "keberlanjutan": _keberlanjutan,
    "cakupan": _cakupan, "tpp": _tpp, "terbaru": _terbaru,
}
assert tuple(BUILDERS) == SLIDE_CODES


def build_deck(inputs: BriefingInputs, slides: Sequence[str] = SLIDE_CODES, *, made_at: datetime | None = None
               ) -> Deck:
    """The deck of `slides` (in that order; unknown codes are an error — validate settings first)."""
    unknown = [s for s in slides if s not in BUILDERS]
    if unknown:
        raise ValueError(f"unknown slide(s) {unknown}; known: {list(BUILDERS)}")
    return Deck(
        lang=inputs.lang, year=inputs.year, filters=filter_labels(inputs.filters, inputs.units, inputs.lang),
        made_at=made_at or local_now(), data_as_of=inputs.data_as_of, sample=inputs.sample, iid_units=inputs.iid_units,
        kpis=tuple(inputs.kpis().values()), slides=tuple(BUILDERS[code](inputs) for code in slides),
        filtered=inputs.filters.is_filtered,
    )
