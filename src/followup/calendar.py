"""Business days: rolling dates forward past weekends and public holidays.

Holidays come from the maintained ``holidays`` library; the rolling itself is numpy's
business-day arithmetic, so a whole column of dates rolls in one call.
"""

from __future__ import annotations

from functools import lru_cache

import holidays as holiday_data
import numpy as np
import pandas as pd

from followup.settings import Settings

_ALL_DAYS = "1111111"
_WEEKDAYS = "1111100"


def _split(code: str) -> tuple[str, str | None]:
    """ "US" -> ("US", None); "US-CA" -> ("US", "CA"): a country and an optional region."""
    country, _, region = code.strip().upper().partition("-")
    return country, (region or None)


def known_country(code: str) -> bool:
    """Whether ``code`` names a country (optionally ``CC-REGION``) with known public holidays.

    Blank is not a country: callers treat a blank setting as "no holidays".
    """
    country, region = _split(code)
    try:
        # Asks for that one country; its subdivisions come with it. (The library loads all
        # its country modules on first use, about 0.1 s, whichever country is asked for.)
        calendar = holiday_data.country_holidays(country)
    except NotImplementedError:
        return False
    return region is None or region in calendar.subdivisions


@lru_cache(maxsize=256)
def _holidays_of_year(code: str, year: int) -> tuple[np.datetime64, ...]:
    country, region = _split(code)
    days = holiday_data.country_holidays(country, subdiv=region, years=year)
    return tuple(np.datetime64(day, "D") for day in sorted(days))


class BusinessCalendar:
    """Rolls dates forward to the next working day.

    Weekends are skipped when ``skip_weekends``; the public holidays of ``country`` (a code
    such as US, GB, DE, or US-CA for a region) are skipped always. Raises ``ValueError``
    for a country the holiday library does not know.
    """

    def __init__(self, skip_weekends: bool = True, country: str = "") -> None:
        self.country = country.strip().upper()
        if self.country and not known_country(self.country):
            raise ValueError(f"unknown holiday country code {country!r}")
        self.weekmask = _WEEKDAYS if skip_weekends else _ALL_DAYS

    @classmethod
    def from_settings(cls, settings: Settings) -> BusinessCalendar:
        return cls(settings.skip_weekends, settings.holidays)

    def holidays_between(self, first_year: int, last_year: int) -> np.ndarray:
        if not self.country:
            return np.array([], dtype="datetime64[D]")
        days = [
            d for y in range(first_year, last_year + 1) for d in _holidays_of_year(self.country, y)
        ]
        return np.array(days, dtype="datetime64[D]")

    def roll(self, dates: pd.Series) -> pd.Series:
        """Each date, or the next working day after it; NaT stays NaT."""
        values = pd.to_datetime(dates).to_numpy(dtype="datetime64[D]")
        valid = ~np.isnat(values)
        out = values.copy()
        if valid.any():
            years = values[valid].astype("datetime64[Y]").astype(int) + 1970
            # A roll from late December can land in January, so take the next year too.
            free = self.holidays_between(int(years.min()), int(years.max()) + 1)
            out[valid] = np.busday_offset(
                values[valid], 0, roll="forward", weekmask=self.weekmask, holidays=free
            )
        return pd.Series(out.astype("datetime64[ns]"), index=dates.index, name=dates.name)
