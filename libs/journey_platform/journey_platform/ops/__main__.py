from journey_platform.ops.cli import app

app(prog_name="python -m journey_platform.ops")
