"""Step page: the data landscape."""

from ui import planned

planned.show(
    "data_landscape",
    [
        "An inventory of the data assets the project needs: available, accessible, or required but missing.",
        "For each asset: private, shared with partners or public; internal or external; personal data or not; its cost.",
        "A landscape picture with the assets in rings around the use, inspired by the Data Landscape Canvas by Datentreiber.",
    ],
)
