"""Fixtures of the merge and check tests; the builders they use are in packages.py."""

from __future__ import annotations

import pytest

from tests.writer.packages import TRACKERS


@pytest.fixture(params=sorted(TRACKERS))
def tracker(request: pytest.FixtureRequest) -> bytes:
    """A small tracker as XlsxWriter and as openpyxl write one."""
    return TRACKERS[request.param]()
