"""Numbers, Rupiah and vocabulary labels the way a reader of each language expects them.

Why here and not in each page: the same figure appears on a KPI card, in a chart's hover text and
in a table; Indonesian readers write 1.234.567 and 12,5%, English readers 1,234,567 and 12.5%.
Babel (CLDR data) does the grouping; Plotly does the same in charts through `layout.separators`
(`SEPARATORS`), and Streamlit tables through printf formats (`table_formats`).
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal

from analytics import i18n

LOCALES = {"id": "id_ID", "en": "en_US"}
# Plotly's layout.separators: the decimal mark first, then the thousands separator.
SEPARATORS = {"id": ",.", "en": ".,"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES[i18n.DEFAULT_LANGUAGE])


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """1.234 (id) / 1,234 (en); '–' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def signed(value: float | int, lang: str, decimals: int = 0) -> str:
    """+1.234 / -56 (a plain hyphen-minus: st.metric reads the sign from it)."""
    text = number(abs(value), lang, decimals)
    rounded = round(float(value), decimals)
    return ("+" if rounded > 0 else "-" if rounded < 0 else "±") + text


def percent(share: float | None, lang: str, decimals: int = 1) -> str:
    """A 0..1 share as 45,9% (id) / 45.9% (en)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{number(share * 100, lang, decimals)}%"


def rupiah(value: float | None, lang: str) -> str:
    """Rp 64.454.900 (id) / Rp 64,454,900 (en); whole Rupiah, sign before the currency."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {number(abs(round(value)), lang)}"


def table_formats(lang: str) -> dict[str, str]:
    """printf formats for st.column_config.NumberColumn: Streamlit's sprintf takes `'.` as the
    grouping character, so Indonesian tables show 1.234.567 whatever the browser's locale."""
    group = "%'.,d" if lang == "id" else "%,d"
    return {"count": group, "rupiah": f"Rp {group}", "year": "%d"}


def value_label(dimension: str, value: str, lang: str) -> str:
    """A vocabulary value in the reader's language (`value.<dimension>.<value>` in the catalogue);
    the canonical Indonesian value when there is no translation (unit and kecamatan names)."""
    code = f"value.{dimension}.{value}"
    return i18n.t(code, lang) if code in i18n.MESSAGES else str(value)


def shorten(text: str, limit: int = 30) -> str:
    """A label short enough for a phone's axis; the full text stays in the hover."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int = 44) -> str:
    """Break a title into lines of at most `width` characters (Plotly does not wrap titles)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)
