"""The user's Settings, typed, with the defaults of the schema."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from followup.schema import SETTINGS


@dataclass(frozen=True)
class Settings:
    your_name: str = ""
    default_decision_days: int = 14
    skip_weekends: bool = True
    holidays: str = ""
    status_call_time: dt.time = dt.time(16, 0)
    reiterate_email_days: int = 7
    reiterate_call_days: int = 7
    still_available_days: int = 14
    update_email_days: int = 14
    check_in_days: int = 45
    response_grace_days: int = 7
    network_update_days: int = 14
    glow_days: int = 2
    weekly_search_target: int = 10
    application_follow_up_days: int = 7
    application_follow_ups: int = 2
    work_search_required: int = 3
    date_order: str = ""  # MDY, DMY, YMD, or "" to infer per column

    @property
    def call_time_text(self) -> str:
        """The status call time as people write it: 4:00 PM."""
        hour = self.status_call_time.hour % 12 or 12
        suffix = "AM" if self.status_call_time.hour < 12 else "PM"
        return f"{hour}:{self.status_call_time.minute:02d} {suffix}"


# The dataclass and the schema must describe the same settings.
assert {f.name for f in fields(Settings)} == {s.key for s in SETTINGS}
