"""Business days: rolling dates forward past weekends and public holidays.

Holidays come from the maintained ``holidays`` library; the rolling itself is numpy's
business-day arithmetic, so a whole column of dates rolls in one call.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup.settings import Settings

if TYPE_CHECKING:  # the holiday library loads only when Settings names a country
    from holidays import HolidayBase

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
    calendar = _country_calendar(country)
    return calendar is not None and (region is None or region in calendar.subdivisions)


@lru_cache(maxsize=64)
def _country_calendar(country: str) -> type[HolidayBase] | None:
    """The holiday library's calendar class for a country code (or its aliases such as USA,
    UK), None when the library knows no such country."""
    found = _one_country(country)
    if found is not None:
        return found
    import holidays

    try:
        return type(holidays.country_holidays(country))
    except NotImplementedError:
        return None


def _one_country(country: str) -> type[HolidayBase] | None:
    """The calendar class from that one country's module, or None to use the public lookup.

    The public lookup (`holidays.country_holidays`) imports the package of all ~250 country
    modules, 0.1-0.3 s, to use one. The library's registry names each country's module, so
    that module alone is loaded (and the library's own package module waits, see
    `_package_on_demand`); anything unexpected falls back to the public lookup."""
    try:
        _package_on_demand("holidays")
        from holidays.registry import COUNTRIES

        module_name, class_name = next(
            (module, names[0]) for module, names in COUNTRIES.items() if country in names[1:]
        )
        name = f"holidays.countries.{module_name}"
        module = sys.modules.get(name)
        if module is None:
            package = importlib.util.find_spec("holidays.countries")  # not executed
            locations = package.submodule_search_locations if package else None
            spec = importlib.machinery.PathFinder.find_spec(name, locations)
            if spec is None or spec.loader is None:
                return None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
        found = getattr(module, class_name)
    except Exception:  # an unknown code, or a library laid out otherwise: the public lookup
        return None
    return found if isinstance(found, type) else None


def _package_on_demand(name: str) -> None:
    """Let the modules of package `name` load without running the package's own module
    until one of its names is asked for (then it runs, as `import name` would have).

    The holiday library's package module reads the library's version from its installed
    metadata (which imports importlib.metadata and the email package) and registers every
    country: some 20 ms that one country's calendar does not need. A package already
    imported, or not found, is left as it is."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)  # a top-level name: nothing is run
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def run_package(attribute: str) -> object:
        del package.__dict__["__getattr__"]
        loader.exec_module(package)
        return getattr(package, attribute)

    package.__dict__["__getattr__"] = run_package  # a module's own __getattr__ (PEP 562)
    sys.modules[name] = package


@lru_cache(maxsize=256)
def _holidays_of_year(code: str, year: int) -> tuple[np.datetime64, ...]:
    country, region = _split(code)
    calendar = _country_calendar(country)
    if calendar is None:
        raise ValueError(f"unknown holiday country code {code!r}")
    days = calendar(subdiv=region, years=year)
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
        return _calendar(settings.skip_weekends, settings.holidays)

    def holidays_between(self, first_year: int, last_year: int) -> np.ndarray:
        return _holidays_between(self.country, first_year, last_year)

    def roll(self, dates: pd.Series) -> pd.Series:
        """Each date, or the next working day after it; NaT stays NaT."""
        values = pd.to_datetime(dates).to_numpy(dtype="datetime64[D]")
        out = self.roll_days(values)
        return pd.Series(out.astype("datetime64[ns]"), index=dates.index, name=dates.name)

    def roll_days(self, days: np.ndarray) -> np.ndarray:
        """``roll`` of numpy days (datetime64[D], NaT stays NaT), as an array of days: for
        callers that time a chain of steps on whole columns without building a Series each."""
        valid = ~np.isnat(days)
        out = days.copy()
        if valid.any():
            years = days[valid].astype("datetime64[Y]").astype(int) + 1970
            # A roll from late December can land in January, so take the next year too.
            free = self.holidays_between(int(years.min()), int(years.max()) + 1)
            out[valid] = np.busday_offset(
                days[valid], 0, roll="forward", weekmask=self.weekmask, holidays=free
            )
        return out


# One refresh plans with the same calendar a dozen times: it is made, and its holidays
# gathered, once. Neither is changed after it is made.
@lru_cache(maxsize=16)
def _calendar(skip_weekends: bool, country: str) -> BusinessCalendar:
    return BusinessCalendar(skip_weekends, country)


@lru_cache(maxsize=64)
def _holidays_between(country: str, first_year: int, last_year: int) -> np.ndarray:
    if not country:
        days: list[np.datetime64] = []
    else:
        days = [d for y in range(first_year, last_year + 1) for d in _holidays_of_year(country, y)]
    found = np.array(days, dtype="datetime64[D]")
    found.flags.writeable = False
    return found
