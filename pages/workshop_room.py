"""A workshop room, joined by its code: follow, add sticky notes, vote, say you are done."""

from ui.workshop import participant

participant.show()
