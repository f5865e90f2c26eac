"""`app`: start the browser app from wherever the package is installed (no checkout needed)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import click

from cli.main import Context, main


def app_script() -> Path:
    """The installed `app.py` (the router), found without importing it: importing it would run Streamlit."""
    spec = importlib.util.find_spec("app")
    script = Path(spec.origin) if spec and spec.origin else None
    if script is None or not (script.parent / "app_pages").is_dir():
        raise click.ClickException("the app's files (app.py and app_pages/) are not installed beside each other; "
                                   "re-install cluster-explorer, or run `streamlit run app.py` in a checkout")
    return script


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", default=8501, show_default=True, help="Port to serve on (127.0.0.1 only).")
@click.argument("streamlit_options", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def app(obj: Context, port: int, streamlit_options: tuple[str, ...]) -> None:
    """Start the browser app (streamlit run on the installed app.py, warmed up); extra options go to Streamlit."""
    env = {**os.environ, "CLUSTER_EXPLORER_DB": str(obj.settings.db_path.resolve()),
           "CLUSTER_EXPLORER_QUERIES": str(obj.settings.user_queries_dir.resolve())}
    # app_pages.serve: the store's server starts and the modules import while Streamlit starts (see its docstring)
    command = [sys.executable, "-m", "app_pages.serve", str(app_script()), "--server.address", "127.0.0.1",
               "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "viewer",  # as `./dev run`: no Streamlit "Deploy" button for a user
               *streamlit_options]
    os.execve(sys.executable, command, env)  # Streamlit takes this process's place: Ctrl-C and signals reach it
