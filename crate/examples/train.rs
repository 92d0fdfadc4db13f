//! Trains a preset or a JSON config without a browser and prints one JSON line per epoch.
//!
//! cargo run --release --example train -- NAME_OR_CONFIG.json [--epochs N] [--seed S]
//!     [--export-pytorch FILE]
//!
//! `--export-pytorch FILE` writes the trained network as a Python file (torch.nn and NumPy, with
//! its weights and a check against the test predictions; see `export::pytorch`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use neural_kitchen::presets::{preset, PRESET_NAMES};
use neural_kitchen::trainer::Sampling;
use neural_kitchen::{Config, Trainer};
use serde_json::{json, Value};

const USAGE: &str =
    "usage: train NAME_OR_CONFIG.json [--epochs N] [--seed S] [--export-pytorch FILE]";

struct Args {
    config: Config,
    epochs: u64,
    export_pytorch: Option<PathBuf>,
}

/// The file `--export-pytorch` names, refused before any training when its folder does not
/// exist.
fn export_path(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if value.is_empty() || value.ends_with('/') || !folder.is_dir() {
        return Err(format!(
            "--export-pytorch must name a file in an existing folder, got \"{value}\""
        ));
    }
    Ok(path)
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut source = None;
    let mut epochs = None;
    let mut seed = None;
    let mut export_pytorch = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--epochs" | "--seed" => {
                let value = rest
                    .next()
                    .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
                let number: u64 = value
                    .parse()
                    .map_err(|_| format!("{arg} must be a whole number, got \"{value}\""))?;
                if arg == "--epochs" {
                    if !(1..=100_000).contains(&number) {
                        return Err(format!(
                            "--epochs must be between 1 and 100000, got {number}"
                        ));
                    }
                    epochs = Some(number);
                } else {
                    seed = Some(u32::try_from(number).map_err(|_| {
                        format!("--seed must be between 0 and {}, got {number}", u32::MAX)
                    })?);
                }
            }
            "--export-pytorch" => {
                let value = rest
                    .next()
                    .ok_or_else(|| format!("{arg} needs a file\n{USAGE}"))?;
                export_pytorch = Some(export_path(value)?);
            }
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            _ if source.is_some() => return Err(format!("one config only\n{USAGE}")),
            _ => source = Some(arg.clone()),
        }
    }
    let source = source.ok_or_else(|| format!("{USAGE}\npresets: {}", PRESET_NAMES.join(", ")))?;
    let (mut config, default_epochs) = if source.ends_with(".json") {
        let text =
            std::fs::read_to_string(&source).map_err(|e| format!("cannot read {source}: {e}"))?;
        let config = Config::from_json(&text).map_err(|e| format!("{source}: {e}"))?;
        (config, 100)
    } else {
        let p = preset(&source).map_err(|e| e.to_string())?;
        (p.config, p.epochs)
    };
    if let Some(seed) = seed {
        config.seed = seed;
    }
    Ok(Args {
        config,
        epochs: epochs.unwrap_or(default_epochs),
        export_pytorch,
    })
}

/// A few documents a text network writes from the start (the same seeds every epoch, so the
/// lines show the same samples improving).
fn samples(trainer: &mut Trainer) -> Value {
    let texts: Vec<String> = (1..=5)
        .map(|seed| {
            let sampling = Sampling {
                seed,
                ..Sampling::default()
            };
            trainer.generate("", &sampling).unwrap_or_default()
        })
        .collect();
    json!(texts)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let mut trainer = match Trainer::new(args.config) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bad config: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    for _ in 0..args.epochs {
        trainer.epoch();
        let m = trainer.metrics();
        let mut line = json!({
            "epoch": m.epoch,
            "step": m.step,
            "train_loss": m.train_loss,
            "test_loss": m.test_loss,
            "train_accuracy": m.train_accuracy,
            "test_accuracy": m.test_accuracy,
            "train_rmse": m.train_rmse,
            "test_rmse": m.test_rmse,
        });
        if trainer.data().text().is_some() {
            line["samples"] = samples(&mut trainer);
        }
        let written = writeln!(out, "{line}");
        if written.is_err() {
            // The reader went away (e.g. `| head`): stop quietly.
            break;
        }
        if trainer.diverged() {
            eprintln!(
                "training diverged at epoch {}: the loss is not a finite number; lower the \
                 learningRate (now {}) or change the optimizer",
                m.epoch,
                trainer.config().learning_rate
            );
            return ExitCode::FAILURE;
        }
    }
    match args.export_pytorch {
        Some(path) => write_pytorch(&trainer, &path),
        None => ExitCode::SUCCESS,
    }
}

/// Writes the trained network as a PyTorch file at `path`.
fn write_pytorch(trainer: &Trainer, path: &Path) -> ExitCode {
    let written = trainer
        .export_pytorch()
        .map_err(|e| format!("cannot export as PyTorch: {e}"))
        .and_then(|text| {
            std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        });
    match written {
        Ok(()) => {
            eprintln!(
                "wrote {} (check it: python3 {})",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
