"""Workflow integration: the process as tasks, where a prediction could help, how the chosen one fits the work.

rules (ranking, process graph, readiness), edits (every change), diagram and pdf (its PDF pages),
markdown (its Markdown section).
"""

from canvas_core.i18n import N_
from canvas_core.steps import Step

STEP = Step(
    "workflow", 2, N_("Workflow integration"),
    N_("Where a prediction fits in the business process, who acts on it, and what happens when it is wrong."),
    page="pages/workflow.py", url_path="workflow-integration", icon=":material/account_tree:",
    completeness="canvas_core.steps.workflow.rules:completeness",
    pdf_section="canvas_core.steps.workflow.pdf:section",
    markdown_section="canvas_core.steps.workflow.markdown:section",
    plan_part="workflow",
)
