"""The docs must keep up with the code: every setting and every command is documented."""

import tomllib

from conftest import ROOT

from newsgraph.cli.main import app, eval_app
from newsgraph.settings import DEFAULTS_FILE


def settings_keys(data, prefix=""):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from settings_keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text()
    keys = list(settings_keys(tomllib.loads(DEFAULTS_FILE.read_text())))
    missing = [k for k in keys if f"`{k}`" not in doc]
    assert keys and not missing, f"settings missing from docs/settings.md: {missing}"


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [f"eval {c.name or c.callback.__name__}" for c in eval_app.registered_commands]
    missing = [n for n in names if f"newsgraph {n}" not in readme]
    assert names and not missing, f"commands missing from README.md: {missing}"
