"""The widget's Python side without a browser: what Python checks itself, and how the front end's
state (metrics, the weights' float32 buffers) reads back. The front end's side is tested in
JupyterLab (tests/integration/jupyter.mjs)."""

import unittest

import numpy as np
import traitlets

from neural_kitchen import NeuralKitchen


class NeuralKitchenTest(unittest.TestCase):
    def test_options_are_traits_the_front_end_reads(self):
        w = NeuralKitchen(preset="xor", views=["boundary", "loss"], config={"speed": "fast"})
        state = w.get_state()
        self.assertEqual(state["preset"], "xor")
        self.assertEqual(state["views"], ["boundary", "loss"])
        self.assertEqual(state["config"], {"speed": "fast"})

    def test_step_takes_a_whole_number_from_1_to_100000(self):
        w = NeuralKitchen()
        for bad in (0, 100001, 2.5, "3", True):
            with self.assertRaisesRegex(ValueError, r"step\(n\): n must be a whole number between 1 and 100000, got"):
                w.step(bad)

    def test_metrics_come_from_the_front_end_only(self):
        w = NeuralKitchen()
        with self.assertRaises(traitlets.TraitError):
            w.metrics = {"epoch": 3}
        w.set_state({"metrics": {"epoch": 3, "step": 75}})
        self.assertEqual(w.metrics["epoch"], 3)

    def test_weights_are_float32_arrays_in_the_sent_shapes(self):
        w = NeuralKitchen(preset="xor")
        self.assertEqual(w.weights, {})
        kernels = np.arange(8 * 1 * 5 * 5, dtype="<f4")
        biases = np.array([0.5, -1.25], dtype="<f4")
        w.set_state({"_weights": [
            {"name": "layer 1 · weights", "shape": [8, 1, 5, 5], "values": memoryview(kernels.tobytes())},
            {"name": "layer 1 · biases", "shape": [2], "values": memoryview(biases.tobytes())},
        ]})
        weights = w.weights
        self.assertEqual(list(weights), ["layer 1 · weights", "layer 1 · biases"])
        self.assertEqual(weights["layer 1 · weights"].shape, (8, 1, 5, 5))
        self.assertEqual(weights["layer 1 · weights"].dtype, np.float32)
        self.assertEqual(weights["layer 1 · weights"][1, 0, 0, 0], 25.0)
        np.testing.assert_array_equal(weights["layer 1 · biases"], biases)
        weights["layer 1 · biases"][0] = 9  # a copy: the widget's own stay
        self.assertEqual(w.weights["layer 1 · biases"][0], 0.5)


if __name__ == "__main__":
    unittest.main()
