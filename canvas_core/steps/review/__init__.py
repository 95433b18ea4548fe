"""Review & report: what the plan amounts to and the exports.

signals (the screening signals), consistency (warnings where twin answers disagree), pdf and
markdown (its report sections). Its completeness is the
mean of the other steps.
"""

from canvas_core.i18n import N_
from canvas_core.steps import OVERALL, Step

STEP = Step(
    "review", 7, N_("Review & report"),
    N_("Completeness, consistency between canvases, the pre-POC verdict and the exports."),
    page="pages/review.py", url_path="review-and-report", icon=":material/fact_check:",
    completeness=OVERALL,
    pdf_section="canvas_core.steps.review.pdf:section",
    markdown_section="canvas_core.steps.review.markdown:section",
    plan_part="review",
)
