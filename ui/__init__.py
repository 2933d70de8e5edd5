"""Streamlit-side shared parts: language, the cached store, data loaders keyed by data version."""
