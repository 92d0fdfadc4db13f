//! Text mode through the trainer: constant initialisation's symmetry in a text network, the
//! sparse gradient of the embedding, generation (seeded, from a prompt, refusing what the
//! vocabulary lacks), model files, hand edits, and each misfit text config named.
#![cfg(not(target_arch = "wasm32"))]

use neural_kitchen::config::{Init, LayerSpec, Regularization};
use neural_kitchen::nn::layer::Layer;
use neural_kitchen::presets::preset;
use neural_kitchen::trainer::Sampling;
use neural_kitchen::{Config, Trainer};

fn names_mlp() -> Config {
    preset("names-mlp").unwrap().config
}

fn layers(t: &Trainer) -> Vec<Layer> {
    t.network().layers().to_vec()
}

#[test]
fn constant_one_init_keeps_hidden_units_identical_and_one_number_per_character() {
    // ReLU: with every weight 1, tanh's 31 inputs of 1 would saturate it and stop every
    // gradient before the embedding; the symmetry under test needs them to move.
    let config = Config {
        init: Init::Ones,
        layers: vec![
            LayerSpec::Embed { dims: Some(10) },
            LayerSpec::Dense {
                units: 16,
                activation: neural_kitchen::config::Activation::Relu,
            },
        ],
        ..names_mlp()
    };
    let mut t = Trainer::new(config).unwrap();
    let before = t.params().to_vec();
    t.epoch();
    t.epoch();
    let p = t.params();
    assert_ne!(p, &before[..], "training changed the parameters");
    let all = layers(&t);
    let Layer::Embedding(e) = &all[0] else {
        panic!("an embedding first")
    };
    let table = e.table.of(p);
    for (token, row) in table.chunks_exact(e.dims).enumerate() {
        assert!(row.iter().all(|&x| x == row[0]), "row {token}: {row:?}");
    }
    let rows: Vec<&[f32]> = table.chunks_exact(e.dims).collect();
    assert!(
        rows.iter().any(|r| r[0] != rows[1][0]),
        "the characters' numbers differ from each other"
    );
    let Layer::Dense(hidden) = &all[1] else {
        panic!("a dense layer second")
    };
    let weights: Vec<&[f32]> = hidden.weights.of(p).chunks_exact(hidden.inputs).collect();
    assert!(
        weights.iter().all(|w| w == &weights[0]),
        "hidden units differ"
    );
    let biases = hidden.biases.of(p);
    assert!(biases.iter().all(|&b| b == biases[0]));
}

#[test]
fn after_backward_only_the_rows_of_tokens_in_the_batch_have_gradients() {
    let config = Config {
        regularization: Regularization::None,
        ..names_mlp()
    };
    let mut t = Trainer::new(config).unwrap();
    for _ in 0..3 {
        t.phase();
    }
    let Layer::Embedding(e) = &layers(&t)[0] else {
        panic!("an embedding first")
    };
    let width = t.network().widths()[0];
    let values = t.batch_values();
    let used: Vec<usize> = values[..t.batch_indices().len() * width]
        .iter()
        .map(|&id| id as usize)
        .collect();
    let grads = e.table.of(t.grads());
    for (token, row) in grads.chunks_exact(e.dims).enumerate() {
        let any = row.iter().any(|&g| g != 0.0);
        assert_eq!(any, used.contains(&token), "token {token}: {row:?}");
    }
    assert!(used.len() < e.vocabulary * 4, "some tokens left unused");
}

#[test]
fn generation_is_the_same_for_a_seed_and_continues_the_prompt() {
    let mut t = Trainer::new(names_mlp()).unwrap();
    t.epoch();
    let sampling = |seed| Sampling {
        seed,
        ..Sampling::default()
    };
    let once = t.generate("em", &sampling(7)).unwrap();
    assert_eq!(t.generate("em", &sampling(7)).unwrap(), once);
    let others: Vec<String> = (8..18)
        .map(|s| t.generate("em", &sampling(s)).unwrap())
        .collect();
    assert!(others.iter().any(|o| o != &once), "{once} {others:?}");
    let short = Sampling {
        max_tokens: 2,
        ..sampling(7)
    };
    assert!(t.generate("em", &short).unwrap().chars().count() <= 2);
    // Greedy (top-1) from the start is the one likeliest name.
    let greedy = Sampling {
        top_k: 1,
        ..sampling(1)
    };
    assert_eq!(
        t.generate("", &greedy).unwrap(),
        t.generate("", &Sampling { seed: 2, ..greedy }).unwrap()
    );
}

#[test]
fn next_token_probabilities_are_a_distribution_over_the_vocabulary() {
    let mut t = Trainer::new(names_mlp()).unwrap();
    t.epoch();
    let v = t.data().text().unwrap().vocabulary.len();
    let p = t.next_token_probabilities("q").unwrap().to_vec();
    assert_eq!(p.len(), v);
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    // After "q" English names go on with "u".
    let u = t.data().text().unwrap().vocabulary.id('u').unwrap() as usize;
    let best = (0..v).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
    assert_eq!(best, u, "{p:?}");
}

#[test]
fn a_prompt_with_characters_outside_the_vocabulary_is_refused_naming_them() {
    let mut t = Trainer::new(names_mlp()).unwrap();
    let e = t.generate("Emma 7", &Sampling::default()).unwrap_err();
    assert_eq!(e.path(), Some("prompt"));
    assert!(e.to_string().contains("'E', ' ', '7'"), "{e}");
    let e = t.next_token_probabilities("é").unwrap_err();
    assert!(e.to_string().contains("'é'"), "{e}");
    let bad = Sampling {
        temperature: 0.0,
        ..Sampling::default()
    };
    assert_eq!(
        t.generate("em", &bad).unwrap_err().path(),
        Some("temperature")
    );
    let long = "a".repeat(10_001);
    assert_eq!(
        t.generate(&long, &Sampling::default()).unwrap_err().path(),
        Some("prompt length")
    );
    let mut points = Trainer::new(preset("xor").unwrap().config).unwrap();
    let e = points.generate("a", &Sampling::default()).unwrap_err();
    assert_eq!(e.path(), Some("dataset"));
}

#[test]
fn a_text_model_file_loads_back_and_writes_the_same() {
    let mut t = Trainer::new(names_mlp()).unwrap();
    t.step(50);
    let file = t.to_json().unwrap();
    let mut back = Trainer::from_json(&file).unwrap();
    assert_eq!(back.params(), t.params());
    let s = Sampling::default();
    assert_eq!(
        back.generate("an", &s).unwrap(),
        t.generate("an", &s).unwrap()
    );
}

#[test]
fn editing_an_embedding_entry_changes_what_comes_next() {
    let mut t = Trainer::new(names_mlp()).unwrap();
    let before = t.next_token_probabilities("a").unwrap().to_vec();
    let Layer::Embedding(e) = &layers(&t)[0] else {
        panic!("an embedding first")
    };
    let a = t.data().text().unwrap().vocabulary.id('a').unwrap() as usize;
    t.set_weight(e.table.offset + a * e.dims, 5.0).unwrap();
    assert_ne!(t.next_token_probabilities("a").unwrap(), &before[..]);
    let info = serde_json::to_value(t.network_info()).unwrap();
    assert_eq!(info["layers"][0]["kind"], "embed");
    assert_eq!(info["layers"][0]["weights"]["rows"], e.vocabulary);
    assert_eq!(info["layers"][0]["weights"]["cols"], e.dims);
}

#[test]
fn misfit_text_configs_are_named() {
    let path = |config: Config| Trainer::new(config).unwrap_err().path().map(String::from);
    let dense = LayerSpec::Dense {
        units: 4,
        activation: neural_kitchen::config::Activation::Tanh,
    };
    let no_embedding = Config {
        layers: vec![dense],
        ..names_mlp()
    };
    assert_eq!(path(no_embedding).as_deref(), Some("layers[0]"));
    let embedding_later = Config {
        layers: vec![
            LayerSpec::Embed { dims: Some(2) },
            LayerSpec::Embed { dims: None },
        ],
        ..names_mlp()
    };
    assert_eq!(path(embedding_later).as_deref(), Some("layers[1]"));
    let bigram_of_three = Config {
        context: 3,
        ..preset("names-bigram").unwrap().config
    };
    assert_eq!(path(bigram_of_three).as_deref(), Some("context"));
    let mut points = preset("xor").unwrap().config;
    points.dataset = neural_kitchen::config::DatasetKind::Digits8;
    points.layers = vec![LayerSpec::Embed { dims: Some(2) }];
    assert_eq!(path(points).as_deref(), Some("layers[0]"));
    let wide = Config {
        layers: vec![LayerSpec::Embed { dims: Some(257) }],
        ..names_mlp()
    };
    assert_eq!(path(wide).as_deref(), Some("layers[0].dims"));
    let mse = Config {
        loss: neural_kitchen::config::LossKind::Mse,
        ..names_mlp()
    };
    assert_eq!(path(mse).as_deref(), Some("loss"));
    let long = Config {
        context: 33,
        ..names_mlp()
    };
    assert_eq!(path(long).as_deref(), Some("context"));
    // A poems bigram (3,650² parameters) is refused before anything is made.
    let poems_bigram = Config {
        dataset: neural_kitchen::config::DatasetKind::Poems,
        ..preset("names-bigram").unwrap().config
    };
    let e = Trainer::new(poems_bigram).unwrap_err();
    assert!(e.to_string().contains("parameters"), "{e}");
}
