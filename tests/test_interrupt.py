"""Ctrl-C during a solve stops the search and still writes the best roster, checked."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from constraints.registry import catalogue
from constraints.report import check_roster
from demo.borough import generate_borough
from inputs.roster_reader import read_roster
from outputs.input_workbook import write_input_workbook

WAIT_FOR_A_ROSTER = 120.0
"""The longest wait for the first roster, however loaded the machine; Ctrl-C follows it."""


def test_ctrl_c_keeps_the_best_roster(tmp_path: Path) -> None:
    problem = generate_borough(120, seed=3)
    source, output = tmp_path / "in.xlsx", tmp_path / "roster.xlsx"
    write_input_workbook(source, problem, catalogue())
    command = [sys.executable, "-m", "app", "solve", str(source), "-o", str(output)]
    process = subprocess.Popen(
        [*command, "--time-limit", "150", "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + WAIT_FOR_A_ROSTER
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if not line or line.startswith("First roster found"):
            break
    assert lines[-1].startswith("First roster found"), "".join(lines)
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=120)
    text = "".join(lines) + rest
    assert process.returncode == 0, text
    assert "stopped by Ctrl-C" in text
    report = check_roster(problem, read_roster(output, problem))
    assert report.hard_violations == 0
