"""The NeuralKitchen widget: the page's app in a notebook's output (anywidget), its front end the
bundled static/widget.js (www/embed/jupyter-widget.js in the repository).

Traits shared with the front end: `preset`, `views`, `controls`, `counters` (choose the app; a
change mounts it again), `lang`, `config` (both ways: setting it from Python applies the settings
that differ, as `handle.setConfig` does; a refused one leaves the cook as it was, the trait comes
back to the running config and `error` names the setting), `metrics` (from the front end, at each
epoch's end, a pause, a reset, a new cook, a finished `step(n)` and every quarter second while
training) and the weights (the same, except the quarter seconds of play).
`play()`, `pause()` and `step(n)` are messages: the front end answers after the cell has run, so a
later cell reads what they did.
"""

import uuid
from pathlib import Path

import anywidget
import numpy as np
import traitlets

WIDGET_MODULE = Path(__file__).parent / "static" / "widget.js"
MAX_STEPS = 100000


def _front_end():
    if not WIDGET_MODULE.is_file():
        raise RuntimeError(
            f"{WIDGET_MODULE} is missing: run `make widget` in the repository, then `pip install ./python`"
        )
    return WIDGET_MODULE


class NeuralKitchen(anywidget.AnyWidget):
    """A live Neural Kitchen: `NeuralKitchen(preset='xor', views=['boundary', 'loss'])`.

    preset: a recipe name (xor, spiral, digits-cnn, names-gpt, ...); views, controls, counters:
    lists of names (docs/embedding.md; empty: the embed's defaults); lang: 'en' or 'zh'; config:
    settings by their link names, e.g. {'learningRate': 0.1, 'speed': 'fast'}.
    """

    _esm = _front_end()

    preset = traitlets.Unicode("spiral").tag(sync=True)
    views = traitlets.List(traitlets.Unicode()).tag(sync=True)
    controls = traitlets.List(traitlets.Unicode()).tag(sync=True)
    counters = traitlets.List(traitlets.Unicode()).tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
    config = traitlets.Dict().tag(sync=True)
    # From the front end only: {epoch, step, nextPhase, lastPhase, trainLoss, testLoss,
    # trainAccuracy, testAccuracy}.
    metrics = traitlets.Dict(read_only=True).tag(sync=True, echo_update=False)
    # The last call's refusal ('' after one that worked): a bad setting, step count or option.
    error = traitlets.Unicode("", read_only=True).tag(sync=True, echo_update=False)
    # Tells the front end this widget apart from others (a second output of it shows a note).
    _instance = traitlets.Unicode(read_only=True).tag(sync=True)
    # [{name, shape, values: float32 bytes}], read through `weights`.
    _weights = traitlets.List(read_only=True).tag(sync=True, echo_update=False)

    def __init__(self, preset="spiral", **kwargs):
        super().__init__(preset=preset, **kwargs)

    @traitlets.default("_instance")
    def _new_instance(self):
        return uuid.uuid4().hex

    def play(self):
        """Trains on, drawing, until pause() (or the cook has learned, unless config
        pauseLearned is False)."""
        self.send({"type": "play"})

    def pause(self):
        """Stops playing, or a running step(n)."""
        self.send({"type": "pause"})

    def step(self, n=1):
        """Runs n whole training steps (1 to 100000) in the front end's worker."""
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_STEPS:
            raise ValueError(f"step(n): n must be a whole number between 1 and {MAX_STEPS}, got {n!r}")
        self.send({"type": "step", "n": n})

    @property
    def weights(self):
        """The trained parameters as {tensor name: float32 array}, in the network's order and
        shapes: a dense layer's weights (outputs, inputs), a convolution's kernels (out channels,
        in channels, k, k), a bias vector (length,). As of the last epoch's end, pause, reset or
        step(n); empty until the widget has been shown."""
        return {
            tensor["name"]: np.frombuffer(tensor["values"], dtype="<f4").reshape(tensor["shape"]).copy()
            for tensor in self._weights
        }
