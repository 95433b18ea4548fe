"""Workshop rooms in the plan store's database (SQLite or one PostgreSQL behind several replicas).

Every write is one short transaction that starts by moving the room's version with a conditional
UPDATE of the room row (`... WHERE code = :code AND status = 'open'`): that takes the room's write
lock first, so the checks that follow (is the vote open, are votes left) see every earlier write,
thirty people voting at once queue for a few milliseconds instead of failing, and a refused action
rolls back whole. Screens poll `version()`, one primary-key read.

A participant is known by a key derived from their browser's token and the room code, so two tabs
of one browser are one person (and share one vote budget), and nothing in the room's tables leads
back to the browser's own token.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from canvas_core import i18n
from canvas_core.i18n import _, ngettext
from canvas_core.numbers import format_decimal
from canvas_core.plan import new_id
from canvas_core.steps import STEPS_BY_ID
from canvas_core.store.repository import StoreUnavailable
from canvas_core.store.sql import metadata, plain_reason
from canvas_core.store.workshop_tables import (
    WORKSHOP_TABLES,
    ballots_table,
    dots_table,
    focus_log_table,
    members_table,
    notes_table,
    rooms_table,
)
from canvas_core.workshop.agenda import AgendaItem, agenda_from_rows, check_agenda, time_spent
from canvas_core.workshop.codes import new_room_code
from canvas_core.workshop.model import (
    DEFAULT_BUDGET,
    MAX_BUDGET,
    MAX_NAME_CHARS,
    MAX_STICKY_CHARS,
    Focus,
    Participant,
    Room,
    RoomClosed,
    RoomNotFound,
    StepTime,
    StickyNote,
    Vote,
    VoteRefused,
    WorkshopError,
    WorkshopRecord,
)

FACILITATOR = ""  # the participant key of notes the facilitator writes
_STATUSES = ("open", "accepted", "merged", "discarded")


class RoomVersion(NamedTuple):
    """How far a room has got: `version` moves on every change the room sees, `focus_seq` when the
    focus moves (screens redraw the whole page), `dots_version` on every dot given or taken back
    (only the facilitator's count of votes shows it)."""

    version: int
    focus_seq: int
    is_open: bool
    dots_version: int

    @property
    def seen_by_room(self) -> tuple[int, int, bool]:
        return self.version, self.focus_seq, self.is_open


def participant_key(room_code: str, browser_token: str) -> str:
    return hashlib.sha256(f"{room_code}:{browser_token}".encode()).hexdigest()


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None else None


def _now() -> datetime:
    return datetime.now(UTC)


def _clean_note(text: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise WorkshopError(_("The note is empty."))
    if len(cleaned) > MAX_STICKY_CHARS:
        raise WorkshopError(_("The note is {length} characters long; at most {limit} fit.").format(
            length=_count(len(cleaned)), limit=_count(MAX_STICKY_CHARS)))
    return cleaned


def _clean_name(name: str) -> str:
    cleaned = (name or "").strip()
    if not cleaned:
        raise WorkshopError(_("The display name is empty."))
    if len(cleaned) > MAX_NAME_CHARS:
        raise WorkshopError(_("The display name is {length} characters long; at most {limit} fit.").format(
            length=_count(len(cleaned)), limit=_count(MAX_NAME_CHARS)))
    return cleaned


def _count(number: int) -> str:
    """A count as the reader's language groups its digits: 1,234 (en), 1.234 (de)."""
    return format_decimal(number, i18n.current())


def _no_such_room() -> RoomNotFound:
    return RoomNotFound(_("There is no workshop room with this code. Check the code with the facilitator."))


def _room_closed() -> RoomClosed:
    return RoomClosed(_("This workshop room has been closed by its facilitator."))


class WorkshopStore:
    """Rooms, members, notes and votes, beside the plans in the same database."""

    def __init__(self, engine: Engine):
        self.engine = engine
        try:
            metadata.create_all(engine, tables=[*reversed(WORKSHOP_TABLES)])
        except sa.exc.SQLAlchemyError as error:
            raise StoreUnavailable(plain_reason(error)) from error

    @contextmanager
    def _db(self, *, write: bool = False) -> Iterator[sa.Connection]:
        try:
            with (self.engine.begin() if write else self.engine.connect()) as db:
                yield db
        except sa.exc.IntegrityError:
            raise
        except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.InternalError, OSError) as error:
            self.engine.dispose()
            raise StoreUnavailable(plain_reason(error)) from error

    @contextmanager
    def _change(self, code: str, *, moves_focus: bool = False, is_vote: bool = False,
                **values) -> Iterator[tuple[sa.Connection, sa.Row]]:
        """A write to an open room: moves its version (and takes its lock) first, yields the room row.
        A dot given or taken back moves only the vote count: nobody but the voter sees it while
        the vote is open, so thirty screens need not redraw for it."""
        table = rooms_table
        bump = {"dots_version" if is_vote else "version": table.c["dots_version" if is_vote else "version"] + 1,
                **values}
        if moves_focus:
            bump["focus_seq"] = table.c.focus_seq + 1
        with self._db(write=True) as db:
            done = db.execute(table.update().where(table.c.code == code, table.c.status == "open").values(**bump))
            if done.rowcount != 1:
                self._refuse_missing(db, code)
            yield db, db.execute(sa.select(table).where(table.c.code == code)).one()

    @staticmethod
    def _refuse_missing(db: sa.Connection, code: str) -> None:
        status = db.execute(sa.select(rooms_table.c.status).where(rooms_table.c.code == code)).scalar()
        if status is None:
            raise _no_such_room()
        raise _room_closed()

    # --- rooms ---------------------------------------------------------------------------

    def start_room(self, plan_id: str, agenda: tuple[AgendaItem, ...], *, show_authors: bool = True,
                   private_writing: bool = False) -> Room:
        """The plan's open room, or a new one with a fresh code focused on the agenda's first step."""
        current = self.open_room_for(plan_id)
        if current is not None:
            return current
        agenda = check_agenda(agenda)
        now = _naive(_now())
        for _attempt in range(20):
            code = new_room_code()
            try:
                with self._db(write=True) as db:
                    db.execute(rooms_table.insert().values(
                        code=code, plan_id=plan_id, status="open", version=1, focus_seq=1,
                        focus_step=agenda[0].step_id, focus_block=None, private_writing=private_writing,
                        show_authors=show_authors, agenda=self._agenda_json(agenda), timer_end_at=None,
                        timer_paused_s=None, timer_total_s=None, vote_round=0, vote_open=False, vote_step=None,
                        vote_block=None, vote_budget=DEFAULT_BUDGET, vote_cap=DEFAULT_BUDGET, dots_version=0,
                        created_at=now,
                        closed_at=None))
                    db.execute(focus_log_table.insert().values(room_code=code, seq=1, step_id=agenda[0].step_id,
                                                               block_id=None, at=now))
                return self.room(code)
            except sa.exc.IntegrityError:
                if self.open_room_for(plan_id) is not None:  # another tab started one at the same moment
                    return self.open_room_for(plan_id)
        raise WorkshopError(_("No free room code was found; try again."))  # pragma: no cover - 28^6 codes

    @staticmethod
    def _agenda_json(agenda: tuple[AgendaItem, ...]) -> str:
        return json.dumps([{"step_id": item.step_id, "minutes": item.minutes} for item in agenda])

    def open_room_for(self, plan_id: str) -> Room | None:
        query = (sa.select(rooms_table).where(rooms_table.c.plan_id == plan_id, rooms_table.c.status == "open")
                 .order_by(rooms_table.c.created_at.desc()))
        with self._db() as db:
            row = db.execute(query).first()
        return self._room(row) if row is not None else None

    def rooms_for(self, plan_id: str) -> list[Room]:
        """Every room run on the plan, oldest first."""
        query = sa.select(rooms_table).where(rooms_table.c.plan_id == plan_id).order_by(rooms_table.c.created_at)
        with self._db() as db:
            return [self._room(row) for row in db.execute(query)]

    def room(self, code: str) -> Room:
        with self._db() as db:
            row = db.execute(sa.select(rooms_table).where(rooms_table.c.code == code)).first()
        if row is None:
            raise _no_such_room()
        return self._room(row)

    def open_room(self, code: str) -> Room:
        room = self.room(code)
        if not room.is_open:
            raise _room_closed()
        return room

    def version(self, code: str) -> RoomVersion | None:
        """What a screen polls, one primary-key read: see RoomVersion."""
        query = sa.select(rooms_table.c.version, rooms_table.c.focus_seq, rooms_table.c.status,
                          rooms_table.c.dots_version).where(rooms_table.c.code == code)
        with self._db() as db:
            row = db.execute(query).first()
        return None if row is None else RoomVersion(row.version, row.focus_seq, row.status == "open", row.dots_version)

    @staticmethod
    def _room(row: sa.Row) -> Room:
        vote = None
        if row.vote_round:
            vote = Vote(row.vote_round, Focus(row.vote_step, row.vote_block), row.vote_budget, row.vote_cap,
                        row.vote_open)
        return Room(
            code=row.code, plan_id=row.plan_id, is_open=row.status == "open", version=row.version,
            focus=Focus(row.focus_step, row.focus_block), focus_seq=row.focus_seq,
            private_writing=row.private_writing, show_authors=row.show_authors,
            agenda=agenda_from_rows(json.loads(row.agenda)), timer_end_at=_aware(row.timer_end_at),
            timer_paused_s=row.timer_paused_s, timer_total_s=row.timer_total_s, vote=vote,
            created_at=_aware(row.created_at), closed_at=_aware(row.closed_at))

    def close_room(self, code: str) -> None:
        """Close the room: its code stops working; everything in it stays for the report."""
        with self._change(code, moves_focus=True, status="closed", closed_at=_naive(_now()), vote_open=False,
                          timer_end_at=None, timer_paused_s=None):
            pass

    # --- focus, agenda, settings ---------------------------------------------------------------

    def set_focus(self, code: str, focus: Focus) -> Room:
        """Move the room to `focus`; done signals start again from nobody."""
        if focus.step_id not in STEPS_BY_ID:
            raise WorkshopError(_("There is no step called {step}.").format(step=repr(focus.step_id)))
        with self._change(code, moves_focus=True, focus_step=focus.step_id, focus_block=focus.block_id) as (db, row):
            db.execute(focus_log_table.insert().values(room_code=code, seq=row.focus_seq, step_id=focus.step_id,
                                                       block_id=focus.block_id, at=_naive(_now())))
        return self.room(code)

    def set_agenda(self, code: str, agenda: tuple[AgendaItem, ...]) -> None:
        agenda = check_agenda(agenda)
        with self._change(code, agenda=self._agenda_json(agenda)):
            pass

    def set_options(self, code: str, *, private_writing: bool, show_authors: bool) -> None:
        """Private writing on hides new notes; turning it off reveals them all."""
        with self._change(code, private_writing=private_writing, show_authors=show_authors) as (db, _row):
            if not private_writing:
                db.execute(notes_table.update().where(notes_table.c.room_code == code, notes_table.c.hidden)
                           .values(hidden=False))

    def reveal(self, code: str, focus: Focus) -> int:
        """Show the hidden notes of `focus` to the room; returns how many."""
        with self._change(code) as (db, _row):
            done = db.execute(notes_table.update().where(
                notes_table.c.room_code == code, notes_table.c.hidden, *self._at(focus)).values(hidden=False))
        return done.rowcount

    @staticmethod
    def _at(focus: Focus) -> list:
        block = notes_table.c.block_id
        return [notes_table.c.step_id == focus.step_id,
                block.is_(None) if focus.block_id is None else block == focus.block_id]

    # --- the timer -------------------------------------------------------------------------

    def start_timer(self, code: str, seconds: float) -> None:
        if not 0 < seconds <= 8 * 3600:
            raise WorkshopError(_("A countdown runs for at least a second and at most 8 hours."))
        end = _naive(_now() + timedelta(seconds=seconds))
        with self._change(code, timer_end_at=end, timer_paused_s=None, timer_total_s=float(seconds)):
            pass

    def pause_timer(self, code: str) -> None:
        with self._change(code) as (db, row):
            if row.timer_end_at is None:
                return
            left = max(0.0, (_aware(row.timer_end_at) - _now()).total_seconds())
            db.execute(rooms_table.update().where(rooms_table.c.code == code)
                       .values(timer_end_at=None, timer_paused_s=left))

    def resume_timer(self, code: str) -> None:
        with self._change(code) as (db, row):
            if row.timer_paused_s is None:
                return
            db.execute(rooms_table.update().where(rooms_table.c.code == code).values(
                timer_end_at=_naive(_now() + timedelta(seconds=row.timer_paused_s)), timer_paused_s=None))

    def add_time(self, code: str, seconds: float) -> None:
        """Add to the countdown; a countdown that ran out starts again from now."""
        if not 0 < seconds <= 8 * 3600:
            raise WorkshopError(_("Add at least a second and at most 8 hours."))
        with self._change(code) as (db, row):
            total = (row.timer_total_s or 0.0) + seconds
            if row.timer_paused_s is not None:
                values = {"timer_paused_s": row.timer_paused_s + seconds}
            else:
                end = _aware(row.timer_end_at) if row.timer_end_at is not None else None
                start_from = end if end is not None and end > _now() else _now()
                values = {"timer_end_at": _naive(start_from + timedelta(seconds=seconds))}
            db.execute(rooms_table.update().where(rooms_table.c.code == code)
                       .values(timer_total_s=total, **values))

    def stop_timer(self, code: str) -> None:
        with self._change(code, timer_end_at=None, timer_paused_s=None, timer_total_s=None):
            pass

    # --- participants ------------------------------------------------------------------------

    def join(self, code: str, participant: str, name: str) -> Participant:
        """Join (or rejoin under a new name) the open room."""
        name = _clean_name(name)
        with self._change(code) as (db, _row):
            table = members_table
            done = db.execute(table.update().where(table.c.room_code == code, table.c.participant == participant)
                              .values(name=name))
            if done.rowcount == 0:
                db.execute(table.insert().values(room_code=code, participant=participant, name=name,
                                                 joined_at=_naive(_now()), done_seq=None))
        return self.participant(code, participant)

    def participant(self, code: str, participant: str) -> Participant | None:
        table = members_table
        query = sa.select(table, rooms_table.c.focus_seq).join(rooms_table, rooms_table.c.code == table.c.room_code)
        with self._db() as db:
            row = db.execute(query.where(table.c.room_code == code, table.c.participant == participant)).first()
        if row is None:
            return None
        return Participant(row.participant, row.name, _aware(row.joined_at), row.done_seq == row.focus_seq)

    def set_done(self, code: str, participant: str, done: bool) -> None:
        """Say "I'm done" (or take it back) for the room's current focus."""
        with self._change(code) as (db, row):
            table = members_table
            changed = db.execute(table.update().where(table.c.room_code == code, table.c.participant == participant)
                                 .values(done_seq=row.focus_seq if done else None))
            if changed.rowcount != 1:
                raise WorkshopError(_("Join the room first."))

    def done_count(self, code: str) -> tuple[int, int]:
        """(how many said they are done with the current focus, how many joined): never who."""
        table = members_table
        query = (sa.select(sa.func.count(), sa.func.count(sa.case((table.c.done_seq == rooms_table.c.focus_seq, 1))))
                 .select_from(table.join(rooms_table, rooms_table.c.code == table.c.room_code))
                 .where(table.c.room_code == code))
        with self._db() as db:
            joined, done = db.execute(query).one()
        return done, joined

    # --- sticky notes ----------------------------------------------------------------------------

    def add_note(self, code: str, participant: str, text: str, *, author: str | None = None) -> StickyNote:
        """A sticky note on the room's focus, by a member (or by the facilitator: FACILITATOR, `author`)."""
        text = _clean_note(text)
        note_id = new_id()
        with self._change(code) as (db, row):
            if participant != FACILITATOR:
                author = db.execute(sa.select(members_table.c.name).where(
                    members_table.c.room_code == code, members_table.c.participant == participant)).scalar()
                if author is None:
                    raise WorkshopError(_("Join the room first."))
            db.execute(notes_table.insert().values(
                id=note_id, room_code=code, participant=participant, author=(author or "")[:MAX_NAME_CHARS],
                step_id=row.focus_step, block_id=row.focus_block, text=text, created_at=_naive(_now()),
                hidden=row.private_writing, status="open", canvas_note_id=None))
        return next(n for n in self.notes(code, viewer=participant) if n.id == note_id)

    def notes(self, code: str, focus: Focus | None = None, *, viewer: str | None = None,
              include_hidden: bool = False) -> list[StickyNote]:
        """The room's notes (of `focus` only, if given), oldest first, as `viewer` may see them: hidden
        notes only their author's (or all with `include_hidden`: the facilitator's console), vote totals
        only once the vote on their block is closed, and the viewer's own dots in the current vote."""
        query = sa.select(notes_table).where(notes_table.c.room_code == code)
        if focus is not None:
            query = query.where(*self._at(focus))
        with self._db() as db:
            room = db.execute(sa.select(rooms_table).where(rooms_table.c.code == code)).first()
            if room is None:
                raise RoomNotFound(_("There is no workshop room with this code."))
            rows = db.execute(query.order_by(notes_table.c.created_at, notes_table.c.id)).all()
            totals, mine = self._dots(db, room, viewer)
        vote = self._room(room).vote
        notes = []
        for row in rows:
            if row.hidden and not include_hidden and row.participant != viewer:
                continue
            focus_of = Focus(row.step_id, row.block_id)
            counted = vote is not None and not vote.is_open and vote.focus == focus_of
            notes.append(StickyNote(
                id=row.id, focus=focus_of, text=row.text, author=row.author, participant=row.participant,
                created_at=_aware(row.created_at), hidden=row.hidden, status=row.status,
                canvas_note_id=row.canvas_note_id, votes=totals.get(row.id, 0) if counted else None,
                my_votes=mine.get(row.id, 0) if vote is not None and vote.is_open else 0))
        return notes

    @staticmethod
    def _dots(db: sa.Connection, room: sa.Row, viewer: str | None) -> tuple[dict[str, int], dict[str, int]]:
        if not room.vote_round:
            return {}, {}
        where = [dots_table.c.room_code == room.code, dots_table.c.round == room.vote_round]
        totals = dict(db.execute(sa.select(dots_table.c.note_id, sa.func.sum(dots_table.c.dots))
                                 .where(*where).group_by(dots_table.c.note_id)).all())
        mine = {}
        if viewer is not None:
            mine = dict(db.execute(sa.select(dots_table.c.note_id, dots_table.c.dots)
                                   .where(*where, dots_table.c.participant == viewer)).all())
        return {k: int(v) for k, v in totals.items()}, mine

    def set_status(self, code: str, note_ids: list[str], status: str, canvas_note_id: str | None = None) -> None:
        """Triage: mark notes accepted or merged (with the canvas note they became), discarded, or open
        again. Nothing is deleted: a discarded note stays in the room's record."""
        if status not in _STATUSES:
            raise WorkshopError(_("Unknown status {status}.").format(status=repr(status)))
        with self._change(code) as (db, _row):
            db.execute(notes_table.update().where(notes_table.c.room_code == code, notes_table.c.id.in_(note_ids))
                       .values(status=status, canvas_note_id=canvas_note_id if status in ("accepted", "merged")
                               else None, hidden=False))

    # --- dot voting ----------------------------------------------------------------------------

    def open_vote(self, code: str, *, budget: int = DEFAULT_BUDGET, cap: int | None = None) -> Vote:
        """A new vote on the room's focus: every member gets `budget` dots, at most `cap` on one note."""
        cap = budget if cap is None else cap
        if not 1 <= budget <= MAX_BUDGET:
            raise WorkshopError(_("Each person gets from 1 to {most} votes.").format(most=MAX_BUDGET))
        if not 1 <= cap <= budget:
            raise WorkshopError(_("The most votes on one note is from 1 to the votes each person gets."))
        with self._change(code, vote_round=rooms_table.c.vote_round + 1, vote_open=True, vote_budget=budget,
                          vote_cap=cap, vote_step=rooms_table.c.focus_step,
                          vote_block=rooms_table.c.focus_block) as (_db, row):
            return Vote(row.vote_round, Focus(row.vote_step, row.vote_block), budget, cap, True)

    def close_vote(self, code: str) -> None:
        """Close the vote: totals become visible to everyone."""
        with self._change(code, vote_open=False):
            pass

    def vote(self, code: str, participant: str, note_id: str) -> int:
        """Put one dot on a note; returns the dots the participant has left. Refused (and nothing
        counted) when the vote is closed, the budget is spent or the note has the most dots allowed."""
        with self._change(code, is_vote=True) as (db, room):
            if not room.vote_open:
                raise VoteRefused(_("No vote is open."))
            note = db.execute(sa.select(notes_table.c.step_id, notes_table.c.block_id, notes_table.c.status,
                                        notes_table.c.hidden)
                              .where(notes_table.c.room_code == code, notes_table.c.id == note_id)).first()
            if note is None or (note.step_id, note.block_id) != (room.vote_step, room.vote_block):
                raise VoteRefused(_("That note is not part of this vote."))
            if note.status != "open" or note.hidden:
                raise VoteRefused(_("That note cannot be voted on now."))
            is_member = db.execute(sa.select(members_table.c.participant).where(
                members_table.c.room_code == code, members_table.c.participant == participant)).first()
            if is_member is None:
                raise VoteRefused(_("Join the room first."))
            key = {"room_code": code, "round": room.vote_round, "participant": participant}
            ballot = ballots_table
            where = [ballot.c[name] == value for name, value in key.items()]
            if db.execute(sa.select(ballot.c.votes_left).where(*where)).first() is None:
                db.execute(ballot.insert().values(votes_left=room.vote_budget, **key))
            spent = db.execute(ballot.update().where(*where, ballot.c.votes_left > 0)
                               .values(votes_left=ballot.c.votes_left - 1))
            if spent.rowcount != 1:
                raise VoteRefused(ngettext("You have used your one vote.", "You have used all {count} of your votes.",
                                           room.vote_budget).format(count=room.vote_budget))
            dots = dots_table
            on_note = [*(dots.c[name] == value for name, value in key.items()), dots.c.note_id == note_id]
            added = db.execute(dots.update().where(*on_note, dots.c.dots < room.vote_cap)
                               .values(dots=dots.c.dots + 1))
            if added.rowcount != 1:
                if db.execute(sa.select(dots.c.dots).where(*on_note)).first() is not None:
                    raise VoteRefused(ngettext("At most {count} of your votes can go on one note.",
                                               "At most {count} of your votes can go on one note.",
                                               room.vote_cap).format(count=room.vote_cap))
                db.execute(dots.insert().values(note_id=note_id, dots=1, **key))
            return db.execute(sa.select(ballot.c.votes_left).where(*where)).scalar_one()

    def unvote(self, code: str, participant: str, note_id: str) -> int:
        """Take one dot back from a note while the vote is open; returns the dots left."""
        with self._change(code, is_vote=True) as (db, room):
            if not room.vote_open:
                raise VoteRefused(_("No vote is open."))
            key = {"room_code": code, "round": room.vote_round, "participant": participant}
            on_note = [*(dots_table.c[name] == value for name, value in key.items()), dots_table.c.note_id == note_id]
            taken = db.execute(dots_table.update().where(*on_note, dots_table.c.dots > 0)
                               .values(dots=dots_table.c.dots - 1))
            if taken.rowcount != 1:
                raise VoteRefused(_("You have no vote on that note."))
            where = [ballots_table.c[name] == value for name, value in key.items()]
            db.execute(ballots_table.update().where(*where).values(votes_left=ballots_table.c.votes_left + 1))
            return db.execute(sa.select(ballots_table.c.votes_left).where(*where)).scalar_one()

    def votes_left(self, code: str, participant: str) -> int | None:
        """The dots the participant can still give in the open vote (None: no vote is open)."""
        with self._db() as db:
            room = db.execute(sa.select(rooms_table.c.vote_round, rooms_table.c.vote_open, rooms_table.c.vote_budget)
                              .where(rooms_table.c.code == code)).first()
            if room is None or not room.vote_open:
                return None
            left = db.execute(sa.select(ballots_table.c.votes_left).where(
                ballots_table.c.room_code == code, ballots_table.c.round == room.vote_round,
                ballots_table.c.participant == participant)).scalar()
        return room.vote_budget if left is None else left

    def voters(self, code: str) -> tuple[int, int]:
        """(dots given, dots there are to give) in the open vote: how far the room has got."""
        with self._db() as db:
            room = db.execute(sa.select(rooms_table).where(rooms_table.c.code == code)).first()
            if room is None or not room.vote_round:
                return 0, 0
            given = db.execute(sa.select(sa.func.coalesce(sa.func.sum(dots_table.c.dots), 0)).where(
                dots_table.c.room_code == code, dots_table.c.round == room.vote_round)).scalar_one()
            members = db.execute(sa.select(sa.func.count()).select_from(members_table)
                                 .where(members_table.c.room_code == code)).scalar_one()
        return int(given), members * room.vote_budget

    def time_spent(self, room: Room) -> dict[str, float]:
        """Seconds the room spent on each step so far (the focus log, to the close or now)."""
        query = (sa.select(focus_log_table.c.at, focus_log_table.c.step_id)
                 .where(focus_log_table.c.room_code == room.code).order_by(focus_log_table.c.seq))
        with self._db() as db:
            moves = db.execute(query).all()
        return time_spent([(_aware(at), step) for at, step in moves], room.closed_at or _now())

    # --- the record, for the report ------------------------------------------------------------

    def record(self, code: str, *, top: int = 10) -> WorkshopRecord:
        room = self.room(code)
        with self._db() as db:
            members = db.execute(sa.select(sa.func.count()).select_from(members_table)
                                 .where(members_table.c.room_code == code)).scalar_one()
            totals = dict(db.execute(sa.select(dots_table.c.note_id, sa.func.sum(dots_table.c.dots))
                                     .where(dots_table.c.room_code == code).group_by(dots_table.c.note_id)).all())
        notes = self.notes(code, include_hidden=True)
        spent = self.time_spent(room)
        planned = {item.step_id: item.minutes for item in room.agenda}
        order = [item.step_id for item in room.agenda] + [s for s in spent if s not in planned]
        agenda = tuple(StepTime(step, STEPS_BY_ID[step].title, planned.get(step), spent.get(step, 0.0))
                       for step in order if step in STEPS_BY_ID)
        counted = [n for n in notes if totals.get(n.id)]
        voted = sorted(counted, key=lambda n: (-int(totals[n.id]), n.created_at))[:top]
        with_votes = tuple(self._with_votes(n, int(totals[n.id])) for n in voted)
        accepted = tuple(self._with_votes(n, int(totals.get(n.id, 0))) for n in notes
                         if n.status in ("accepted", "merged"))
        return WorkshopRecord(
            code=code, created_at=room.created_at, closed_at=room.closed_at, participants=members,
            notes_written=len(notes), agenda=agenda, top_voted=with_votes, accepted=accepted,
            discarded=sum(n.status == "discarded" for n in notes))

    @staticmethod
    def _with_votes(note: StickyNote, votes: int) -> StickyNote:
        return replace(note, votes=votes)
