"""followup: turn a job seeker's Excel tracker into a weekly follow-up plan."""


def __getattr__(name: str) -> str:
    # Looked up only when asked for: importing importlib.metadata costs every run ~50 ms.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("followup")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'followup' has no attribute {name!r}")
