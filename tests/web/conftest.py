"""Fixtures of the web tests: small workbooks and a test client on a fresh data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from constraints.posting.registry import catalogue as posting_catalogue
from constraints.registry import catalogue
from demo.posting import PostingBorough, posting_borough
from inputs.problem import ProblemData
from outputs.input_workbook import write_input_workbook
from web.app import create_app
from web.security import WebConfig

BASE_URL = "http://localhost"


def client_for(data: Path, **settings: object) -> TestClient:
    return TestClient(create_app(WebConfig(data, **settings)), base_url=BASE_URL)  # type: ignore[arg-type]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def client(data_dir: Path) -> Iterator[TestClient]:
    with client_for(data_dir) as test_client:
        yield test_client


@pytest.fixture
def small_workbook(tmp_path: Path, small_borough: ProblemData) -> Path:
    """The small borough (15 officers, two weeks) as an input workbook."""
    path = tmp_path / "small.xlsx"
    write_input_workbook(path, small_borough, catalogue(), posting_catalogue())
    return path


@pytest.fixture(scope="session")
def panel_borough() -> PostingBorough:
    return posting_borough(60, seed=0)


@pytest.fixture(scope="session")
def panel_workbook(tmp_path_factory: pytest.TempPathFactory, panel_borough: PostingBorough) -> Path:
    """A generated borough of about 60 officers for the posting panel (named officers)."""
    path = tmp_path_factory.mktemp("panel") / "panel.xlsx"
    write_input_workbook(path, panel_borough.problem, catalogue(), posting_catalogue())
    return path
