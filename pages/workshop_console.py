"""Run a workshop: the facilitator's console for the plan open in this tab (its edit link)."""

from ui.workshop import console

console.show()
