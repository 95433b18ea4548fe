"""The Machine Learning Canvas as a step (its blocks, grid, prompts and twins are in data/canvases/ml_canvas.toml)."""

from canvas_core.i18n import N_
from canvas_core.steps import canvas_step

STEP = canvas_step(
    "ml_canvas", 4, N_("ML Canvas"),
    N_("The Machine Learning Canvas: how predictions are made, used, learned and evaluated."),
    canvas_id="ml_canvas", page="pages/ml_canvas.py", url_path="ml-canvas", icon=":material/dashboard:",
)
