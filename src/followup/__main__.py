from followup.cli import run

run()
