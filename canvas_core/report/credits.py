"""Sources the report draws on besides the canvases, credited alike in the PDF and the Markdown.

The canvases credit themselves (each canvas file holds its licence and
attribution); these are the steps that follow other published work.
"""

from __future__ import annotations

from dataclasses import dataclass

from canvas_core.i18n import N_


@dataclass(frozen=True)
class Credit:
    title: str  # marked with N_: the renderers translate title and text in the report's language
    text: str  # one plain sentence (or two); the renderers add the link and the licence
    url: str
    licence: str = ""
    licence_url: str = ""


OTHER_SOURCES: tuple[Credit, ...] = (
    Credit(N_("Data landscape"),
           N_("The data landscape picture and inventory are our own design, inspired by the Data Landscape Canvas "
              "by Datentreiber. They are not a reproduction of that canvas."),
           "https://www.canvasgeneration.com/canvas/data-landscape/"),
    Credit(N_("Workflow integration"),
           N_("The task-by-task decomposition of the business process and the question of how costly a wrong "
              "prediction is follow \u201cMLOps: Phase Zero\u201d by INNOQ on ml-ops.org."),
           "https://ml-ops.org/content/phase-zero", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
)
