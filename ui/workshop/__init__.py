"""The workshop screens: the facilitator's console, a participant's room, the room on the projector."""
