"""Presentasi: the command-center screen — full screen, rotating slides, live data (ui.presentation).

Reachable by URL for a kiosk: /presentasi?slides=kpi,peringkat&interval=20&tahun=2025&jenis_unit=OPD
(README "Mode presentasi / Presentation mode").
"""

from __future__ import annotations

from ui import presentation

presentation.show()
