"""Starting, stopping and watching the solver workers from the web process.

Each job runs in its own process (`web.worker`), in a session of its own so that Ctrl-C
on the server's terminal does not stop a solve, and a solve started before the server
restarts still finishes and records its result. Stop is SIGINT, the solver's "stop and
keep the best found". A worker that died without recording its end (killed, out of
memory) is noticed when its job is next looked at.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from web.store import FAILED, Job, Store

WORKER_MODULE = "web.worker"
LOST = (
    "The solver process ended without recording a result (it was killed, or the machine "
    "restarted); start the job again."
)


class Runner:
    """The workers this web process started, and any it finds in the database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.children: dict[int, subprocess.Popen[bytes]] = {}

    def start(self, job_id: int) -> None:
        log = self.store.job_folder(job_id) / "worker.log"
        with log.open("ab") as output:
            child = subprocess.Popen(
                [sys.executable, "-m", WORKER_MODULE, str(self.store.folder), str(job_id)],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=self.store.folder,
                env={**os.environ, "PYTHONPATH": _import_path()},
            )
        self.children[job_id] = child
        self.store.set_pid(job_id, child.pid)

    def stop(self, job: Job) -> bool:
        """Ask a running job's worker to stop and keep the best found; False if it is not
        running (any more)."""
        job = self.refresh(job)
        if not job.running or job.pid is None:
            return False
        self.store.request_stop(job.id)
        os.kill(job.pid, signal.SIGINT)
        return True

    def refresh(self, job: Job) -> Job:
        """The job, marked failed if its worker is gone without a word."""
        if job.running and job.pid is not None and not self._alive(job):
            self.store.finish(job.id, FAILED, "lost", LOST)
            return self.store.job(job.id) or job
        return job

    def busy(self) -> Job | None:
        """A job still running, if any: one solve at a time on the borough's machine."""
        for job in self.store.jobs(state="running"):
            if self.refresh(job).running:
                return job
        return None

    def _alive(self, job: Job) -> bool:
        child = self.children.get(job.id)
        if child is not None:
            return child.poll() is None
        return _is_worker(job)


def _is_worker(job: Job) -> bool:
    """Whether the job's recorded process id is still its worker (not a process that was
    given the same number since)."""
    try:
        command = Path(f"/proc/{job.pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return WORKER_MODULE.encode() in command and str(job.id).encode() in command


def _import_path() -> str:
    """The worker imports this project however the server was started (installed, or from
    a checkout)."""
    root = str(Path(__file__).resolve().parent.parent)
    current = os.environ.get("PYTHONPATH")
    return root if not current else os.pathsep.join([root, current])
