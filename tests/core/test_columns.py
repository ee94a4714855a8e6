"""One text contract and one date contract for every column, however it was read."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from followup import columns, parsing

MIXED = [14.0, " Acme ", None, True, dt.datetime(2026, 11, 16), np.nan, pd.NaT, 5551234.0, 2.5]


def test_a_column_reads_as_text_the_way_the_cells_were_read() -> None:
    # A phone number or round typed as a number reads "14", never "14.0", whether the core
    # asks for a column of a frame or the parsers for a column of cells.
    frame = pd.DataFrame({"mixed": pd.Series(MIXED, dtype=object)})
    expected = ["14", "Acme", "", "Yes", "2026-11-16", "", "", "5551234", "2.5"]
    assert columns.text(frame, "mixed").tolist() == expected
    assert columns.as_text(frame["mixed"]).tolist() == expected
    assert columns.text(frame, "absent").tolist() == [""] * len(MIXED)


def test_keys_and_greetings_read_numbers_as_text_does() -> None:
    values = pd.Series([14.0, " 14 ", "Dr. Ada Okafor", None], dtype=object)
    assert columns.key(values).tolist() == ["14", "14", "dr. ada okafor", ""]
    assert columns.greeting_names(values).tolist() == ["14", "14", "Dr. Ada Okafor", "there"]


def test_dates_already_read_are_the_same_days_to_both_date_readers() -> None:
    values = pd.Series(
        [dt.datetime(2026, 11, 16, 8, 15), dt.date(2026, 11, 17), pd.Timestamp("2026-11-18"), None],
        dtype=object,
    )
    parsed, bad = parsing.dates(values)
    assert not bad.any()
    assert columns.dates(values).tolist() == parsed.tolist()
    assert columns.dates(values).dt.day.tolist()[:3] == [16, 17, 18]


@pytest.mark.parametrize(
    ("name", "words", "greeting"),
    [
        ("Dr. Ruth Okafor", ["Ruth", "Okafor"], "Dr. Ruth Okafor"),
        ("Dr Ruth Okafor", ["Ruth", "Okafor"], "Dr Ruth Okafor"),
        ("prof Ana Maria Gomez", ["Ana", "Maria", "Gomez"], "prof Ana Maria Gomez"),
        ("Mrs. Ms. Jo Park", ["Jo", "Park"], "Mrs. Ms. Jo Park"),
        ("Drew Barry", ["Drew", "Barry"], "Drew"),
        ("Miss", ["Miss"], "Miss"),
    ],
)
def test_a_title_before_a_name_is_no_first_name(name: str, words: list[str], greeting: str) -> None:
    assert columns.untitled(name) == words
    assert columns.greeting_name(name) == greeting
