"""The MLOps Stack Canvas as a step (its blocks, decisions and twins are in data/canvases/mlops_stack.toml).

A canvas step whose reports add the stack at a glance after the canvas (report); its tool catalogue
(tools, data/mlops_tools.toml) and the suggestions fitted to the plan (fit) serve its block dialog."""

from dataclasses import replace

from canvas_core.i18n import N_
from canvas_core.steps import canvas_step

STEP = replace(
    canvas_step(
        "mlops_stack", 6, N_("MLOps Stack"),
        N_("The MLOps Stack Canvas: the components to run the model, with buy-or-build decisions."),
        canvas_id="mlops_stack", page="pages/mlops_stack.py", url_path="mlops-stack", icon=":material/stacks:",
    ),
    pdf_section="canvas_core.steps.mlops_stack.report:pdf_section",
    markdown_section="canvas_core.steps.mlops_stack.report:markdown_section",
)
