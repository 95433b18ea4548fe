"""The workshop room on the projector: the block in focus, live notes, the timer, the done count."""

from ui.workshop import screen

screen.show()
