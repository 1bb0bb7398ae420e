"""The web application's memory: uploads, scenarios, jobs and the panel's decisions in SQLite,
and the workbooks beside it in the data folder.

Every file name is made here from a number SQLite gave out (`uploads/3.xlsx`,
`jobs/12/roster.xlsx`), never from anything a browser sent, so no user input can
become a path. The web process and the solver workers both open the database; WAL
mode lets the page read progress while a worker writes it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from solver.solve import Progress, relative_gap

DATABASE = "roster.sqlite3"
RUNNING, DONE, FAILED = "running", "done", "failed"
"""Job states: DONE means a workbook was written; FAILED means none was (bad input,
infeasible, no roster in time, stopped before the first, or an error)."""
ROSTER, POSTING = "roster", "posting"
OUTPUT_NAMES = {ROSTER: "roster.xlsx", POSTING: "proposals.xlsx"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created TEXT NOT NULL,
    facts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scenarios (
    id INTEGER PRIMARY KEY,
    upload_id INTEGER NOT NULL REFERENCES uploads(id),
    name TEXT NOT NULL,
    changes TEXT NOT NULL,
    rules TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    time_limit REAL NOT NULL,
    workers INTEGER NOT NULL,
    decisions_of INTEGER REFERENCES jobs(id),
    pid INTEGER,
    created TEXT NOT NULL,
    finished TEXT,
    elapsed REAL NOT NULL DEFAULT 0,
    solutions INTEGER NOT NULL DEFAULT 0,
    objective REAL,
    bound REAL,
    status TEXT,
    message TEXT,
    stop_requested INTEGER NOT NULL DEFAULT 0,
    summary TEXT,
    error TEXT
);
CREATE TABLE IF NOT EXISTS decisions (
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    officer_id TEXT NOT NULL,
    from_team TEXT NOT NULL,
    to_team TEXT NOT NULL,
    decision TEXT NOT NULL,
    PRIMARY KEY (job_id, officer_id, from_team, to_team)
);
"""


@dataclass(frozen=True)
class Upload:
    id: int
    name: str
    """The file name the browser gave, for display only."""
    sha256: str
    size: int
    created: str
    facts: dict[str, Any]
    """What the readers made of it: period, counts, and each job's problems."""

    @property
    def roster_ok(self) -> bool:
        return not self.facts["roster_problems"]

    @property
    def posting_ok(self) -> bool:
        return not self.facts["posting_problems"]


@dataclass(frozen=True)
class Scenario:
    id: int
    upload_id: int
    name: str
    changes: list[str]
    """Rule settings that differ from the uploaded workbook's, in words."""
    rules: dict[str, dict[str, Any]]
    """rule -> enabled, hard, weight, value, as the reader read the scenario's workbook."""
    created: str


@dataclass(frozen=True)
class Job:
    id: int
    scenario_id: int
    kind: str
    state: str
    time_limit: float
    workers: int
    decisions_of: int | None
    pid: int | None
    created: str
    finished: str | None
    elapsed: float
    solutions: int
    objective: float | None
    bound: float | None
    status: str | None
    message: str | None
    stop_requested: bool
    summary: dict[str, Any] | None
    error: str | None

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    @property
    def running(self) -> bool:
        return self.state == RUNNING


def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")


class Store:
    """The data folder: the SQLite database and the workbooks, by number."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        for sub in ("uploads", "scenarios", "jobs", "incoming"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    # ---- files -------------------------------------------------------------------------
    def upload_file(self, upload_id: int) -> Path:
        return self.folder / "uploads" / f"{int(upload_id)}.xlsx"

    def scenario_file(self, scenario_id: int) -> Path:
        return self.folder / "scenarios" / f"{int(scenario_id)}.xlsx"

    def job_folder(self, job_id: int) -> Path:
        folder = self.folder / "jobs" / str(int(job_id))
        folder.mkdir(exist_ok=True)
        return folder

    def job_output(self, job: Job) -> Path:
        return self.job_folder(job.id) / OUTPUT_NAMES[job.kind]

    def decisions_file(self, job: Job) -> Path:
        """The proposals workbook with the panel's decisions that a re-run reads; named after
        the run it came from, as messages about it name the file."""
        return self.job_folder(job.id) / f"proposals-{int(job.decisions_of or 0)}.xlsx"

    @property
    def incoming(self) -> Path:
        """Workbooks being checked: deleted when refused, renamed into place when kept."""
        return self.folder / "incoming"

    # ---- uploads -----------------------------------------------------------------------
    def add_upload(self, name: str, sha256: str, size: int, facts: dict[str, Any]) -> int:
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO uploads (name, sha256, size, created, facts) VALUES (?, ?, ?, ?, ?)",
                (name, sha256, size, _now(), json.dumps(facts)),
            )
            return _id(cursor)

    def upload(self, upload_id: int) -> Upload | None:
        rows = self._select("SELECT * FROM uploads WHERE id = ?", upload_id)
        return _upload(rows[0]) if rows else None

    def uploads(self) -> list[Upload]:
        return [_upload(r) for r in self._select("SELECT * FROM uploads ORDER BY id DESC")]

    # ---- scenarios ---------------------------------------------------------------------
    def add_scenario(
        self, upload_id: int, name: str, changes: list[str], rules: dict[str, dict[str, Any]]
    ) -> int:
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO scenarios (upload_id, name, changes, rules, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (upload_id, name, json.dumps(changes), json.dumps(rules), _now()),
            )
            return _id(cursor)

    def scenario(self, scenario_id: int) -> Scenario | None:
        rows = self._select("SELECT * FROM scenarios WHERE id = ?", scenario_id)
        return _scenario(rows[0]) if rows else None

    def scenarios(self, upload_id: int) -> list[Scenario]:
        rows = self._select("SELECT * FROM scenarios WHERE upload_id = ? ORDER BY id", upload_id)
        return [_scenario(r) for r in rows]

    # ---- jobs --------------------------------------------------------------------------
    def add_job(
        self,
        scenario_id: int,
        kind: str,
        time_limit: float,
        workers: int,
        decisions_of: int | None = None,
    ) -> int:
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO jobs (scenario_id, kind, state, time_limit, workers, decisions_of, "
                "created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scenario_id, kind, RUNNING, time_limit, workers, decisions_of, _now()),
            )
            return _id(cursor)

    def job(self, job_id: int) -> Job | None:
        rows = self._select("SELECT * FROM jobs WHERE id = ?", job_id)
        return _job(rows[0]) if rows else None

    def jobs(self, upload_id: int | None = None, state: str | None = None) -> list[Job]:
        """Newest first; of one upload's scenarios, or in one state, when asked."""
        query = "SELECT jobs.* FROM jobs JOIN scenarios ON scenarios.id = jobs.scenario_id"
        where: list[str] = []
        args: list[Any] = []
        if upload_id is not None:
            where.append("scenarios.upload_id = ?")
            args.append(upload_id)
        if state is not None:
            where.append("jobs.state = ?")
            args.append(state)
        if where:
            query += " WHERE " + " AND ".join(where)
        return [_job(r) for r in self._select(query + " ORDER BY jobs.id DESC", *args)]

    def set_pid(self, job_id: int, pid: int) -> None:
        self._update("UPDATE jobs SET pid = ? WHERE id = ?", pid, job_id)

    def record_progress(self, job_id: int, progress: Progress) -> None:
        self._update(
            "UPDATE jobs SET elapsed = ?, solutions = ?, objective = ?, bound = ? "
            "WHERE id = ? AND state = ?",
            progress.elapsed,
            progress.solutions,
            progress.objective,
            progress.bound,
            job_id,
            RUNNING,
        )

    def request_stop(self, job_id: int) -> None:
        self._update("UPDATE jobs SET stop_requested = 1 WHERE id = ?", job_id)

    def finish(
        self,
        job_id: int,
        state: str,
        status: str,
        message: str,
        summary: dict[str, Any] | None = None,
        error: str | None = None,
        final: Progress | None = None,
    ) -> None:
        """The job's end: only a running job ends, once. `final` holds the run's own last
        figures (progress is recorded only every so often)."""
        with self._db() as db:
            if final is not None:
                db.execute(
                    "UPDATE jobs SET elapsed = ?, solutions = ?, objective = ?, bound = ? "
                    "WHERE id = ? AND state = ?",
                    (final.elapsed, final.solutions, final.objective, final.bound, job_id, RUNNING),
                )
            db.execute(
                "UPDATE jobs SET state = ?, status = ?, message = ?, summary = ?, error = ?, "
                "finished = ? WHERE id = ? AND state = ?",
                (
                    state,
                    status,
                    message,
                    None if summary is None else json.dumps(summary, default=str),
                    error,
                    _now(),
                    job_id,
                    RUNNING,
                ),
            )

    # ---- the panel's decisions ---------------------------------------------------------
    def set_decisions(self, job_id: int, decisions: dict[tuple[str, str, str], str]) -> None:
        """Replace the decisions taken on a posting run's proposals."""
        with self._db() as db:
            db.execute("DELETE FROM decisions WHERE job_id = ?", (job_id,))
            db.executemany(
                "INSERT INTO decisions (job_id, officer_id, from_team, to_team, decision) "
                "VALUES (?, ?, ?, ?, ?)",
                [(job_id, *move, decision) for move, decision in decisions.items()],
            )

    def decisions(self, job_id: int) -> dict[tuple[str, str, str], str]:
        rows = self._select("SELECT * FROM decisions WHERE job_id = ?", job_id)
        return {(r["officer_id"], r["from_team"], r["to_team"]): r["decision"] for r in rows}

    # ---- plumbing ----------------------------------------------------------------------
    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.folder / DATABASE, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            with db:
                yield db
        finally:
            db.close()

    def _select(self, query: str, *args: Any) -> list[sqlite3.Row]:
        with self._db() as db:
            return db.execute(query, args).fetchall()

    def _update(self, query: str, *args: Any) -> None:
        with self._db() as db:
            db.execute(query, args)


def _id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _upload(row: sqlite3.Row) -> Upload:
    return Upload(
        row["id"], row["name"], row["sha256"], row["size"], row["created"], json.loads(row["facts"])
    )


def _scenario(row: sqlite3.Row) -> Scenario:
    return Scenario(
        row["id"],
        row["upload_id"],
        row["name"],
        json.loads(row["changes"]),
        json.loads(row["rules"]),
        row["created"],
    )


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        scenario_id=row["scenario_id"],
        kind=row["kind"],
        state=row["state"],
        time_limit=row["time_limit"],
        workers=row["workers"],
        decisions_of=row["decisions_of"],
        pid=row["pid"],
        created=row["created"],
        finished=row["finished"],
        elapsed=row["elapsed"],
        solutions=row["solutions"],
        objective=row["objective"],
        bound=row["bound"],
        status=row["status"],
        message=row["message"],
        stop_requested=bool(row["stop_requested"]),
        summary=json.loads(row["summary"]) if row["summary"] else None,
        error=row["error"],
    )
