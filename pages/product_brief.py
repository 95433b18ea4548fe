"""Step page: the Product brief (Made With ML product-design canvas), drawn by the generic canvas editor."""

from ui import canvas_editor

canvas_editor.show("product_brief")
