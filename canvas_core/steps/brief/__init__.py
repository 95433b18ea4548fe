"""The Product brief: the Made With ML product-design canvas as a step (its blocks, prompts and
twins are in data/canvases/product_brief.toml)."""

from canvas_core.i18n import N_
from canvas_core.steps import canvas_step

STEP = canvas_step(
    "brief", 1, N_("Product brief"),
    N_("What to build and why: users, value, objectives, solution, data, metrics, project."),
    canvas_id="product_brief", page="pages/product_brief.py", url_path="brief", icon=":material/description:",
)
