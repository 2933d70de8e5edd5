"""ui.dashboard.trusted_figure: a cached spec reaches st.plotly_chart without a second validation,
and Streamlit sends the same figure it would have sent for the spec itself."""

from __future__ import annotations

import json

import plotly.io as pio
import plotly.tools
import pytest
from indicator_frames import golden_innovations, golden_officials, golden_units

from analytics import charts
from analytics import dashboard as shown
from analytics.indicators import compute_all
from ui.dashboard import trusted_figure


def sent(figure_or_spec) -> dict:
    """What st.plotly_chart puts into its message (streamlit/elements/plotly_chart.py), parsed: the
    validating path only orders the keys differently."""
    figure = plotly.tools.return_figure_from_figure_or_data(figure_or_spec, validate_figure=True)
    return json.loads(pio.to_json(figure, validate=False))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_trusted_figures_send_the_same_json(lang: str) -> None:
    now = compute_all(golden_units(), golden_innovations(), golden_officials(), year=2024)
    built = [charts.per_jenis_unit_chart(shown.per_jenis_unit(now), lang),
             charts.jenis_chart(shown.per_jenis(now), lang),
             charts.tahapan_funnel_chart(shown.tahapan_funnel(now), lang),
             charts.trend_chart(now.per_tahun, 2024, lang)]
    for figure in built:
        spec = figure.to_plotly_json()
        assert sent(trusted_figure(spec)) == sent(spec)
        assert trusted_figure(figure) is figure  # a Figure is passed as it is
