"""Suite-wide hooks."""

from __future__ import annotations

import shutil

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip every test marked `soffice` when LibreOffice is not installed: one rule, so a
    new LibreOffice test needs only the marker."""
    if shutil.which("soffice") is not None:
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed")
    for item in items:
        if item.get_closest_marker("soffice") is not None:
            item.add_marker(skip)
