"""The user's Settings, typed, with the defaults of the schema read as the reader reads a
value typed into the Settings sheet, so the schema is the one place a default is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from followup import columns, parsing
from followup.schema import SETTINGS, Kind, Setting


def setting_values(typed: Sequence[tuple[Setting, object]]) -> list[object]:
    """The value of each setting typed in the cell beside it (the cell's raw value), as its
    field holds it (int, bool, time or text); None where the cell does not hold one (SPEC
    section 3). The cells of one kind of setting are read as one column."""
    kinds: dict[tuple[Kind, tuple[str, ...]], list[int]] = {}
    for at, (setting, _value) in enumerate(typed):
        kinds.setdefault((setting.kind, setting.choices), []).append(at)
    out: list[object] = [None] * len(typed)
    for (kind, choices), ats in kinds.items():
        column = pd.Series([typed[at][1] for at in ats], dtype=object)
        for at, value in zip(ats, _read(kind, choices, column), strict=True):
            out[at] = value
    return out


def _read(kind: Kind, choices: tuple[str, ...], column: pd.Series) -> list[object]:
    if kind is Kind.WHOLE_DAYS:
        number, bad = parsing.whole_numbers(column)
        return [None if b else int(n) for n, b in zip(number, bad, strict=True)]
    if kind is Kind.YES_NO:
        answer, bad = parsing.yes_no(column)
        return [None if b else a == "Yes" for a, b in zip(answer, bad, strict=True)]
    if kind is Kind.TIME:
        return [parsing.time_of_day(value) for value in column]
    if choices:
        choice, bad = parsing.choices(column, choices)
        return [None if b else c for c, b in zip(choice, bad, strict=True)]
    return list(columns.as_text(column))


# Every default read as the reader reads a cell, all at once.
_DEFAULTS = dict(
    zip(
        (s.key for s in SETTINGS),
        setting_values([(s, s.default) for s in SETTINGS]),
        strict=True,
    )
)


def _default(key: str) -> Any:
    """The schema's default of the setting `key`, as the reader reads it from a cell."""
    value = _DEFAULTS[key]
    if value is None:
        setting = next(s for s in SETTINGS if s.key == key)
        raise ValueError(f"the schema's default of {setting.name} does not read as one")
    return value


@dataclass(frozen=True)
class Settings:
    your_name: str = _default("your_name")
    default_decision_days: int = _default("default_decision_days")
    skip_weekends: bool = _default("skip_weekends")
    holidays: str = _default("holidays")
    status_call_time: dt.time = _default("status_call_time")
    reiterate_email_days: int = _default("reiterate_email_days")
    reiterate_call_days: int = _default("reiterate_call_days")
    still_available_days: int = _default("still_available_days")
    update_email_days: int = _default("update_email_days")
    check_in_days: int = _default("check_in_days")
    response_grace_days: int = _default("response_grace_days")
    network_update_days: int = _default("network_update_days")
    glow_days: int = _default("glow_days")
    weekly_search_target: int = _default("weekly_search_target")
    application_follow_up_days: int = _default("application_follow_up_days")
    application_follow_ups: int = _default("application_follow_ups")
    work_search_required: int = _default("work_search_required")
    date_order: str = _default("date_order")  # MDY, DMY, YMD, or "" to infer per column

    @property
    def call_time_text(self) -> str:
        """The status call time as people write it: 4:00 PM."""
        hour = self.status_call_time.hour % 12 or 12
        suffix = "AM" if self.status_call_time.hour < 12 else "PM"
        return f"{hour}:{self.status_call_time.minute:02d} {suffix}"


# Every setting of the schema is a field, and every field a setting of the schema.
if {f.name for f in fields(Settings)} != {s.key for s in SETTINGS}:
    raise ImportError("Settings and schema.SETTINGS name different settings")
