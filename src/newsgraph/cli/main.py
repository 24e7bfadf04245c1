"""The `newsgraph` command: a thin layer over plain library functions.

Each command parses its flags, calls one library function and prints the result; no logic
lives here that a Python user could not reach.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
eval_app = typer.Typer(no_args_is_help=True, help="Score newsgraph against gold data.")
app.add_typer(eval_app, name="eval")

ConfigOpt = typer.Option(None, "--config", help="TOML file overriding settings.toml", exists=True)


def options_from(config: Optional[Path]):
    from ..settings import load_options

    return load_options(config)


if __name__ == "__main__":
    app()
