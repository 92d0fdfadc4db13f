//! The parameters as named tensors (`nn::tensors`): for every kind of network the list covers
//! the parameter vector exactly once, in order, with shapes that fit their lengths and a total
//! that is the network's parameter count; a GPT's tensors sit at its layers' own slots, tied or
//! untied; a recurrent network's are its token table, cell and head; a tensor's gradients appear after Backward and its update after Update; a bad tensor
//! index is refused by name.
#![cfg(not(target_arch = "wasm32"))]

use neural_kitchen::config::LayerSpec;
use neural_kitchen::nn::network::Network;
use neural_kitchen::nn::tensors::{Part, Role, Tensor};
use neural_kitchen::phase::Phase;
use neural_kitchen::presets::preset;
use neural_kitchen::trainer::Spread;
use neural_kitchen::{Config, Trainer};

/// A vocabulary's size for networks built without their text (any size fits the layout).
const VOCABULARY: usize = 29;

fn config_of(name: &str, tied: Option<bool>) -> Config {
    let mut config = preset(name).unwrap().config;
    if let (Some(want), [LayerSpec::Gpt { tied, .. }]) = (tied, config.layers.as_mut_slice()) {
        *tied = want;
    }
    config
}

/// Each tensor starts where the one before ended, its shape fits its length, and they end at
/// the parameter count.
fn assert_covers_once_in_order(tensors: &[Tensor], param_count: usize, what: &str) {
    let mut next = 0;
    for t in tensors {
        assert_eq!(
            t.offset, next,
            "{what}: {} starts where the last ended",
            t.name
        );
        assert_eq!(
            t.rows * t.cols,
            t.length,
            "{what}: {} is {} × {}",
            t.name,
            t.rows,
            t.cols
        );
        assert!(t.length > 0, "{what}: {} is empty", t.name);
        next += t.length;
    }
    assert_eq!(
        next, param_count,
        "{what}: the tensors end at the parameter count"
    );
}

#[test]
fn every_network_s_tensors_cover_its_parameters_once_in_order() {
    let cases = [
        ("spiral", None),
        ("digits-cnn", None),
        ("names-bigram", None),
        ("names-mlp", None),
        ("names-rnn", None),
        ("names-gpt", Some(true)),
        ("names-gpt", Some(false)),
        ("poems-gpt", None),
    ];
    for (name, tied) in cases {
        let config = config_of(name, tied);
        let network = Network::with_classes(&config, VOCABULARY).unwrap();
        let what = format!("{name} (tied {tied:?})");
        assert_covers_once_in_order(&network.tensors(), network.param_count(), &what);
    }
}

#[test]
fn a_recurrent_network_s_tensors_are_its_token_table_cell_and_head() {
    let network = Network::with_classes(&config_of("names-rnn", None), VOCABULARY).unwrap();
    let listed: Vec<(Part, Role, usize, usize)> = network
        .tensors()
        .iter()
        .map(|t| (t.part, t.role, t.rows, t.cols))
        .collect();
    // A GRU of 64: three gates, each a 64-wide slice of the cell's two layers.
    let (v, h, g) = (VOCABULARY, 64, 3 * 64);
    assert_eq!(
        listed,
        vec![
            (Part::Tokens, Role::Table, v, h),
            (Part::Cell, Role::InputWeights, g, h),
            (Part::Cell, Role::InputBiases, 1, g),
            (Part::Cell, Role::StateWeights, g, h),
            (Part::Cell, Role::StateBiases, 1, g),
            (Part::Head, Role::Weights, v, h),
            (Part::Head, Role::Biases, 1, v),
        ]
    );
}

#[test]
fn a_gpt_s_tensors_are_its_layers_slots_named_by_box() {
    for tied in [true, false] {
        let network =
            Network::with_classes(&config_of("names-gpt", Some(tied)), VOCABULARY).unwrap();
        let gpt = network.gpt().unwrap();
        let (v, t, d) = (VOCABULARY, gpt.shape.context, gpt.shape.dims);
        let tensors = network.tensors();
        // Two tables; per block two norms of two, attention's and the MLP's two layers of two;
        // the final norm's two; the head's bias and, untied, its weights.
        let per_block = 2 + 4 + 2 + 4;
        let head = if tied { 1 } else { 2 };
        assert_eq!(tensors.len(), 2 + per_block * gpt.blocks.len() + 2 + head);

        let find = |part: Part, block: Option<usize>, role: Role| {
            let found = tensors
                .iter()
                .find(|x| x.part == part && x.block == block && x.role == role);
            found.unwrap_or_else(|| panic!("{part:?} {block:?} {role:?} is listed"))
        };
        let tokens = find(Part::Tokens, None, Role::Table);
        assert_eq!(
            (tokens.rows, tokens.cols, tokens.offset),
            (v, d, gpt.token.table.offset)
        );
        let positions = find(Part::Positions, None, Role::Table);
        assert_eq!((positions.rows, positions.cols), (t, d));
        for (k, block) in gpt.blocks.iter().enumerate() {
            let b = Some(k + 1);
            let qkv = find(Part::Attention, b, Role::QkvWeights);
            assert_eq!(
                qkv.name,
                format!("block {} · attention · Q,K,V weights", k + 1)
            );
            assert_eq!((qkv.rows, qkv.cols), (3 * d, d));
            assert_eq!(qkv.offset, block.attention.qkv.weights.offset);
            let up = find(Part::Mlp, b, Role::UpWeights);
            assert_eq!((up.rows, up.cols), (gpt.shape.mlp_ratio * d, d));
            let down = find(Part::Mlp, b, Role::DownWeights);
            assert_eq!(down.offset, block.mlp.proj.weights.offset);
            assert_eq!(find(Part::Ln2, b, Role::Gain).offset, block.ln2.gain.offset);
        }
        assert_eq!(
            find(Part::FinalNorm, None, Role::Shift).offset,
            gpt.final_norm.bias.offset
        );
        let bias = find(Part::Head, None, Role::Biases);
        assert_eq!(
            (bias.rows, bias.cols, bias.offset),
            (1, v, gpt.head.biases.offset)
        );
        let head_weights = tensors
            .iter()
            .find(|x| x.part == Part::Head && x.role == Role::Weights);
        match head_weights {
            Some(w) => {
                assert!(
                    !tied,
                    "a tied head's weights are the token table, listed once"
                );
                assert_eq!((w.rows, w.cols, w.offset), (v, d, gpt.head.weights.offset));
            }
            None => assert!(tied, "an untied head lists its weights"),
        }
    }
}

#[test]
fn a_gpt_trainer_describes_its_tensors_and_their_total() {
    for tied in [true, false] {
        let trainer = Trainer::new(config_of("names-gpt", Some(tied))).unwrap();
        let info = serde_json::to_value(trainer.network_info()).unwrap();
        let total = info["parameterCount"].as_u64().unwrap() as usize;
        assert_eq!(total, trainer.params().len());
        let listed: usize = info["tensors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["length"].as_u64().unwrap() as usize)
            .sum();
        assert_eq!(listed, total, "tied {tied}");
        assert_eq!(info["tensors"][2]["name"], "block 1 · layer norm 1 · gain");
        assert_eq!(info["tensors"][2]["part"], "ln1");
        assert_eq!(info["tensors"][2]["block"], 1);
    }
}

/// Whether every tensor's `spread` has a value other than 0.
fn all_nonzero(trainer: &Trainer, spread: Spread) -> Vec<(String, bool)> {
    let tensors = trainer.tensors();
    let values = |i| trainer.tensor_values(i, spread).unwrap();
    tensors
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), values(i).iter().any(|&g| g != 0.0)))
        .collect()
}

#[test]
fn every_gpt_tensor_gets_a_gradient_at_backward_and_a_change_at_update() {
    let mut trainer = Trainer::new(config_of("names-gpt", None)).unwrap();
    let none = |v: Vec<(String, bool)>| v.iter().all(|(_, nonzero)| !nonzero);
    assert!(
        none(all_nonzero(&trainer, Spread::Gradients)),
        "no gradient before Backward"
    );
    assert_eq!(trainer.phase(), Phase::Forward);
    assert_eq!(trainer.phase(), Phase::Loss);
    assert!(
        none(all_nonzero(&trainer, Spread::Gradients)),
        "no gradient after the loss"
    );
    assert_eq!(trainer.phase(), Phase::Backward);
    for (name, nonzero) in all_nonzero(&trainer, Spread::Gradients) {
        assert!(nonzero, "{name} has a gradient after Backward");
    }
    assert!(
        none(all_nonzero(&trainer, Spread::Updates)),
        "no change before Update"
    );
    let before = trainer.params().to_vec();
    assert_eq!(trainer.phase(), Phase::Update);
    for (i, tensor) in trainer.tensors().iter().enumerate() {
        let change = trainer.tensor_values(i, Spread::Updates).unwrap();
        assert!(change.iter().any(|&u| u != 0.0), "{} changed", tensor.name);
        let after = trainer.tensor_values(i, Spread::Weights).unwrap();
        let old = &before[tensor.offset..tensor.offset + tensor.length];
        for ((a, o), u) in after.iter().zip(old).zip(change) {
            assert!(
                (a - o - u).abs() <= 1e-6 * (1.0 + o.abs()),
                "{}: the update is the change",
                tensor.name
            );
        }
        let histogram = trainer.tensor_histogram(i, Spread::Weights).unwrap();
        assert_eq!(histogram.counts.iter().sum::<u32>() as usize, tensor.length);
    }
}

#[test]
fn a_tensor_index_past_the_list_is_refused_by_name() {
    let trainer = Trainer::new(config_of("names-mlp", None)).unwrap();
    let count = trainer.tensors().len();
    let message = trainer
        .tensor_values(count, Spread::Weights)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("tensor") && message.contains(&format!("below {count}")),
        "{message}"
    );
    assert!(trainer
        .tensor_histogram(count + 5, Spread::Gradients)
        .is_err());
}
