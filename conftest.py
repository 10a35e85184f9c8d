pytest_plugins = ["journey_platform.testing.plugin"]
