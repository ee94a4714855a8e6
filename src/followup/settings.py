"""The user's Settings, typed, with the defaults of the schema read as the reader reads a
value typed into the Settings sheet, so the schema is the one place a default is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from followup import columns, parsing
from followup.schema import SETTINGS, Kind, Setting


def setting_value(setting: Setting, cell: pd.Series) -> object:
    """The value of `setting` typed in the one-cell Series `cell`, as its field holds it
    (int, bool, time or text); None when the cell does not hold one (SPEC section 3)."""
    kind = setting.kind
    if kind is Kind.WHOLE_DAYS:
        number, bad = parsing.whole_numbers(cell)
        return None if bad.iloc[0] else int(number.iloc[0])
    if kind is Kind.YES_NO:
        answer, bad = parsing.yes_no(cell)
        return None if bad.iloc[0] else answer.iloc[0] == "Yes"
    if kind is Kind.TIME:
        return parsing.time_of_day(cell.iloc[0])
    if setting.choices:
        choice, bad = parsing.choices(cell, setting.choices)
        return None if bad.iloc[0] else choice.iloc[0]
    return columns.as_text(cell).iloc[0]


def _default(key: str) -> Any:
    """The schema's default of the setting `key`, as the reader reads it from a cell."""
    setting = next(s for s in SETTINGS if s.key == key)
    value = setting_value(setting, pd.Series([setting.default], dtype=object))
    if value is None:
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
