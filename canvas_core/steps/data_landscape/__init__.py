"""Data landscape: the data assets the project has and needs.

rules (labels, findings), edits (every change), picture (the rings layout as plain numbers, drawn by the
app and the PDF), diagram and pdf (its PDF pages), markdown (its Markdown section).
"""

from canvas_core.i18n import N_
from canvas_core.steps import Step

STEP = Step(
    "data_landscape", 5, N_("Data landscape"),
    N_("The data assets the project needs: available, accessible or missing; private, shared or public."),
    page="pages/data_landscape.py", url_path="data-landscape", icon=":material/database:",
    completeness="canvas_core.steps.data_landscape.rules:completeness",
    pdf_section="canvas_core.steps.data_landscape.pdf:section",
    markdown_section="canvas_core.steps.data_landscape.markdown:section",
    plan_part="data_landscape",
)
