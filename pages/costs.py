"""Step page: back-of-the-envelope cost estimate."""

from ui import planned

planned.show(
    "costs",
    [
        "One-time costs: staff (roles, people, months, rate), infrastructure for full-scale development, change management.",
        "Running costs per year: system maintenance as a share of development (default 20 %, an assumption), "
        "operational maintenance (monitoring, serving, retraining), data (external data, labelling).",
        "Low, expected and high values for every line; a total cost of ownership over one to five years.",
        "The yearly benefit the project must produce to break even: costs are estimated, benefits only asked for as that threshold.",
    ],
)
