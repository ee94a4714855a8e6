"""followup: turn a job seeker's Excel tracker into a weekly follow-up plan."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("followup")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
