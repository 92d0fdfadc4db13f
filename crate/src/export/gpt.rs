//! A GPT (`nn::gpt`) as torch code, nanoGPT's shape: token and position embeddings, pre-norm
//! blocks of causal self-attention and a GELU MLP, a final layer norm and a head; the same in
//! NumPy. The code is fixed (`gpt.py`); only the sizes and the weights change.
//!
//! Layouts: `W_qkv` is `3d × d` with Q, K and V side by side and head `h` in columns
//! `h·d/H ..` of each (nanoGPT's `c_attn` and its split), every other matrix `out × in`, as
//! torch's `nn.Linear`; a tied head is the token table itself, in torch too.

use super::modules::Tensor;
use super::pytorch::Code;
use crate::nn::dense::Dense;
use crate::nn::gpt::Gpt;
use crate::nn::layer_norm::LayerNorm;

pub fn code(gpt: &Gpt) -> Code {
    let s = gpt.shape;
    let mut tensors = vec![
        Tensor {
            name: "token.weight".into(),
            shape: vec![s.vocabulary, s.dims],
            slot: gpt.token.table,
        },
        Tensor {
            name: "position.weight".into(),
            shape: vec![s.context, s.dims],
            slot: gpt.position.table,
        },
    ];
    for (k, block) in gpt.blocks.iter().enumerate() {
        let name = |part: &str| format!("blocks.{k}.{part}");
        norm(&mut tensors, &name("ln1"), &block.ln1);
        dense(&mut tensors, &name("attn.qkv"), &block.attention.qkv);
        dense(&mut tensors, &name("attn.proj"), &block.attention.output);
        norm(&mut tensors, &name("ln2"), &block.ln2);
        dense(&mut tensors, &name("mlp.fc"), &block.mlp.fc);
        dense(&mut tensors, &name("mlp.proj"), &block.mlp.proj);
    }
    norm(&mut tensors, "final_norm", &gpt.final_norm);
    // Tied, the head's weights are the token table's slot: torch's state_dict has both names.
    dense(&mut tensors, "head", &gpt.head);
    let settings = format!(
        "\n# The GPT's sizes.\nGPT = dict(vocabulary={}, context={}, dims={}, heads={}, blocks={}, \
         mlp_ratio={}, tied={})\n\n\n",
        s.vocabulary,
        s.context,
        s.dims,
        s.heads,
        s.layers,
        s.mlp_ratio,
        if s.tied_head { "True" } else { "False" },
    );
    Code {
        python: settings + include_str!("gpt.py"),
        tensors,
    }
}

fn dense(tensors: &mut Vec<Tensor>, name: &str, d: &Dense) {
    tensors.push(Tensor {
        name: format!("{name}.weight"),
        shape: vec![d.outputs, d.inputs],
        slot: d.weights,
    });
    tensors.push(Tensor {
        name: format!("{name}.bias"),
        shape: vec![d.outputs],
        slot: d.biases,
    });
}

fn norm(tensors: &mut Vec<Tensor>, name: &str, n: &LayerNorm) {
    tensors.push(Tensor {
        name: format!("{name}.weight"),
        shape: vec![n.dims],
        slot: n.gain,
    });
    tensors.push(Tensor {
        name: format!("{name}.bias"),
        shape: vec![n.dims],
        slot: n.bias,
    });
}
