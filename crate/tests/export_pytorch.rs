//! The PyTorch export run for real: each exported file is run with python3 (NumPy needed; PyTorch
//! too when installed), its NumPy forward pass must give the page's test predictions, and its
//! own check must pass, and fail once a weight is wrong.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use neural_kitchen::nn::network::{Mode, Workspace};
use neural_kitchen::presets::preset;
use neural_kitchen::{Config, Trainer};

/// The tolerance the issue sets: probabilities within 1e-4 of the page's.
const TOLERANCE: f32 = 1e-4;

/// python3 running `args`, refusing loudly (not skipping) when NumPy is missing.
fn python(args: &[&str]) -> Output {
    let numpy = Command::new("python3")
        .args(["-c", "import numpy"])
        .output();
    assert!(
        numpy.is_ok_and(|o| o.status.success()),
        "python3 with NumPy is needed to run the exported files: python3 -m pip install --user \
         numpy (scripts/install-tools.sh does it for make test)"
    );
    Command::new("python3")
        .args(args)
        .output()
        .expect("python3 runs")
}

/// The trainer's export written to a file of its own.
fn export(trainer: &Trainer, name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("nk-export-{name}-{}.py", std::process::id()));
    std::fs::write(&path, trainer.export_pytorch().unwrap()).unwrap();
    path
}

/// The exported file's NumPy predictions (`--print-numpy`), after its own check passed.
fn numpy_predictions(path: &Path) -> Vec<Vec<f32>> {
    let file = path.to_str().unwrap();
    let check = python(&[file]);
    let said = String::from_utf8_lossy(&check.stdout).to_string();
    let errors = String::from_utf8_lossy(&check.stderr);
    assert!(
        check.status.success(),
        "the check failed:\n{said}\n{errors}"
    );
    assert!(said.contains("NumPy: ") && said.contains(": OK"), "{said}");
    let printed = python(&[file, "--print-numpy"]);
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    serde_json::from_slice(&printed.stdout).unwrap()
}

/// The page's predictions for the first `count` test examples, by the network's own forward
/// pass (for text, whose trainer keeps no test predictions).
fn forward_predictions(trainer: &Trainer, count: usize) -> Vec<f32> {
    let network = trainer.network();
    let width = network.widths()[0];
    let mut ws = Workspace::new(network, count, false);
    let inputs = ws.inputs_mut(count, width);
    for (i, row) in inputs.chunks_exact_mut(width).enumerate() {
        trainer.data().test().write_input(i, row);
    }
    network.forward(trainer.params(), &mut ws, Mode::Eval);
    network.predictions(&ws).to_vec()
}

fn argmax(row: &[f32]) -> usize {
    (0..row.len()).fold(0, |best, j| if row[j] > row[best] { j } else { best })
}

/// Every row of `got` is the page's row of `page` (width `width`): the same class, and each
/// value within the tolerance.
fn assert_same_predictions(got: &[Vec<f32>], page: &[f32], width: usize) {
    assert_eq!(got.len(), page.len() / width, "one prediction per example");
    for (i, (row, page)) in got.iter().zip(page.chunks_exact(width)).enumerate() {
        assert_eq!(row.len(), width);
        assert_eq!(
            argmax(row),
            argmax(page),
            "example {i}: {row:?} vs {page:?}"
        );
        for (a, b) in row.iter().zip(page) {
            assert!(
                (a - b).abs() <= TOLERANCE,
                "example {i}: {row:?} vs {page:?}"
            );
        }
    }
}

/// Checks `trainer`'s export against `page`, the page's predictions of its first examples.
fn assert_export_reproduces(trainer: &Trainer, name: &str, page: &[f32]) {
    let path = export(trainer, name);
    let width = trainer.network().widths().last().unwrap() / trainer.network().positions();
    let got = numpy_predictions(&path);
    // A sequence model predicts at each position of a window.
    let positions = trainer.network().positions();
    let windows = trainer.data().test().len().min(1000 / positions);
    assert_eq!(got.len(), windows * positions);
    assert_same_predictions(&got, &page[..got.len() * width], width);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn xor_file_reproduces_the_pages_test_predictions() {
    let mut trainer = common::train_preset("xor");
    let page = trainer.test_predictions().to_vec();
    assert_export_reproduces(&trainer, "xor", &page);
}

/// The file's `--model FILE` takes the weights of a model file: the one saved with the export
/// passes the check, one saved after more training does not.
#[test]
fn the_file_loads_the_weights_of_a_model_file() {
    let mut trainer = common::train_preset("xor");
    let path = export(&trainer, "model-file");
    let model = |trainer: &mut Trainer, name: &str| {
        let file = std::env::temp_dir().join(format!("nk-{name}-{}.json", std::process::id()));
        std::fs::write(&file, trainer.to_json().unwrap()).unwrap();
        file
    };
    let saved = model(&mut trainer, "saved");
    trainer.epoch();
    let later = model(&mut trainer, "later");
    let run = |model: &Path| python(&[path.to_str().unwrap(), "--model", model.to_str().unwrap()]);
    let same = run(&saved);
    let said = String::from_utf8_lossy(&same.stdout);
    assert!(same.status.success() && said.contains(": OK"), "{said}");
    let other = run(&later);
    let said = String::from_utf8_lossy(&other.stdout);
    assert_eq!(other.status.code(), Some(1), "{said}");
    assert!(said.contains("MISMATCH"), "{said}");
    for file in [path, saved, later] {
        std::fs::remove_file(file).unwrap();
    }
}

#[test]
fn digits_cnn_file_reproduces_the_pages_test_predictions() {
    // A shortened training: the file must reproduce whatever the weights are.
    let mut trainer = Trainer::new(preset("digits-cnn").unwrap().config).unwrap();
    trainer.step(40);
    let page = trainer.test_predictions().to_vec();
    assert_export_reproduces(&trainer, "digits-cnn", &page);
}

#[test]
fn names_mlp_file_reproduces_the_pages_test_predictions() {
    let mut trainer = Trainer::new(preset("names-mlp").unwrap().config).unwrap();
    trainer.step(300);
    let count = trainer.data().test().len().min(1000);
    let page = forward_predictions(&trainer, count);
    assert_export_reproduces(&trainer, "names-mlp", &page);
}

/// A names model whose one layer is `layer` (JSON), briefly trained: its file gives the page's
/// predictions at every position of the first windows.
fn assert_sequence_model_reproduces(preset_name: &str, layer: &str, name: &str) {
    let mut config = preset(preset_name).unwrap().config;
    config.layers = vec![serde_json::from_str(layer).unwrap()];
    let mut trainer = Trainer::new(config).unwrap();
    trainer.step(60);
    let windows = trainer
        .data()
        .test()
        .len()
        .min(1000 / trainer.network().positions());
    let page = forward_predictions(&trainer, windows);
    assert_export_reproduces(&trainer, name, &page);
}

#[test]
fn names_rnn_file_reproduces_the_pages_predictions_at_every_position() {
    for cell in ["gru", "tanh"] {
        let layer = format!(r#"{{"kind":"rnn","units":24,"cell":"{cell}"}}"#);
        assert_sequence_model_reproduces("names-rnn", &layer, &format!("names-rnn-{cell}"));
    }
}

#[test]
fn every_points_preset_exports_and_reproduces() {
    for name in ["spiral", "circle", "gaussian", "moons", "plane", "bumps"] {
        let mut trainer = Trainer::new(preset(name).unwrap().config).unwrap();
        trainer.step(50);
        let page = trainer.test_predictions().to_vec();
        assert_export_reproduces(&trainer, name, &page);
    }
}

#[test]
fn every_activation_loss_and_feature_of_points_exports() {
    let configs = [
        r#"{"dataset":"circle","features":["x1","x2","x1Squared","x2Squared","x1TimesX2","sinX1","sinX2"],
            "hidden":[{"units":5,"activation":"relu"},{"units":3,"activation":"leakyRelu"}],
            "loss":"binaryCrossEntropy"}"#,
        r#"{"dataset":"moons","hidden":[{"units":6,"activation":"sigmoid"},{"units":4,"activation":"linear"}],
            "outputActivation":"tanh","loss":"mse"}"#,
        r#"{"dataset":"bumps","hidden":[],"outputActivation":"sigmoid","loss":"mse"}"#,
    ];
    for (i, text) in configs.iter().enumerate() {
        let mut trainer = Trainer::new(Config::from_json(text).unwrap()).unwrap();
        trainer.step(30);
        let page = trainer.test_predictions().to_vec();
        assert_export_reproduces(&trainer, &format!("points-{i}"), &page);
    }
}

/// A network where a transposed weight cannot go unnoticed: convolutions with in ≠ out channels,
/// non-square kernels' stride and padding, dense layers that are not square.
#[test]
fn layouts_of_uneven_layers_are_torchs() {
    let config = Config::from_json(
        r#"{"dataset":"digits8","layers":[
            {"kind":"conv2d","channels":3,"kernel":3,"stride":2,"padding":1,"activation":"relu"},
            {"kind":"conv2d","channels":5,"kernel":2,"stride":1,"padding":0,"activation":"leakyRelu"},
            {"kind":"avgPool2d","size":2,"stride":1},
            {"kind":"dropout","rate":0.2},
            {"kind":"flatten"},
            {"kind":"dense","units":7,"activation":"sigmoid"}]}"#,
    )
    .unwrap();
    let mut trainer = Trainer::new(config).unwrap();
    trainer.step(20);
    let text = trainer.export_pytorch().unwrap();
    for expected in [
        r#"("conv1", nn.Conv2d(1, 3, kernel_size=3, stride=2, padding=1)),"#,
        r#"("conv2", nn.Conv2d(3, 5, kernel_size=2, stride=1, padding=0)),"#,
        r#"("pool3", nn.AvgPool2d(2, stride=1)),"#,
        r#"("dropout4", nn.Dropout(0.2)),"#,
        r#"("dense6", nn.Linear(20, 7)),"#,
        r#"("dense7", nn.Linear(7, 10)),"#,
        r#""layers.conv1.weight": array("<f4", (3, 1, 3, 3), ("#,
        r#""layers.conv2.weight": array("<f4", (5, 3, 2, 2), ("#,
        r#""layers.dense6.weight": array("<f4", (7, 20), ("#,
        r#""layers.dense7.bias": array("<f4", (10,), ("#,
        r#"TEST_INPUTS = array("u1", ("#,
    ] {
        assert!(
            text.contains(expected),
            "no {expected} in\n{}",
            &text[..6000]
        );
    }
    let page = trainer.test_predictions().to_vec();
    assert_export_reproduces(&trainer, "layouts", &page);
}

#[test]
fn the_files_check_fails_when_a_weight_is_wrong() {
    let trainer = common::train_preset("xor");
    let path = export(&trainer, "wrong-weight");
    // The output layer's rows swapped: the classes trade places.
    let script = format!(
        "import importlib.util, sys\n\
         spec = importlib.util.spec_from_file_location('exported', {:?})\n\
         m = importlib.util.module_from_spec(spec)\n\
         spec.loader.exec_module(m)\n\
         name = [n for n in m.W if n.endswith('.weight')][-1]\n\
         m.W[name] = m.W[name][::-1].copy()\n\
         sys.exit(m.main([]))\n",
        path.to_str().unwrap()
    );
    let run = python(&["-c", &script]);
    let said = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(
        said.contains("NumPy: ") && said.contains("MISMATCH"),
        "{said}"
    );
    std::fs::remove_file(path).unwrap();
}

#[test]
fn names_gpt_file_reproduces_the_pages_predictions_at_every_position() {
    for tied in [true, false] {
        let layer = format!(
            r#"{{"kind":"gpt","dModel":16,"heads":2,"blocks":2,"mlpRatio":3,"tied":{tied}}}"#
        );
        assert_sequence_model_reproduces("names-gpt", &layer, &format!("names-gpt-{tied}"));
    }
}

#[test]
fn a_diverged_network_is_refused_saying_so() {
    let config = Config::from_json(
        r#"{"dataset":"bumps","hidden":[{"units":16,"activation":"linear"}],"loss":"mse","learningRate":10}"#,
    )
    .unwrap();
    let mut trainer = Trainer::new(config).unwrap();
    for _ in 0..100 {
        trainer.step(10);
    }
    assert!(
        trainer.diverged(),
        "a learning rate of 10 on linear layers diverges"
    );
    let message = trainer.export_pytorch().unwrap_err().to_string();
    assert!(message.contains("training has diverged"), "{message}");
}
