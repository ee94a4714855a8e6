"""Settings defaults (SPEC section 3): written once, in the schema; a new tracker's Settings
sheet, a tracker without one and a blank value all read as the same values."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import pandas as pd
import pytest

from followup import operations
from followup.schema import SETTINGS, Kind
from followup.settings import Settings
from tests.workbooks import ACME, tracker

AS_OF = pd.Timestamp("2026-11-23")


def test_a_new_tracker_reads_back_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    operations.init(path)
    assert operations.load(path, AS_OF).tracker.settings == Settings()


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_each_default_typed_in_the_sheet_reads_as_the_default(tmp_path: Path, writer: str) -> None:
    typed = {s.name: s.default for s in SETTINGS if s.default != ""}
    path = tracker(tmp_path / "t.xlsx", [ACME], settings=typed, writer=writer)
    loaded = operations.load(path, AS_OF)
    assert loaded.problems == []
    assert loaded.tracker.settings == Settings()


def test_a_settings_sheet_with_no_values_takes_the_defaults(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME])
    assert operations.load(path, AS_OF).tracker.settings == Settings()


def test_every_default_has_its_field_s_type_and_shows_as_the_schema_writes_it() -> None:
    defaults, hints = Settings(), typing.get_type_hints(Settings)
    for field in dataclasses.fields(Settings):
        assert isinstance(getattr(defaults, field.name), hints[field.name]), field.name
    by_kind = {s.kind: s for s in SETTINGS}
    assert defaults.call_time_text == by_kind[Kind.TIME].default
    for setting in SETTINGS:
        value = getattr(defaults, setting.key)
        if setting.kind is Kind.YES_NO:
            assert ("Yes" if value else "No") == setting.default
        else:
            assert str(value) == str(setting.default) or setting.kind is Kind.TIME
