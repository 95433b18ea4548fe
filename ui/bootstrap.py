"""Wires the app to its stores: the one place that decides which plan store (and, beside it, which
workshop store) serves the app.

One store per database URL and server process (connections are pooled), made on
first use from canvas_core.config; plans deleted longer ago than the retention
period are purged when it is made.
"""

from __future__ import annotations

import streamlit as st

from canvas_core import config
from canvas_core.store import PlanRepository, SqlPlanStore
from canvas_core.workshop import WorkshopStore


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> PlanRepository:
    store = SqlPlanStore(url)
    store.purge_expired()
    return store


def plan_store() -> PlanRepository:
    return _store_for(config.database_url())


@st.cache_resource(show_spinner=False)
def _workshops_for(url: str) -> WorkshopStore:
    return WorkshopStore(_store_for(url).engine)


def workshop_store() -> WorkshopStore:
    """The workshop rooms, in the plan store's database."""
    return _workshops_for(config.database_url())
