"""Reusable Streamlit components. Pages compose these; the domain lives in canvas_core."""
