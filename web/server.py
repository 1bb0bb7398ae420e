"""`roster serve`: run the web application with uvicorn.

Logs carry request lines (paths hold only numbers of uploads, scenarios and jobs) and the
application's own notes (ids and counts); never an officer's name.
"""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn

from web.app import create_app
from web.security import config_for


def serve(host: str, port: int, data_dir: Path, max_upload_mb: float) -> None:
    """Start the page and block until Ctrl-C; `ServeRefused` when the settings are unsafe."""
    config = config_for(host, data_dir, max_upload_mb, os.environ)
    app = create_app(config)
    print(f"Serving the roster web page on http://{_shown(host)}:{port}/ (Ctrl-C stops it).")
    print(f"Data folder: {config.data_dir.resolve()}")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
