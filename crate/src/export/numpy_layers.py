# --- The layers in NumPy (float32, N examples at a time; shapes in each docstring) ---------


def dense(x, weight, bias):
    """x: (N, in), weight: (out, in) as torch's nn.Linear, bias: (out,) -> (N, out)."""
    return x @ weight.T + bias


def conv2d(x, weight, bias, stride, padding):
    """x: (N, C, H, W), weight: (K, C, k, k) as torch's nn.Conv2d, bias: (K,) -> (N, K, OH, OW),
    OH = (H + 2 padding - k) // stride + 1; the padding reads zeros."""
    k = weight.shape[2]
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    # (N, C, OH, OW, k, k): the k x k patch under each output position.
    patches = sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]
    y = np.tensordot(patches, weight, axes=([1, 4, 5], [1, 2, 3]))  # (N, OH, OW, K)
    return y.transpose(0, 3, 1, 2) + bias[None, :, None, None]


def pool(x, size, stride, reduce):
    """x: (N, C, H, W) -> (N, C, OH, OW), OH = (H - size) // stride + 1, each output the
    `reduce` (np.max or np.mean) of its size x size window."""
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return reduce(windows, axis=(4, 5))


def embedding(ids, table):
    """ids: (N, k) token ids, table: (vocabulary, dims) as torch's nn.Embedding -> (N, k, dims):
    each token's row."""
    return table[ids]


def flatten(x):
    """(N, C, H, W) -> (N, C * H * W), channel by channel, row by row (as torch's nn.Flatten);
    (N, k, dims) -> (N, k * dims)."""
    return x.reshape(len(x), -1)


def relu(x):
    return np.maximum(x, 0)


def leaky_relu(x):
    return np.where(x > 0, x, np.float32(0.01) * x)


def sigmoid(x):
    # 1 / (1 + e^-x), written as the page does so that no large |x| overflows.
    return np.float32(0.5) + np.float32(0.5) * np.tanh(np.float32(0.5) * x)


def tanh_cell(a, c, state):
    """An Elman step: a = W_ih x + b_ih, c = W_hh h + b_hh (N, units) -> the new state."""
    return np.tanh(a + c)


def gru_cell(a, c, state):
    """A GRU step, gates in torch's order (reset, update, new): a = W_ih x + b_ih and
    c = W_hh h + b_hh (N, 3 units), state (N, units) -> the new state."""
    units = state.shape[1]
    r = sigmoid(a[:, :units] + c[:, :units])
    z = sigmoid(a[:, units:2 * units] + c[:, units:2 * units])
    n = np.tanh(a[:, 2 * units:] + r * c[:, 2 * units:])
    return (1 - z) * n + z * state


def softmax(x):
    """Over the last axis."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
