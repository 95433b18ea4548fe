"""Step page: the Product brief (Made With ML product-design canvas), drawn by the generic canvas editor."""

from ui import canvas_editor
from ui.state import current_plan

canvas_editor.show(current_plan(), "product_brief")
