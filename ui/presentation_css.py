"""The presentation page's look, as one constant: full screen, dark, high contrast, sized in vh.

Why a constant (and nothing formatted into it from data): it is injected with st.html on the
presentation page only, so it must never carry data or user text.  Layout: header 10vh, body 78vh,
footer 6.5vh (fits 1366×768 and 1920×1080 without scrolling); headline figures 5.8vh (KPI slide
11vh), always above the 5% of screen height a room needs.  Charts keep Plotly's pixel fonts, so on
taller screens they are zoomed (CSS `zoom`) to stay as large relative to the screen as on a
768-pixel one.  Every text is opaque and at least 4.5:1 on the background (#C9D1DB on #0B0F14 is
12:1): no faded captions.

Slides: all of them are drawn in one grid cell, one over the other (`pres_deck`); the
one whose position the footer's marker names (`pres_show_<n>`) is visible, the others are hidden
(also from screen readers).  A slide with a chart not drawn yet (Streamlit's placeholder while
Plotly's code loads, or a Plotly element before its first drawing) stays hidden until it is drawn.
These rules, with those that keep placeholders and the presenter keys' buttons off the screen
(`EARLY_CSS`), are also in the page shell that `serve.py` sends (serving.assets.page_shell):
st.html's own code is loaded only when its first element arrives, and until then the deck would
show every slide at once.  Selectors rely on Streamlit's `data-testid`s and the `st-key-<key>` classes of
keyed containers.
"""

from __future__ import annotations

from analytics.briefing.settings import SLIDE_CODES

_SHOWN = ",\n".join(
    f'.stApp:has(.st-key-pres_show_{n}) [data-testid="stLayoutWrapper"]:has(> .st-key-pres_slide_{n})'
    for n in range(len(SLIDE_CODES)))

EARLY_CSS = """.st-key-pres_deck { display: grid !important; grid-template: minmax(0, 1fr) / minmax(0, 1fr);
  height: 100%; }
.st-key-pres_deck > * { grid-area: 1 / 1; width: 100%; visibility: hidden; opacity: 0; min-width: 0; }
.st-key-pres_deck > * *:not(.js-plotly-plot, .js-plotly-plot *) { visibility: inherit !important; }
""" + _SHOWN + """ { visibility: visible; opacity: 1; }
.st-key-pres_deck > *:has([data-testid="stSkeleton"], [data-testid="stPlotlyChart"] > div:not(.js-plotly-plot),
  [data-testid="stPlotlyChart"] > div[style*="visibility: hidden"]) {
  visibility: hidden !important; opacity: 0 !important; }
/* Streamlit's Suspense fallback (an element whose code is still loading, st.html's own among them,
   or a footer button on a page rerun) is never a grey block on the screen. */
.stApp:has(.st-key-pres_deck) [data-testid="stSkeleton"] { visibility: hidden !important; }
.st-key-pres_hidden_keys { display: none !important; }"""

SCREEN_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]:has([data-testid="stAlert"])
{ display: none !important; }
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  overflow: hidden !important; background: #0B0F14 !important; scrollbar-width: none; }
::-webkit-scrollbar { display: none; width: 0; height: 0; }
[data-testid="stMainBlockContainer"] { padding: 1.4vh 1.6vw 0 1.6vw !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] p { color: #F5F7FA; }
[data-stale="true"] { opacity: 1 !important; transition: none !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 1.2vh !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pres_deck) { height: 89.2vh; flex: 0 0 89.2vh; overflow: hidden; }
""" + EARLY_CSS + """
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-pres_header_"]) {
  height: 10vh; flex: 0 0 10vh; overflow: hidden; }
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-pres_body_"]) { height: 78vh; flex: 0 0 78vh; overflow: hidden; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pres_footer) { height: 6.5vh; flex: 0 0 6.5vh; overflow: hidden; }
[class*="st-key-pres_header_"], [class*="st-key-pres_body_"], .st-key-pres_footer {
  height: 100% !important; flex-wrap: nowrap !important; }
[class*="st-key-pres_title_"] h1 { font-size: 5.2vh !important; line-height: 1.15 !important; padding: 0 !important;
  font-weight: 700; color: #FFFFFF !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
[class*="st-key-pres_meta_"] p { font-size: 2.2vh !important; line-height: 1.35 !important; margin: 0 !important;
  text-align: right; color: #C9D1DB !important; white-space: nowrap; }
[class*="st-key-pres_body_"] [data-testid="stElementContainer"][class*="st-key-pres_fig"] { --zoom: 1;
  zoom: var(--zoom); height: calc(77vh / var(--zoom)) !important; }
@media (min-height: 900px) { [class*="st-key-pres_fig"] { --zoom: 1.2; } }
@media (min-height: 1000px) { [class*="st-key-pres_fig"] { --zoom: 1.35; } }
@media (min-height: 1300px) { [class*="st-key-pres_fig"] { --zoom: 1.7; } }
@media (min-height: 1800px) { [class*="st-key-pres_fig"] { --zoom: 2.4; } }
[class*="st-key-pres_body_"] [data-testid="stMetric"] { background: #151C26; border: 0.25vh solid #2A3340;
  border-radius: 1vh; padding: 1.4vh 1.2vw; }
[class*="st-key-pres_body_"] [data-testid="stMetricLabel"] p { font-size: 2.6vh !important; color: #C9D1DB !important;
  white-space: normal; }
[class*="st-key-pres_body_"] [data-testid="stMetricValue"] div { font-size: 5.8vh !important; line-height: 1.15;
  font-weight: 700; color: #FFFFFF; }
[class*="st-key-pres_kpis_"] [data-testid="stMetricValue"] div { font-size: 11vh !important; }
[class*="st-key-pres_kpis_"] [data-testid="stMetric"] { height: 36vh; padding: 4vh 1.8vw; }
[class*="st-key-pres_kpis_"] [data-testid="stMetricLabel"] p { font-size: 3.3vh !important; }
[class*="st-key-pres_kpis_"] [data-testid="stMetricDelta"] p,
[class*="st-key-pres_kpis_"] [data-testid="stMetricDeltaDescription"] p,
[class*="st-key-pres_kpis_"] [data-testid="stMetricDeltaDescription"] { font-size: 3.1vh !important; }
[class*="st-key-pres_kpis_"] [data-testid="stMetricDelta"] svg { width: 3.1vh; height: 3.1vh; }
[class*="st-key-pres_body_"] [data-testid="stMetricDelta"] {
  background: transparent !important; padding: 0 !important; }
[class*="st-key-pres_body_"] [data-testid="stMetricDelta"] p,
[class*="st-key-pres_body_"] [data-testid="stMetricDeltaDescription"] p,
[class*="st-key-pres_body_"] [data-testid="stMetricDeltaDescription"] { font-size: 2.5vh !important; }
[class*="st-key-pres_body_"] [data-testid="stMetricDelta"] svg { width: 2.6vh; height: 2.6vh; }
[class*="st-key-pres_m_good"] [data-testid="stMetricDelta"],
[class*="st-key-pres_m_good"] [data-testid="stMetricDelta"] p { color: #5EE6A8 !important; }
[class*="st-key-pres_m_bad"] [data-testid="stMetricDelta"],
[class*="st-key-pres_m_bad"] [data-testid="stMetricDelta"] p { color: #FFA270 !important; }
[class*="st-key-pres_m_same"] [data-testid="stMetricDelta"],
[class*="st-key-pres_m_same"] [data-testid="stMetricDelta"] p { color: #C9D1DB !important; }
[class*="st-key-pres_body_"] [data-testid="stMetricDeltaDescription"],
[class*="st-key-pres_body_"] [data-testid="stMetricDeltaDescription"] *,
[class*="st-key-pres_body_"] [data-testid="stCaptionContainer"],
[class*="st-key-pres_body_"] [data-testid="stCaptionContainer"] * { color: #C9D1DB !important; opacity: 1 !important; }
[class*="st-key-pres_body_"] [data-testid="stCaptionContainer"] p { font-size: 2.2vh !important; }
[class*="st-key-pres_body_"] table {
  font-size: 2.5vh !important; color: #F5F7FA !important; background: #0B0F14 !important; }
[class*="st-key-pres_body_"] table th {
  color: #FFFFFF !important; background: #151C26 !important; font-size: 2.4vh !important; }
[class*="st-key-pres_body_"] table td, [class*="st-key-pres_body_"] table th { border-color: #2A3340 !important;
  padding: 0.8vh 0.8vw !important; color: #F5F7FA !important; background: #0B0F14; }
.st-key-pres_footer button { background: #151C26 !important; color: #FFFFFF !important;
  border: 0.2vh solid #3A4656 !important; min-height: 5.2vh; padding: 0 1.1vw !important; }
.st-key-pres_footer button p, .st-key-pres_footer button span {
  font-size: 2.2vh !important; color: #FFFFFF !important; }
.st-key-pres_footer button kbd { color: #FFFFFF !important; opacity: 1 !important; }
.st-key-pres_footer [data-testid="stMarkdownContainer"] p { font-size: 2.1vh !important; color: #C9D1DB !important;
  margin: 0 !important; white-space: nowrap; opacity: 1 !important; }
.st-key-pres_footer .st-key-pres_badge p { color: #FFB454 !important; font-weight: 700; }
.st-key-pres_footer .st-key-pres_notes p { color: #FFB454 !important; white-space: normal !important;
  font-size: 1.9vh !important; }
</style>"""
