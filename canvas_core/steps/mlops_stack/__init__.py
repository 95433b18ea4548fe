"""The MLOps Stack Canvas as a step (its blocks, decisions and twins are in data/canvases/mlops_stack.toml)."""

from canvas_core.i18n import N_
from canvas_core.steps import canvas_step

STEP = canvas_step(
    "mlops_stack", 6, N_("MLOps Stack"),
    N_("The MLOps Stack Canvas: the components to run the model, with buy-or-build decisions."),
    canvas_id="mlops_stack", page="pages/mlops_stack.py", url_path="mlops-stack", icon=":material/stacks:",
)
