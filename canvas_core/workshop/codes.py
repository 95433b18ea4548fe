"""Room codes: six characters a room can read off a projector and type without mistakes.

The alphabet leaves out look-alikes (0/O, 1/I/L) and the vowels (no code spells a word); a typed
code is forgiven its case, spaces and dashes. 28^6 codes (about 480 million) make guessing an open
room impractical, and a code grants only what the facilitator allows (notes, votes, done signals),
never the plan's edit link.
"""

from __future__ import annotations

import secrets

ROOM_ALPHABET = "BCDFGHJKMNPQRSTVWXYZ23456789"
ROOM_CODE_LENGTH = 6


def new_room_code() -> str:
    return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def normalise_code(typed: str) -> str | None:
    """The room code in `typed` ("kq7 x2m", "KQ7-X2M"), or None if it cannot be one."""
    code = "".join(ch for ch in typed.upper() if not ch.isspace() and ch != "-")
    if len(code) != ROOM_CODE_LENGTH or any(ch not in ROOM_ALPHABET for ch in code):
        return None
    return code
