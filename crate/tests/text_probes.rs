//! Looking into a text model over a text (issue 15): a GPT's attention maps are causal
//! probabilities, near uniform when fresh and sharp once trained; each character's loss is
//! −ln of what the next-token call gives it, for the GPT, the MLP and the bigram table alike;
//! a bad text is refused by name.
#![cfg(not(target_arch = "wasm32"))]

use neural_kitchen::error::Error;
use neural_kitchen::presets::preset;
use neural_kitchen::trainer::AttentionMaps;
use neural_kitchen::Trainer;

fn fresh(name: &str) -> Trainer {
    Trainer::new(preset(name).unwrap().config).unwrap()
}

/// The largest distance of any row of any map from the uniform row over its visible keys.
fn largest_distance_from_uniform(maps: &AttentionMaps) -> f32 {
    let t = maps.positions();
    let mut largest = 0.0f32;
    for layer in 0..maps.layers {
        for head in 0..maps.heads {
            for (q, row) in maps.map(layer, head).chunks_exact(t).enumerate() {
                let uniform = 1.0 / (q + 1) as f32;
                for &p in &row[..=q] {
                    largest = largest.max((p - uniform).abs());
                }
            }
        }
    }
    largest
}

#[test]
fn every_map_row_sums_to_one_over_its_keys_and_is_zero_above_the_diagonal() {
    let mut t = fresh("names-gpt");
    t.step(30);
    for text in ["a", "emma", "christopherson", "mariamariamariamaria"] {
        let maps = t.attention_maps(text).unwrap();
        let (l, h, n) = (maps.layers, maps.heads, maps.positions());
        assert_eq!((l, h), (2, 4), "names-gpt has 2 blocks of 4 heads");
        assert_eq!(maps.probabilities.len(), l * h * n * n);
        for layer in 0..l {
            for head in 0..h {
                for (q, row) in maps.map(layer, head).chunks_exact(n).enumerate() {
                    let sum: f32 = row[..=q].iter().sum();
                    assert!(
                        (sum - 1.0).abs() < 1e-5,
                        "{text} {layer}.{head} row {q}: {sum}"
                    );
                    assert!(row[q + 1..].iter().all(|&p| p == 0.0), "{text} row {q}");
                    assert!(row[..=q].iter().all(|&p| p > 0.0), "{text} row {q}");
                }
            }
        }
    }
}

#[test]
fn the_window_is_the_start_and_the_text_or_its_last_context_characters() {
    let mut t = fresh("names-gpt");
    let short = t.attention_maps("emma").unwrap();
    assert_eq!(short.tokens, ["", "e", "m", "m", "a"]);
    let long = "mariamariamariamaria";
    let maps = t.attention_maps(long).unwrap();
    let last: Vec<String> = long
        .chars()
        .skip(long.len() - 16)
        .map(String::from)
        .collect();
    assert_eq!(maps.tokens, last, "the last 16 characters, no start");
}

#[test]
fn a_fresh_gpt_looks_almost_uniformly_and_a_trained_one_does_not() {
    let mut t = fresh("names-gpt");
    let text = "christopherson";
    let before = largest_distance_from_uniform(&t.attention_maps(text).unwrap());
    assert!(before < 0.02, "fresh: {before}");
    t.epoch();
    t.epoch();
    let after = largest_distance_from_uniform(&t.attention_maps(text).unwrap());
    println!("largest distance from uniform: fresh {before:.4}, after 2 epochs {after:.4}");
    assert!(after > 0.3, "trained: {after}");
}

/// −ln of the probability `next_token_probabilities` gives each character of `text`.
fn losses_by_next_token_calls(t: &mut Trainer, text: &str) -> Vec<f32> {
    let tokens = t.data().text().unwrap().vocabulary.tokens();
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .map(|i| {
            let prefix: String = chars[..i].iter().collect();
            let id = tokens
                .iter()
                .position(|s| *s == chars[i].to_string())
                .unwrap();
            -t.next_token_probabilities(&prefix).unwrap()[id].ln()
        })
        .collect()
}

#[test]
fn each_position_loss_is_minus_ln_of_the_next_token_probability_for_every_text_model() {
    for name in ["names-gpt", "names-mlp", "names-bigram"] {
        let mut t = fresh(name);
        t.step(40);
        // 20 characters: longer than the GPT's window of 16, so its window slides too.
        for text in ["emma", "mariamariamariamaria"] {
            let scored = t.position_losses(text).unwrap();
            assert_eq!(scored.characters.len(), text.chars().count());
            let expected = losses_by_next_token_calls(&mut t, text);
            for (i, (&got, &want)) in scored.losses.iter().zip(&expected).enumerate() {
                assert!(
                    (got - want).abs() < 1e-4,
                    "{name} {text}[{i}]: {got} vs {want}"
                );
                let p = scored.probabilities[i];
                assert!((got + p.ln()).abs() < 1e-6, "{name}: loss is −ln p");
            }
        }
    }
}

#[test]
fn a_fresh_model_is_surprised_by_every_character_and_a_trained_one_by_some() {
    let mut t = fresh("names-mlp");
    let text = "christopher";
    let uniform = (t.data().text().unwrap().vocabulary.len() as f32).ln();
    let fresh_losses = t.position_losses(text).unwrap().losses;
    assert!(
        fresh_losses.iter().all(|l| (l - uniform).abs() < 1.0),
        "near ln V = {uniform}: {fresh_losses:?}"
    );
    t.epoch();
    t.epoch();
    let trained = t.position_losses(text).unwrap().losses;
    println!("losses of {text}: fresh {fresh_losses:?}, trained {trained:?}");
    // Some characters are now easy (an "i" after "chr"), some still hard, and on average less.
    let mean = |l: &[f32]| l.iter().sum::<f32>() / l.len() as f32;
    let (lo, hi) = trained
        .iter()
        .fold((f32::MAX, 0.0f32), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(lo < 1.0 && hi > 2.5, "{trained:?}");
    assert!(mean(&trained) < mean(&fresh_losses) - 0.5, "{trained:?}");
}

#[test]
fn a_bad_text_is_refused_by_name_and_the_model_is_unchanged() {
    let mut t = fresh("names-gpt");
    t.step(5);
    let params = t.params().to_vec();
    let unknown = t.attention_maps("Zoë!").unwrap_err();
    assert_eq!(unknown.path(), Some("text"), "{unknown}");
    assert!(unknown.to_string().contains("'Z', 'ë', '!'"), "{unknown}");
    let unknown = t.position_losses("an!").unwrap_err();
    assert!(unknown.to_string().contains("'!'"), "{unknown}");
    for e in [
        t.attention_maps("").unwrap_err(),
        t.position_losses("").unwrap_err(),
    ] {
        assert_eq!(e.path(), Some("text length"), "{e}");
        assert_eq!(
            e.to_string(),
            "text length must be between 1 and 10000, got 0"
        );
    }
    assert_eq!(t.params(), &params[..]);
    // Only a GPT has attention; every text model has per-position losses.
    let mut mlp = fresh("names-mlp");
    let e = mlp.attention_maps("emma").unwrap_err();
    assert!(matches!(e, Error::NotApplicable(_)), "{e}");
    assert!(e.to_string().contains("need a GPT"), "{e}");
    assert!(mlp.position_losses("emma").is_ok());
    let mut points = fresh("spiral");
    assert_eq!(
        points.position_losses("a").unwrap_err().path(),
        Some("dataset")
    );
}
