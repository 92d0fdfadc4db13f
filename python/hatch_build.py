"""Stops a build without the widget's front end (it is built from the repository, not kept in git)."""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

WIDGET = Path("neural_kitchen") / "static" / "widget.js"


class WidgetModuleCheck(BuildHookInterface):
    def initialize(self, version, build_data):
        if not (Path(self.root) / WIDGET).is_file():
            raise RuntimeError(
                f"{WIDGET} is missing: run `make widget` in the repository first "
                "(it bundles the page, the wasm and the data into that file), then `pip install ./python`"
            )
