//! A recurrent network (`nn::rnn`) as torch code: `nn.Embedding`, `nn.RNN` or `nn.GRU` over the
//! window, and an `nn.Linear` head at every position; and the same steps in NumPy.
//!
//! Layouts: the cell's `W_x` and `W_h` are `G·H × H` with the parts of a GRU in the order reset,
//! update, candidate, and `n = tanh(a_n + r ⊙ (W_hn h + b_hn))`: exactly torch's
//! `weight_ih_l0` / `weight_hh_l0` and its GRU, so every slot loads as it is.

use super::modules::{Link, Tensor};
use super::pytorch::Code;
use crate::config::RnnCell;
use crate::nn::rnn::Rnn;
use crate::nn::slot::Slot;

pub fn code(rnn: &Rnn, link: &Link) -> Code {
    let s = rnn.shape;
    let (v, t, h, g) = (s.vocabulary, s.context, s.units, s.cell.gates());
    let tensor = |name: &str, shape: Vec<usize>, slot: Slot| Tensor {
        name: name.into(),
        shape,
        slot,
    };
    let tensors = vec![
        tensor("embed.weight", vec![v, h], rnn.token.table),
        tensor("rnn.weight_ih_l0", vec![g * h, h], rnn.input.weights),
        tensor("rnn.bias_ih_l0", vec![g * h], rnn.input.biases),
        tensor("rnn.weight_hh_l0", vec![g * h, h], rnn.recurrent.weights),
        tensor("rnn.bias_hh_l0", vec![g * h], rnn.recurrent.biases),
        tensor("head.weight", vec![v, h], rnn.head.weights),
        tensor("head.bias", vec![v], rnn.head.biases),
    ];
    let (module, cell) = match s.cell {
        RnnCell::Tanh => (format!("nn.RNN({h}, {h}, batch_first=True)"), "tanh_cell"),
        RnnCell::Gru => (format!("nn.GRU({h}, {h}, batch_first=True)"), "gru_cell"),
    };
    let numpy = format!(
        r#"
def numpy_forward(x):
    """The page's forward pass in NumPy: x (N, {t}) token ids -> (N * {t}, {v}): for the next
    token at every position of each window, {what}."""
    inputs = embedding(x, W["embed.weight"])  # (N, {t}, {h})
    a = dense(inputs, W["rnn.weight_ih_l0"], W["rnn.bias_ih_l0"])  # (N, {t}, {gh})
    state = np.zeros((len(x), {h}), dtype=np.float32)  # the state before the first step
    states = []
    for t in range({t}):
        c = dense(state, W["rnn.weight_hh_l0"], W["rnn.bias_hh_l0"])  # (N, {gh})
        state = {cell}(a[:, t], c, state)  # (N, {h})
        states.append(state)
    x = dense(np.stack(states, axis=1), W["head.weight"], W["head.bias"])  # (N, {t}, {v})
    x = x.reshape(-1, {v})
    return {numpy_link}

"#,
        gh = g * h,
        what = link.what,
        numpy_link = link.numpy,
    );
    let torch = format!(
        r#"
if torch is not None:

    class Network(nn.Module):
        """The page's recurrent network as torch.nn modules; forward(x) gives, for the next
        token at every position of each window (N * {t} rows), {what}."""

        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding({v}, {h})
            self.rnn = {module}
            self.head = nn.Linear({h}, {v})

        def logits(self, x):
            """x: (N, {t}) token ids -> (N, {t}, {v}): the next token's logits at each position."""
            states, _ = self.rnn(self.embed(x))
            return self.head(states)

        def forward(self, x):
            x = self.logits(x).reshape(-1, {v})
            return {torch_link}
"#,
        what = link.what,
        torch_link = link.torch,
    );
    Code {
        python: numpy + &torch,
        tensors,
    }
}
