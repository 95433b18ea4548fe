"""Step page: the MLOps Stack Canvas, drawn by the generic canvas editor, and below it the stack at a
glance (the chosen tool per block and what contradicts the plan)."""

from ui import canvas_editor, mlops_tools
from ui.state import current_plan

canvas_editor.show(current_plan(), "mlops_stack")
mlops_tools.show_summary()
