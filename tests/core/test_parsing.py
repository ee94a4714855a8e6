"""Reading cell values: every spelling a user or another tool may leave in a cell."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followup import columns, parsing

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@given(days, st.sampled_from(["date", "datetime", "iso", "iso-time", "padded"]))
def test_any_spelling_of_a_date_reads_as_that_day(day: dt.date, form: str) -> None:
    value = {
        "date": day,
        "datetime": dt.datetime(day.year, day.month, day.day, 17, 45),
        "iso": day.isoformat(),
        "iso-time": f"{day.isoformat()} 09:30",
        "padded": f"  {day.isoformat()} ",
    }[form]
    parsed, bad = parsing.dates(pd.Series([value], dtype=object))
    assert not bad.iloc[0]
    assert parsed.iloc[0] == pd.Timestamp(day)


@given(
    st.integers(1, 400), st.sampled_from(["d", "day", "days", "w", "week", "weeks", "W", "Days"])
)
def test_durations_count_days_or_weeks(n: int, unit: str) -> None:
    for text in (f"{n}{unit}", f"{n} {unit}"):
        expected = n * 7 if unit.lower().startswith("w") else n
        assert parsing.durations(pd.Series([text], dtype=object)).iloc[0] == expected


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz /.", min_size=1, max_size=12))
def test_words_are_never_dates(text: str) -> None:
    parsed, bad = parsing.dates(pd.Series([text], dtype=object))
    assert parsed.isna().iloc[0]
    assert bad.iloc[0] == bool(text.strip())


@given(st.sampled_from(["Sent", "Received"]), st.sampled_from([str.lower, str.upper, str.title]))
def test_choices_match_whatever_the_case(choice: str, spell: object) -> None:
    typed = spell(f" {choice} ")  # type: ignore[operator]
    parsed, bad = parsing.choices(pd.Series([typed], dtype=object), ("Sent", "Received"))
    assert (parsed.iloc[0], bad.iloc[0]) == (choice, False)


def test_text_that_looks_like_missing_stays_text() -> None:
    values = pd.Series(["NA", "None", "n/a", "", None, 5551234.0], dtype=object)
    assert columns.as_text(values).tolist() == ["NA", "None", "n/a", "", "", "5551234"]
    assert parsing.blank(values).tolist() == [False, False, False, True, True, False]


def test_done_marks() -> None:
    as_of = pd.Timestamp("2026-11-24")
    values = pd.Series(["x", "X", "✓", "2026-11-20", dt.datetime(2026, 11, 21), "", "maybe"])
    parsed, bad = parsing.done_marks(values.astype(object), as_of)
    assert parsed.tolist()[:5] == [
        as_of,
        as_of,
        as_of,
        pd.Timestamp("2026-11-20"),
        pd.Timestamp("2026-11-21"),
    ]
    assert parsed.isna().tolist()[5:] == [True, True]
    assert bad.tolist() == [False] * 6 + [True]


def test_times_of_day() -> None:
    spelled = {
        "4:00 PM": (16, 0),
        "16:00": (16, 0),
        "4pm": (16, 0),
        "9.30 am": (9, 30),
        0.75: (18, 0),
    }
    for text, (hour, minute) in spelled.items():
        assert parsing.time_of_day(text) == dt.time(hour, minute)
    assert parsing.time_of_day("13 PM") is None
    assert parsing.time_of_day("teatime") is None


_CELLS = st.sampled_from(
    [
        "",
        "   ",
        "N/A",
        " tbd ",
        "-",
        " Acme ",
        "2026-11-02",
        14.0,
        3,
        2.5,
        True,
        None,
        float("nan"),
        dt.datetime(2026, 11, 2),
        dt.datetime(2026, 11, 2, 9, 30),
        dt.date(2026, 1, 5),
    ]
)


@given(st.integers(0, 6).flatmap(lambda n: st.lists(st.lists(_CELLS, min_size=n, max_size=n))))
def test_a_sheet_trimmed_at_once_reads_as_each_column_alone(grid: list[list[object]]) -> None:
    cells_by_key = {}
    for at, cells in enumerate(grid):
        column = pd.Series(cells, dtype=object)
        cells_by_key[f"c{at}"] = column.to_numpy(dtype=object)
    trimmed = parsing.trimmed(cells_by_key)
    for key, cells in cells_by_key.items():
        column = pd.Series(cells, dtype=object)
        if parsing.all_dates(column):
            assert trimmed.text[key] is None
            assert not trimmed.blank[key].any() and not trimmed.placeholder[key].any()
            continue
        text = columns.as_text(column)
        assert list(trimmed.text[key]) == list(text)
        placeholder = parsing.placeholders(text)
        assert list(trimmed.placeholder[key]) == list(placeholder)
        assert list(trimmed.blank[key]) == list(parsing.blank(column, text) | placeholder)


def _spelled(day: dt.date, form: int) -> object:
    return [
        day,
        dt.datetime(day.year, day.month, day.day),
        dt.datetime(day.year, day.month, day.day, 23, 59),
        f" {day.isoformat()} ",
        f"{day.isoformat()}T08:15",
        f"{day:%b} {day.day}, {day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.month}/{day.day}/{day:%y}",
    ][form]


# Blank cells as the reader gives them (""); no date, far years, words, an Excel serial.
_ODD = st.sampled_from(
    [
        *("", "  ", "N/A", "soon", "Nov 16", "2026-02-30", "9999-12-31", "2620-11-02"),
        *(dt.datetime(9999, 12, 31), dt.date(1899, 12, 31), dt.datetime(2620, 11, 2), 45000.0),
    ]
)


@given(st.lists(st.one_of(st.tuples(days, st.integers(0, 8)).map(lambda t: _spelled(*t)), _ODD)))
def test_a_cell_in_a_mixed_column_reads_as_it_reads_alone(cells: list[object]) -> None:
    column = pd.Series(cells, index=range(5, 5 + len(cells)), dtype=object)
    parsed, bad = parsing.dates(column, order=parsing.MDY)
    for at, cell in zip(column.index, cells, strict=True):
        alone, alone_bad = parsing.dates(pd.Series([cell], dtype=object), order=parsing.MDY)
        assert (parsed[at], bad[at]) == (alone.iloc[0], alone_bad.iloc[0]) or (
            pd.isna(parsed[at]) and pd.isna(alone.iloc[0]) and bad[at] == alone_bad.iloc[0]
        )
    assert parsed.dtype == "datetime64[ns]"


def test_no_date_is_blank_and_a_far_year_is_bad_however_typed() -> None:
    cells = ["9999-12-31", dt.datetime(9999, 12, 31), dt.date(9999, 12, 31), "2620-11-02"]
    cells += [dt.datetime(2620, 11, 2), dt.date(1899, 12, 31), "1899-12-31", "2199-12-31"]
    parsed, bad = parsing.dates(pd.Series(cells, dtype=object))
    assert parsed.isna().tolist() == [True] * 7 + [False]
    assert parsed.iloc[-1] == pd.Timestamp("2199-12-31")
    assert bad.tolist() == [False, False, False, True, True, True, True, False]


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["%d %b", "%b %d", "%d %B", "%B %d", "%b %d,", "%d-%b", "%A %d %B"]),
)
def test_a_day_and_month_without_a_year_is_told_apart_from_other_text(
    day: dt.date, form: str
) -> None:
    """ "8 Dec", "Nov 10", "20 November" (10a of trial T): a date but for its year."""
    typed = day.strftime(form)
    assert parsing.without_year(typed)
    assert not parsing.without_year(day.strftime(form) + day.strftime(" %Y"))
    assert parsing.dates(pd.Series([typed], dtype=object))[1].iloc[0]  # still no date


def test_text_that_is_no_day_and_month_is_not_taken_for_one() -> None:
    for text in ("sent it", "Monday", "December", "8/12", "12.8", "x", "", "next week", "8"):
        assert not parsing.without_year(text), text
