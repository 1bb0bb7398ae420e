"""Writing workbooks safely: a temporary file in the same folder, then one rename.

A crash or Ctrl-C half-way through never leaves a half-written workbook where
the resource manager expects a roster, and never touches an existing one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook


def save_atomically(book: Workbook, path: Path) -> None:
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=".xlsx.tmp", dir=path.parent
    )
    os.close(handle)
    try:
        book.save(temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    """The process umask (mkstemp makes owner-only files; outputs are shared documents)."""
    current = os.umask(0)
    os.umask(current)
    return current
