"""Presenter: a canvas on the projector, whole or one block at a time (read-only)."""

from ui import presenter

presenter.show_from_link()
