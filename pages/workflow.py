"""Step page: workflow integration (Phase Zero decomposition)."""

from ui import planned

planned.show(
    "workflow",
    [
        "The business process broken into tasks: who does each today, input, output, effort and volume, pains.",
        "The tasks where a prediction could support a human judgement, ranked by rough value and by the cost of a wrong prediction.",
        "The chosen task stated as previous steps → use of the model → desired outcome: who acts, augment or automate, "
        "the fallback when the model is wrong, unsure or down, the systems it plugs into, and how the outcome is observed.",
        "The process drawn as a flowchart with the chosen task highlighted.",
        "Use-case characteristics (data availability, accuracy requirement, problem difficulty) and the reasons not to use ML.",
        "A readiness signal with its reasons; anything marked unclear is a signal to redesign.",
    ],
)
