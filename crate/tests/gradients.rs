//! Every gradient the network computes matches a centred finite difference of the objective
//! (data loss + regularisation penalty): each activation, each loss, each regulariser, and each
//! image layer (convolution with stride and padding, max and average pooling, flatten,
//! dropout), and each text network (an embedding alone: the bigram table; embeddings → dense
//! tanh → dense: the MLP; a GPT and an RNN, predicting at every position).
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::config::{
    Activation, Config, DatasetKind, HiddenLayer, LayerSpec, LossKind, Regularization, RnnCell,
};
use neural_kitchen::nn::network::{Mode, Network, Workspace};
use neural_kitchen::optimizer::{add_penalty_gradient, penalty};
use neural_kitchen::seed::{rng, Stream};
use rand::Rng;

const BATCH: usize = 5;

struct Case {
    config: Config,
    /// Classes of the network (a text network's vocabulary).
    classes: usize,
    inputs: Vec<f32>,
    targets: Vec<f32>,
    /// Where to check, instead of the initialisation scaled up (a GPT's start of N(0, 0.02²)
    /// is too flat for its layer norms' finite differences).
    params: Option<Vec<f32>>,
}

fn case(activation: Activation, loss: LossKind, dataset: DatasetKind, reg: Regularization) -> Case {
    let config = Config {
        dataset,
        features: vec![
            neural_kitchen::config::Feature::X1,
            neural_kitchen::config::Feature::X2,
            neural_kitchen::config::Feature::SinX1,
        ],
        hidden: vec![
            HiddenLayer {
                units: 4,
                activation,
            },
            HiddenLayer {
                units: 3,
                activation,
            },
        ],
        output_activation: if loss == LossKind::Mse {
            activation
        } else {
            Activation::Linear
        },
        loss,
        init: neural_kitchen::config::Init::Uniform,
        regularization: reg,
        regularization_rate: 0.05,
        ..Config::default()
    };
    config.validate().unwrap();
    with_data(config, -1.5..1.5)
}

/// Random inputs in `range` and targets for a config's network.
fn with_data(config: Config, range: std::ops::Range<f32>) -> Case {
    let width = Network::new(&config).unwrap().widths()[0];
    let mut r = rng(7, Stream::Data);
    let inputs = (0..BATCH * width)
        .map(|_| r.gen_range(range.clone()))
        .collect();
    let classes = config.dataset.classes();
    with_inputs(config, classes, inputs)
}

/// Targets for `inputs` of a network of `classes` classes.
fn with_inputs(config: Config, classes: usize, inputs: Vec<f32>) -> Case {
    let mut r = rng(8, Stream::Data);
    let targets = (0..BATCH)
        .map(|i| {
            if config.dataset.is_regression() {
                r.gen_range(-0.9f32..0.9)
            } else {
                (i % classes.max(2)) as f32
            }
        })
        .collect();
    Case {
        config,
        classes,
        inputs,
        targets,
        params: None,
    }
}

/// Objective at `params`, in f64 to keep the finite difference clean.
fn objective(net: &Network, case: &Case, params: &[f32], ws: &mut Workspace) -> f64 {
    ws.inputs_mut(BATCH, net.widths()[0])
        .copy_from_slice(&case.inputs);
    // The same dropout masks on every call, so the objective is a fixed function.
    let batch = ws.len();
    let rng = &mut rng(5, Stream::Dropout(0));
    net.forward(
        params,
        ws,
        Mode::Train {
            rng,
            first: 0,
            batch,
        },
    );
    let loss = net.loss();
    let predictions = case.targets.len() as f64;
    let data = loss.loss_sum(net.logits(ws), net.predictions(ws), &case.targets) / predictions;
    let slots: Vec<_> = net.weight_slots().collect();
    data + penalty(
        case.config.regularization,
        case.config.regularization_rate as f32,
        params,
        &slots,
    )
}

fn check(case: Case) {
    let net = Network::with_classes(&case.config, case.classes).unwrap();
    let mut params = vec![0.0; net.param_count()];
    net.init(case.config.init, &mut params, &mut rng(3, Stream::Init));
    // Large enough weights that every activation works in its curved part.
    for p in params.iter_mut() {
        *p *= 3.0;
    }
    if let Some(given) = &case.params {
        params.clone_from(given);
    }
    let mut ws = Workspace::new(&net, BATCH, true);
    objective(&net, &case, &params, &mut ws);
    net.loss_and_gradients(&mut ws, &case.targets);
    let mut grads = vec![0.0; params.len()];
    net.backward(&params, &mut grads, &mut ws);
    let slots: Vec<_> = net.weight_slots().collect();
    add_penalty_gradient(
        case.config.regularization,
        case.config.regularization_rate as f32,
        &params,
        &mut grads,
        &slots,
    );

    // Large enough that f32 rounding in long sums (convolutions) stays far below the
    // tolerance; small enough that the curvature error does too.
    let eps = 1e-2f32;
    for i in 0..params.len() {
        let original = params[i];
        params[i] = original + eps;
        let up = objective(&net, &case, &params, &mut ws);
        params[i] = original - eps;
        let down = objective(&net, &case, &params, &mut ws);
        params[i] = original;
        let numeric = (up - down) / (2.0 * f64::from(eps));
        let analytic = f64::from(grads[i]);
        let tolerance = 5e-4 + 1e-2 * numeric.abs().max(analytic.abs());
        assert!(
            (numeric - analytic).abs() <= tolerance,
            "{:?}/{:?}/{:?}: parameter {i}: finite difference {numeric}, backprop {analytic}",
            case.config.hidden[0].activation,
            case.config.loss,
            case.config.regularization,
        );
    }
}

const ACTIVATIONS: [Activation; 5] = [
    Activation::Relu,
    Activation::LeakyRelu,
    Activation::Tanh,
    Activation::Sigmoid,
    Activation::Linear,
];

#[test]
fn softmax_cross_entropy_gradients_match_finite_differences_for_every_activation() {
    for act in ACTIVATIONS {
        check(case(
            act,
            LossKind::CrossEntropy,
            DatasetKind::Spiral,
            Regularization::None,
        ));
    }
}

#[test]
fn sigmoid_binary_cross_entropy_gradients_match_finite_differences_for_every_activation() {
    for act in ACTIVATIONS {
        check(case(
            act,
            LossKind::BinaryCrossEntropy,
            DatasetKind::Xor,
            Regularization::None,
        ));
    }
}

#[test]
fn least_squares_gradients_match_for_classification_and_regression() {
    for act in ACTIVATIONS {
        check(case(
            act,
            LossKind::Mse,
            DatasetKind::Circle,
            Regularization::None,
        ));
        check(case(
            act,
            LossKind::Mse,
            DatasetKind::Bumps,
            Regularization::None,
        ));
    }
}

#[test]
fn l1_and_l2_penalty_gradients_match_finite_differences() {
    for reg in [Regularization::L1, Regularization::L2] {
        check(case(
            Activation::Tanh,
            LossKind::CrossEntropy,
            DatasetKind::Moons,
            reg,
        ));
    }
}

fn image_case(layers: Vec<LayerSpec>) -> Case {
    let config = Config {
        dataset: DatasetKind::Digits8,
        layers,
        init: neural_kitchen::config::Init::Uniform,
        ..Config::default()
    };
    config.validate().unwrap();
    with_data(config, 0.0..1.0)
}

fn conv(
    channels: u32,
    kernel: u32,
    stride: u32,
    padding: u32,
    activation: Activation,
) -> LayerSpec {
    LayerSpec::Conv2d {
        channels,
        kernel,
        stride,
        padding,
        activation,
    }
}

#[test]
fn convolution_gradients_match_with_stride_and_padding() {
    check(image_case(vec![
        conv(3, 3, 1, 1, Activation::Tanh),
        conv(2, 3, 2, 0, Activation::Sigmoid),
    ]));
    check(image_case(vec![
        conv(2, 5, 2, 2, Activation::LeakyRelu),
        conv(3, 2, 1, 1, Activation::Tanh),
    ]));
    check(image_case(vec![
        conv(2, 3, 1, 1, Activation::Tanh),
        conv(3, 3, 2, 1, Activation::Tanh),
    ]));
}

#[test]
fn pooling_flatten_and_dropout_gradients_match_finite_differences() {
    check(image_case(vec![
        conv(3, 3, 1, 1, Activation::Tanh),
        LayerSpec::MaxPool2d {
            size: 2,
            stride: None,
        },
        conv(2, 3, 1, 0, Activation::Tanh),
        LayerSpec::AvgPool2d {
            size: 2,
            stride: Some(1),
        },
        LayerSpec::Flatten,
        LayerSpec::Dropout { rate: 0.3 },
        LayerSpec::Dense {
            units: 5,
            activation: Activation::Tanh,
        },
    ]));
    check(image_case(vec![
        LayerSpec::MaxPool2d {
            size: 3,
            stride: Some(2),
        },
        LayerSpec::Dense {
            units: 4,
            activation: Activation::Sigmoid,
        },
    ]));
}

/// A text network over a vocabulary of 7 tokens, its inputs token ids (one repeated in an
/// example, and one never used, so that the sparse gradient's adding and skipping both show).
fn text_case(context: u32, layers: Vec<LayerSpec>, reg: Regularization) -> Case {
    let config = Config {
        dataset: DatasetKind::Names,
        context,
        layers,
        init: neural_kitchen::config::Init::Uniform,
        regularization: reg,
        regularization_rate: 0.05,
        ..Config::default()
    };
    config.validate().unwrap();
    let ids = [3, 1, 3, 0, 5, 2, 4, 5, 1, 0, 3, 3, 2, 1, 5];
    let inputs = (0..BATCH * context as usize)
        .map(|i| ids[i % ids.len()] as f32)
        .collect();
    with_inputs(config, 7, inputs)
}

#[test]
fn bigram_table_gradients_match_finite_differences() {
    for reg in [Regularization::None, Regularization::L2] {
        check(text_case(1, vec![LayerSpec::Embed { dims: None }], reg));
    }
}

#[test]
fn embedding_mlp_gradients_match_finite_differences() {
    let layers = vec![
        LayerSpec::Embed { dims: Some(3) },
        LayerSpec::Dense {
            units: 4,
            activation: Activation::Tanh,
        },
    ];
    for reg in [Regularization::None, Regularization::L1] {
        check(text_case(3, layers.clone(), reg));
    }
}

/// A sequence model as the trainer runs it (one layer of a network, its values in the
/// workspace, the loss over every position of every window), at random parameters in ±0.5.
fn check_sequence_model(model: LayerSpec, reg: Regularization) {
    let context = 3;
    let mut case = text_case(context, vec![model], reg);
    // Every position of a window predicts: its next token, here the next id of `ids`.
    let inputs = case.inputs.clone();
    case.targets = inputs.iter().map(|&id| (id + 1.0) % 7.0).collect();
    assert_eq!(case.targets.len(), BATCH * context as usize);
    let count = Network::with_classes(&case.config, 7)
        .unwrap()
        .param_count();
    let mut r = rng(9, Stream::Data);
    case.params = Some((0..count).map(|_| r.gen_range(-0.5..0.5)).collect());
    check(case);
}

/// The GPT, head untied and tied, with and without L2.
#[test]
fn gpt_network_gradients_match_finite_differences() {
    for (tied, reg) in [(false, Regularization::None), (true, Regularization::L2)] {
        let gpt = LayerSpec::Gpt {
            d_model: 4,
            heads: 2,
            blocks: 1,
            mlp_ratio: 2,
            tied,
        };
        check_sequence_model(gpt, reg);
    }
}

/// The RNN through time, each cell, with and without L2.
#[test]
fn rnn_network_gradients_match_finite_differences() {
    for (cell, reg) in [
        (RnnCell::Tanh, Regularization::L2),
        (RnnCell::Gru, Regularization::None),
    ] {
        check_sequence_model(LayerSpec::Rnn { units: 3, cell }, reg);
    }
}
