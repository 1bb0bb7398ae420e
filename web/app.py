"""The web application: `create_app` builds it; `roster serve` runs it with uvicorn.

Pages are rendered on the server (Jinja2); the only script polls a running job's
progress. The page never solves: jobs run in worker processes (`web.jobs`), and the store
(`web.store`) keeps uploads, scenarios and jobs in SQLite so that a restart loses nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from web import routes
from web.jobs import Runner
from web.security import Guard, WebConfig
from web.store import Store

HERE = Path(__file__).parent
log = logging.getLogger("roster.web")


def create_app(config: WebConfig) -> FastAPI:
    app = FastAPI(title="Police roster", docs_url=None, redoc_url=None, openapi_url=None)
    store = Store(config.data_dir)
    for leftover in store.incoming.iterdir():  # uploads being checked when the server stopped
        leftover.unlink()
    app.state.config = config
    app.state.store = store
    app.state.runner = Runner(store)
    app.state.templates = templates()
    app.include_router(routes.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(HTTPException, _not_found)
    app.add_exception_handler(RequestValidationError, _not_found)
    app.add_middleware(Guard, config=config)
    log.info("data folder %s", store.folder)
    return app


def templates() -> Jinja2Templates:
    engine = Jinja2Templates(directory=HERE / "templates")
    engine.env.filters.update(number=_number, percent=_percent, seconds=_seconds, decimal=_decimal)
    return engine


async def _not_found(request: Request, error: Exception) -> Response:
    """Unknown pages and ids (including ones that are not numbers) are simply not found."""
    status = getattr(error, "status_code", 404)
    if status == 405:
        return HTMLResponse("Method not allowed.", status_code=405)
    page = request.app.state.templates.TemplateResponse(
        request, "not_found.html", {"nav": routes.nav(request, None)}, status_code=404
    )
    return page


def _number(value: Any) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _percent(value: Any, places: int = 0) -> str:
    return "-" if value is None else f"{100 * value:.{places}f}%"


def _seconds(value: Any) -> str:
    return "-" if value is None else f"{value:.1f}s"


def _decimal(value: Any) -> str:
    return "-" if value is None else f"{value:.1f}"
