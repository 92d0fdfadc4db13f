# --- The check: NumPy (and PyTorch, when installed) against the page's own predictions -----


def array(dtype, shape, text):
    """An array of `shape` from little-endian `dtype` values in base64."""
    return np.frombuffer(base64.b64decode(text), dtype=dtype).reshape(shape)


def weights_from_model_file(path):
    """The weights of a model file (the page's Save model) of this same network, by their torch
    names: its "params" hold every tensor in the page's layout, one after another, from
    PARAM_OFFSETS."""
    with open(path, encoding="utf-8") as file:
        params = np.array(json.load(file)["params"], dtype=np.float32)
    if len(params) != PARAM_COUNT:
        raise SystemExit(f"{path}: {len(params)} parameters, this network has {PARAM_COUNT}")
    return {name: params[at:at + W[name].size].reshape(W[name].shape)
            for name, at in PARAM_OFFSETS.items()}


def numpy_predictions(inputs, chunk=100):
    """numpy_forward over the inputs a chunk at a time (a convolution's patches of every image
    at once would take a lot of memory)."""
    parts = [numpy_forward(inputs[i:i + chunk]) for i in range(0, len(inputs), chunk)]
    return np.concatenate(parts) if parts else PAGE_PREDICTIONS[:0]


def torch_network():
    """A Network holding the trained weights (loaded strictly: every name and shape must match),
    in evaluation mode."""
    network = Network()
    network.load_state_dict({name: torch.from_numpy(value.copy()) for name, value in W.items()})
    return network.eval()


def torch_predictions(inputs):
    with torch.no_grad():
        return torch_network()(torch.from_numpy(inputs.copy())).numpy()


def class_disagreements(got, page):
    """Examples whose class differs from the page's, counted only where the page's own
    probabilities of the two classes differ by more than TOLERANCE (a tie has no class)."""
    if CLASSES == "argmax":
        rows = np.arange(len(page))
        picked, expected = got.argmax(axis=1), page.argmax(axis=1)
        margin = page[rows, expected] - page[rows, picked]
        return int(np.sum((picked != expected) & (margin > TOLERANCE)))
    if CLASSES == "threshold":
        differ = (got[:, 0] > 0.5) != (page[:, 0] > 0.5)
        return int(np.sum(differ & (np.abs(page[:, 0] - 0.5) > TOLERANCE)))
    return 0


def report(name, got, page):
    """Prints how `got` compares with the page's predictions; whether they agree."""
    if got.shape != page.shape:
        print(f"{name}: predictions of shape {got.shape}, the page's are {page.shape}: MISMATCH")
        return False
    difference = float(np.max(np.abs(got - page))) if page.size else 0.0
    wrong = class_disagreements(got, page)
    classes = "" if CLASSES == "none" else f"same class for {len(page) - wrong} of {len(page)}, "
    ok = difference <= TOLERANCE and wrong == 0
    verdict = "OK" if ok else "MISMATCH"
    print(f"{name}: {len(page)} test predictions, {classes}max |difference| {difference:.3g} "
          f"(tolerance {TOLERANCE}): {verdict}")
    return ok


def main(argv):
    if "--model" in argv:
        # The weights of a model file instead of the ones above (saved with this export, it
        # gives the same predictions).
        at = argv.index("--model") + 1
        if at == len(argv):
            raise SystemExit("--model needs a model file (the page's Save model)")
        W.update(weights_from_model_file(argv[at]))
    if "--print-numpy" in argv:
        # For tests: the NumPy forward pass's predictions, as JSON.
        print(json.dumps(numpy_predictions(TEST_INPUTS).tolist()))
        return 0
    ok = report("NumPy", numpy_predictions(TEST_INPUTS), PAGE_PREDICTIONS)
    if torch is None:
        print("PyTorch is not installed (pip install torch): checked the NumPy forward pass only")
    else:
        ok = report("PyTorch", torch_predictions(TEST_INPUTS), PAGE_PREDICTIONS) and ok
    return 0 if ok else 1
