"""Message catalogues per feature, merged by analytics.i18n.

Each module here defines `MESSAGES: dict[str, dict[str, str]]` (code -> {"id": ..., "en": ...})
with codes prefixed by its feature (e.g. "dash.", "tpp.", "auth."), so that features can grow
their texts without touching each other's files.
"""
