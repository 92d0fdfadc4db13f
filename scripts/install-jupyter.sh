#!/bin/sh
# The Jupyter test's Python: a venv in .venv-jupyter/ with JupyterLab, Notebook 7 and anywidget from
# PyPI, and the widget's package from ./python (its front end built first by `make widget`).
# Reinstalls the package each time (the built widget.js changes), the rest only once.
set -eu
cd "$(dirname "$0")/.."
VENV=.venv-jupyter
if [ ! -x "$VENV/bin/jupyter-lab" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet 'jupyterlab>=4,<5' 'notebook>=7,<8' 'anywidget>=0.9' numpy
fi
"$VENV/bin/pip" install --quiet --force-reinstall --no-deps ./python
