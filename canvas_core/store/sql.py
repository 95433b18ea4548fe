"""Plans in a SQL database through SQLAlchemy Core: one code path for the default SQLite
file (nothing to set up) and a shared PostgreSQL behind several app replicas."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from canvas_core.config import RETENTION
from canvas_core.i18n import N_, _
from canvas_core.migrations import load_stored
from canvas_core.plan import Plan, new_plan_id, utc_now
from canvas_core.steps import overall_completeness
from canvas_core.store.repository import (
    IterationExists,
    IterationInfo,
    PlanNotFound,
    PlanSummary,
    RememberedPlan,
    StoredPlan,
    StoreUnavailable,
    VersionConflict,
    browser_key,
)

metadata = sa.MetaData()
plans_table = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("completeness", sa.Float, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),  # UTC, stored naive
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("deleted_at", sa.DateTime, nullable=True),
    sa.Column("data", sa.Text, nullable=False),
)
iterations_table = sa.Table(
    "iterations",
    metadata,
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(300), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
)

# Links are capabilities: the plan id opens a plan for editing, a view token read-only.
view_links_table = sa.Table(
    "view_links",
    metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False, unique=True),
)
# The plans each browser created or opened through a link, so that Home lists those and no
# others. A browser is known by a random token in a cookie; only its hash is stored.
browser_plans_table = sa.Table(
    "browser_plans",
    metadata,
    sa.Column("browser", sa.String(64), primary_key=True),
    sa.Column("plan_id", sa.String(64), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("access", sa.String(8), nullable=False),  # "edit" or "view"
    sa.Column("opened_at", sa.DateTime, nullable=False),
)


_PLAIN_REASONS = (
    (("readonly", "read-only", "read only"), N_("the plan store on the server cannot be written (it is read-only)")),
    (("disk is full", "no space", "disk i/o"), N_("the server's disk is full or failing")),
    (("database is locked", "lock timeout", "could not obtain lock"), N_("the plan store is busy")),
    (("connection refused", "could not connect", "server closed", "connection", "timeout"),
     N_("the database server did not answer")),
)


def plain_reason(error: BaseException) -> str:
    detail = str(getattr(error, "orig", None) or error).splitlines()[0][:200] if str(error) else type(error).__name__
    lowered = detail.lower()
    reason = next((words for clues, words in _PLAIN_REASONS if any(c in lowered for c in clues)),
                  N_("the plan store did not answer"))
    return f"{_(reason)} ({detail})"  # the driver's own words in brackets, for whoever runs the server


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None else None


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = sa.engine.make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)  # the data folder, on first use
        engine = sa.create_engine(url, connect_args={"timeout": 15})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # readers never wait for the writer
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class SqlPlanStore:
    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        try:
            metadata.create_all(self.engine)
        except sa.exc.SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreUnavailable(plain_reason(error)) from error

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _db(self, *, write: bool = False) -> Iterator[sa.Connection]:
        """A connection (a transaction when writing). A driver error becomes StoreUnavailable,
        and the pool is emptied: SQLite keeps a connection opened while the file was
        read-only read-only for good, so the next attempt must open new ones."""
        try:
            with (self.engine.begin() if write else self.engine.connect()) as db:
                yield db
        except sa.exc.IntegrityError:
            raise  # a broken rule of ours (a duplicate key), not an unavailable store
        except (sa.exc.SQLAlchemyError, OSError) as error:
            self.engine.dispose()
            raise StoreUnavailable(plain_reason(error)) from error

    # --- plans ---------------------------------------------------------------------

    def _row(self, plan: Plan) -> dict:
        return {
            "name": plan.meta.name,
            "completeness": overall_completeness(plan),
            "updated_at": _naive(plan.meta.updated_at),
            "data": plan.to_json(),
        }

    def create(self, plan: Plan) -> StoredPlan:
        with self._db(write=True) as db:
            db.execute(
                plans_table.insert().values(
                    id=plan.id, version=1, created_at=_naive(plan.meta.created_at), deleted_at=None, **self._row(plan)
                )
            )
        return StoredPlan(plan, 1)

    def get(self, plan_id: str, *, include_deleted: bool = False) -> StoredPlan:
        query = sa.select(plans_table.c.data, plans_table.c.version, plans_table.c.deleted_at).where(
            plans_table.c.id == plan_id
        )
        with self._db() as db:
            row = db.execute(query).first()
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise PlanNotFound(plan_id)
        return StoredPlan(load_stored(row.data), row.version)

    def is_deleted(self, plan_id: str) -> bool:
        with self._db() as db:
            row = db.execute(sa.select(plans_table.c.deleted_at).where(plans_table.c.id == plan_id)).first()
        return row is not None and row.deleted_at is not None

    def version_of(self, plan_id: str) -> int | None:
        with self._db() as db:
            return db.execute(sa.select(plans_table.c.version).where(plans_table.c.id == plan_id)).scalar()

    def save(self, plan: Plan, base_version: int) -> int:
        """Write `plan` if the stored version is still `base_version`; return the new version."""
        with self._db(write=True) as db:
            done = db.execute(
                plans_table.update()
                .where(plans_table.c.id == plan.id, plans_table.c.version == base_version)
                .values(version=base_version + 1, **self._row(plan))
            )
        if done.rowcount == 1:
            return base_version + 1
        raise VersionConflict(self.get(plan.id, include_deleted=True))

    def _summaries(self, condition) -> list[PlanSummary]:
        columns = [plans_table.c[name] for name in ("id", "name", "version", "completeness", "updated_at", "deleted_at")]
        query = sa.select(*columns).where(condition)
        with self._db() as db:
            rows = db.execute(query.order_by(plans_table.c.updated_at.desc())).all()
        return [
            PlanSummary(r.id, r.name, r.version, r.completeness, _aware(r.updated_at), _aware(r.deleted_at))
            for r in rows
        ]

    def list_plans(self, limit: int = 50) -> list[PlanSummary]:
        return self._summaries(plans_table.c.deleted_at.is_(None))[:limit]

    def list_deleted(self) -> list[PlanSummary]:
        return self._summaries(plans_table.c.deleted_at.is_not(None))

    def _set_deleted(self, plan_id: str, when: datetime | None) -> None:
        with self._db(write=True) as db:
            done = db.execute(
                plans_table.update()
                .where(plans_table.c.id == plan_id)
                .values(deleted_at=when, version=plans_table.c.version + 1)
            )
        if done.rowcount != 1:
            raise PlanNotFound(plan_id)

    def delete(self, plan_id: str) -> None:
        self._set_deleted(plan_id, _naive(utc_now()))

    def restore(self, plan_id: str) -> None:
        self._set_deleted(plan_id, None)

    def purge_expired(self, now: datetime | None = None) -> int:
        """Remove plans deleted longer ago than RETENTION; returns how many."""
        cutoff = _naive((now or utc_now()) - RETENTION)
        with self._db(write=True) as db:
            expired = plans_table.c.deleted_at.is_not(None) & (plans_table.c.deleted_at < cutoff)
            ids = [r.id for r in db.execute(sa.select(plans_table.c.id).where(expired))]
            if ids:
                for table in (iterations_table, view_links_table, browser_plans_table):
                    db.execute(table.delete().where(table.c.plan_id.in_(ids)))
                db.execute(plans_table.delete().where(plans_table.c.id.in_(ids)))
        return len(ids)

    # --- links and the plans a browser knows -------------------------------------------

    def view_token(self, plan_id: str) -> str:
        """The plan's view-only link token, made on first use."""
        query = sa.select(view_links_table.c.token).where(view_links_table.c.plan_id == plan_id)
        with self._db() as db:
            token = db.execute(query).scalar()
        if token:
            return token
        try:
            with self._db(write=True) as db:
                db.execute(view_links_table.insert().values(token=new_plan_id(), plan_id=plan_id))
        except sa.exc.IntegrityError:
            pass  # made at the same moment in another session, or the plan is gone (then PlanNotFound below)
        with self._db() as db:
            token = db.execute(query).scalar()
        if token is None:
            raise PlanNotFound(plan_id)
        return token

    def plan_for_view(self, token: str) -> str:
        """The id of the plan a view token opens (never shown to the holder of the token)."""
        query = (sa.select(view_links_table.c.plan_id)
                 .join(plans_table, plans_table.c.id == view_links_table.c.plan_id)
                 .where(view_links_table.c.token == token, plans_table.c.deleted_at.is_(None)))
        with self._db() as db:
            plan_id = db.execute(query).scalar()
        if plan_id is None:
            raise PlanNotFound(token)
        return plan_id

    def remember(self, browser: str, plan_id: str, access: str) -> None:
        """Put the plan on the browser's list; edit access is never lowered to view."""
        key = browser_key(browser)
        table = browser_plans_table
        now = _naive(utc_now())
        with self._db(write=True) as db:
            done = db.execute(
                table.update()
                .where(table.c.browser == key, table.c.plan_id == plan_id)
                .values(opened_at=now, access=sa.case((table.c.access == "edit", "edit"), else_=access))
            )
            if done.rowcount == 0:
                try:
                    with db.begin_nested():
                        db.execute(table.insert().values(browser=key, plan_id=plan_id, access=access, opened_at=now))
                except sa.exc.IntegrityError:
                    pass  # the plan is gone, or another tab of this browser remembered it just now

    def remembered(self, browser: str, *, deleted: bool = False, limit: int = 50) -> list[RememberedPlan]:
        """The browser's plans, most recently changed first; `deleted`: those in the bin."""
        table = browser_plans_table
        columns = [plans_table.c[name] for name in ("id", "name", "version", "completeness", "updated_at", "deleted_at")]
        query = (
            sa.select(*columns, table.c.access, view_links_table.c.token)
            .join(table, table.c.plan_id == plans_table.c.id)
            .outerjoin(view_links_table, view_links_table.c.plan_id == plans_table.c.id)
            .where(table.c.browser == browser_key(browser),
                   plans_table.c.deleted_at.is_not(None) if deleted else plans_table.c.deleted_at.is_(None))
            .order_by(plans_table.c.updated_at.desc())
            .limit(limit)
        )
        with self._db() as db:
            rows = db.execute(query).all()
        return [
            RememberedPlan(
                PlanSummary(r.id, r.name, r.version, r.completeness, _aware(r.updated_at), _aware(r.deleted_at)),
                r.access, r.token if r.access == "view" else None)
            for r in rows
        ]

    # --- iterations ------------------------------------------------------------------

    def add_iteration(self, plan: Plan, number: int, label: str) -> IterationInfo:
        created = utc_now()
        try:
            with self._db(write=True) as db:
                db.execute(
                    iterations_table.insert().values(
                        plan_id=plan.id, number=number, label=label[:300], created_at=_naive(created), data=plan.to_json()
                    )
                )
        except sa.exc.IntegrityError:
            raise IterationExists(f"Iteration {number} is already saved for this plan.") from None
        return IterationInfo(number, label[:300], created)

    def list_iterations(self, plan_id: str) -> list[IterationInfo]:
        query = (
            sa.select(iterations_table.c.number, iterations_table.c.label, iterations_table.c.created_at)
            .where(iterations_table.c.plan_id == plan_id)
            .order_by(iterations_table.c.number)
        )
        with self._db() as db:
            return [IterationInfo(r.number, r.label, _aware(r.created_at)) for r in db.execute(query)]

    def get_iteration(self, plan_id: str, number: int) -> Plan:
        query = sa.select(iterations_table.c.data).where(
            iterations_table.c.plan_id == plan_id, iterations_table.c.number == number
        )
        with self._db() as db:
            data = db.execute(query).scalar()
        if data is None:
            raise PlanNotFound(f"{plan_id} iteration {number}")
        return load_stored(data)
