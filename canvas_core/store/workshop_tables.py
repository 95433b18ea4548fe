"""The workshop's tables, beside the plans: rooms, members, the focus log, sticky notes and votes.

Defined with the plan store's tables so that one `metadata` creates (and a test drops) them all;
canvas_core.workshop.store reads and writes them. Every row belongs to a room, and every room to a
plan: deleting a plan for good removes its rooms.
"""

from __future__ import annotations

import sqlalchemy as sa

from canvas_core.store.sql import metadata

MAX_NAME_CHARS = 80


def _room_key() -> sa.ForeignKey:
    return sa.ForeignKey("workshop_rooms.code", ondelete="CASCADE")


rooms_table = sa.Table(
    "workshop_rooms", metadata,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("status", sa.String(8), nullable=False),  # "open" or "closed"
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("focus_seq", sa.Integer, nullable=False),
    sa.Column("dots_version", sa.Integer, nullable=False),  # moves on every dot given or taken back
    sa.Column("focus_step", sa.String(40), nullable=False),
    sa.Column("focus_block", sa.String(80), nullable=True),
    sa.Column("private_writing", sa.Boolean, nullable=False),
    sa.Column("show_authors", sa.Boolean, nullable=False),
    sa.Column("agenda", sa.Text, nullable=False),  # JSON: [{"step_id", "minutes"}]
    sa.Column("timer_end_at", sa.DateTime, nullable=True),  # UTC, stored naive
    sa.Column("timer_paused_s", sa.Float, nullable=True),
    sa.Column("timer_total_s", sa.Float, nullable=True),
    sa.Column("vote_round", sa.Integer, nullable=False),  # 0: no vote yet
    sa.Column("vote_open", sa.Boolean, nullable=False),
    sa.Column("vote_step", sa.String(40), nullable=True),
    sa.Column("vote_block", sa.String(80), nullable=True),
    sa.Column("vote_budget", sa.Integer, nullable=False),
    sa.Column("vote_cap", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("closed_at", sa.DateTime, nullable=True),
)
members_table = sa.Table(
    "workshop_members", metadata,
    sa.Column("room_code", sa.String(8), _room_key(), primary_key=True),
    sa.Column("participant", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(MAX_NAME_CHARS), nullable=False),
    sa.Column("joined_at", sa.DateTime, nullable=False),
    sa.Column("done_seq", sa.Integer, nullable=True),  # the focus_seq at which they said "I'm done"
)
focus_log_table = sa.Table(
    "workshop_focus_log", metadata,
    sa.Column("room_code", sa.String(8), _room_key(), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("step_id", sa.String(40), nullable=False),
    sa.Column("block_id", sa.String(80), nullable=True),
    sa.Column("at", sa.DateTime, nullable=False),
)
notes_table = sa.Table(
    "workshop_notes", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("room_code", sa.String(8), _room_key(), nullable=False, index=True),
    sa.Column("participant", sa.String(64), nullable=False),
    sa.Column("author", sa.String(MAX_NAME_CHARS), nullable=False),
    sa.Column("step_id", sa.String(40), nullable=False),
    sa.Column("block_id", sa.String(80), nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("hidden", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("canvas_note_id", sa.String(40), nullable=True),
)
ballots_table = sa.Table(  # what each participant has left to give in a vote
    "workshop_ballots", metadata,
    sa.Column("room_code", sa.String(8), _room_key(), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True),
    sa.Column("participant", sa.String(64), primary_key=True),
    sa.Column("votes_left", sa.Integer, nullable=False),
)
dots_table = sa.Table(  # a participant's dots on one note in one vote
    "workshop_dots", metadata,
    sa.Column("room_code", sa.String(8), _room_key(), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True),
    sa.Column("participant", sa.String(64), primary_key=True),
    sa.Column("note_id", sa.String(16), primary_key=True),
    sa.Column("dots", sa.Integer, nullable=False),
)
WORKSHOP_TABLES = (dots_table, ballots_table, notes_table, focus_log_table, members_table, rooms_table)
