"""Neural Kitchen in a notebook: the live app as a Jupyter widget (see widget.py)."""

from .widget import NeuralKitchen

__all__ = ["NeuralKitchen"]
__version__ = "0.1.0"
