"""Step page: the Machine Learning Canvas, drawn by the generic canvas editor."""

from ui import canvas_editor

canvas_editor.show("ml_canvas")
