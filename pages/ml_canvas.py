"""Step page: the Machine Learning Canvas, drawn by the generic canvas editor."""

from ui import canvas_editor
from ui.state import current_plan

canvas_editor.show(current_plan(), "ml_canvas")
