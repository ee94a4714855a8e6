"""Regenerate samples/tracker.xlsx (Jordan Lee's tracker, dated around 2026-11-23)."""

from pathlib import Path

from followup.sample import write_sample

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "samples" / "tracker.xlsx"
    target.unlink(missing_ok=True)
    write_sample(target)
    print(f"wrote {target}")
