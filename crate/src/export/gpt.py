def layer_norm(x, gain, bias):
    """x: (..., d) -> each row centred, scaled to unit variance (epsilon 1e-5), gain, bias."""
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return gain * (x - mean) / np.sqrt(variance + np.float32(1e-5)) + bias


def gelu(x):
    """GELU in its tanh approximation (GPT-2's; torch's nn.GELU(approximate="tanh"))."""
    inner = np.float32(0.7978846) * (x + np.float32(0.044715) * x * x * x)
    return np.float32(0.5) * x * (1 + np.tanh(inner))


def self_attention(x, block):
    """x: (N, T, d) -> (N, T, d): causal multi-head self-attention, each position looking at
    itself and the positions before it; Q, K and V side by side in qkv's output."""
    n, t, d = x.shape
    heads = GPT["heads"]
    qkv = dense(x, W[f"{block}.attn.qkv.weight"], W[f"{block}.attn.qkv.bias"])  # (N, T, 3d)
    # (N, H, T, d / H) each: head h reads columns h * d / H .. of its part.
    q, k, v = (qkv[..., i * d:(i + 1) * d].reshape(n, t, heads, d // heads).transpose(0, 2, 1, 3)
               for i in range(3))
    scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d // heads))  # (N, H, T, T)
    scores = np.where(np.tril(np.ones((t, t), dtype=bool)), scores, -np.inf)
    out = (softmax(scores) @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
    return dense(out, W[f"{block}.attn.proj.weight"], W[f"{block}.attn.proj.bias"])


def numpy_forward(x):
    """The page's forward pass in NumPy: x (N, T) token ids -> (N * T, V): for the next token at
    every position of each window, the class probabilities (softmax)."""
    x = W["token.weight"][x] + W["position.weight"][: x.shape[1]]  # (N, T, d)
    for b in range(GPT["blocks"]):
        block = f"blocks.{b}"
        x = x + self_attention(layer_norm(x, W[f"{block}.ln1.weight"], W[f"{block}.ln1.bias"]), block)
        hidden = layer_norm(x, W[f"{block}.ln2.weight"], W[f"{block}.ln2.bias"])
        hidden = gelu(dense(hidden, W[f"{block}.mlp.fc.weight"], W[f"{block}.mlp.fc.bias"]))
        x = x + dense(hidden, W[f"{block}.mlp.proj.weight"], W[f"{block}.mlp.proj.bias"])
    x = layer_norm(x, W["final_norm.weight"], W["final_norm.bias"])
    x = dense(x, W["head.weight"], W["head.bias"])  # (N, T, V)
    return softmax(x.reshape(-1, GPT["vocabulary"]))


if torch is not None:

    class SelfAttention(nn.Module):
        def __init__(self, dims, heads):
            super().__init__()
            self.heads = heads
            self.qkv = nn.Linear(dims, 3 * dims)
            self.proj = nn.Linear(dims, dims)

        def forward(self, x):  # (N, T, d)
            n, t, d = x.shape
            q, k, v = (z.view(n, t, self.heads, d // self.heads).transpose(1, 2)
                       for z in self.qkv(x).split(d, dim=2))
            out = nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
            return self.proj(out.transpose(1, 2).reshape(n, t, d))

    class Mlp(nn.Module):
        def __init__(self, dims, ratio):
            super().__init__()
            self.fc = nn.Linear(dims, ratio * dims)
            self.gelu = nn.GELU(approximate="tanh")
            self.proj = nn.Linear(ratio * dims, dims)

        def forward(self, x):
            return self.proj(self.gelu(self.fc(x)))

    class Block(nn.Module):
        """Pre-LayerNorm, as GPT-2: x = x + attn(ln1(x)); x = x + mlp(ln2(x))."""

        def __init__(self, dims, heads, ratio):
            super().__init__()
            self.ln1 = nn.LayerNorm(dims)
            self.attn = SelfAttention(dims, heads)
            self.ln2 = nn.LayerNorm(dims)
            self.mlp = Mlp(dims, ratio)

        def forward(self, x):
            x = x + self.attn(self.ln1(x))
            return x + self.mlp(self.ln2(x))

    class Network(nn.Module):
        """The page's GPT as torch.nn modules; forward(x) gives, for the next token at every
        position of each window (N * T rows), the class probabilities (softmax)."""

        def __init__(self):
            super().__init__()
            dims = GPT["dims"]
            self.token = nn.Embedding(GPT["vocabulary"], dims)
            self.position = nn.Embedding(GPT["context"], dims)
            self.blocks = nn.ModuleList(
                Block(dims, GPT["heads"], GPT["mlp_ratio"]) for _ in range(GPT["blocks"]))
            self.final_norm = nn.LayerNorm(dims)
            self.head = nn.Linear(dims, GPT["vocabulary"])
            if GPT["tied"]:
                self.head.weight = self.token.weight  # the head reads the token table

        def logits(self, x):
            """x: (N, T) token ids -> (N, T, V): the next token's logits at each position."""
            x = self.token(x) + self.position(torch.arange(x.shape[1]))
            for block in self.blocks:
                x = block(x)
            return self.head(self.final_norm(x))

        def forward(self, x):
            x = self.logits(x).reshape(-1, GPT["vocabulary"])
            return torch.softmax(x, dim=1)
