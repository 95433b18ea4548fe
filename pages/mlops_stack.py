"""Step page: the MLOps Stack Canvas, drawn by the generic canvas editor."""

from ui import canvas_editor

canvas_editor.show("mlops_stack")
