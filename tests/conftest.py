"""Suite-wide hooks."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import settings

# Speed is measured by benchmarks/, never asserted by a test: hypothesis's per-example
# deadline would make a property test fail on a busy machine, not on a wrong answer.
settings.register_profile("followup", deadline=None)
settings.load_profile("followup")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip every test marked `soffice` when LibreOffice is not installed: one rule, so a
    new LibreOffice test needs only the marker."""
    if shutil.which("soffice") is not None:
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed")
    for item in items:
        if item.get_closest_marker("soffice") is not None:
            item.add_marker(skip)
