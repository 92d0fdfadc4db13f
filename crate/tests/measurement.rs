//! The one measurement of the trainer (the teacher's verdict): the same history, bit for bit,
//! as the measurements it replaced (values captured before the change), the same figures in
//! slices as at once, and a restart whenever the parameters change. (Two losses below moved by
//! one unit in the last place when the cross-entropy came to be computed from the logits,
//! `log Σ e^z − z_y`, instead of `−ln p_y`; six more, and the image network's prediction digest,
//! when small products came to sum each entry in registers, in another order.)

use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;

/// Bits of every figure of `t`'s history column by column, then its steps.
fn history_bits(t: &Trainer) -> Vec<u32> {
    let h = t.history();
    [
        &h.train_loss,
        &h.test_loss,
        &h.train_quality,
        &h.test_quality,
    ]
    .iter()
    .flat_map(|column| column.iter().map(|v| v.to_bits()))
    .chain(h.step.iter().map(|&s| s as u32))
    .collect()
}

fn trained(name: &str, steps: u64) -> Trainer {
    let mut t = Trainer::new(preset(name).unwrap().config).unwrap();
    t.step(steps);
    t
}

#[test]
fn an_image_networks_epoch_verdicts_record_the_history_they_recorded_before() {
    let t = trained("digits8-mlp", 300);
    #[rustfmt::skip]
    let before = [
        1076227009, 1066496907, 1057067808, 1050483488, 1076351913, 1066103547, 1056319588,
        1050758357, 1035623989, 1061645451, 1063658717, 1064111702, 1033878411, 1061988426,
        1063997953, 1064278353, 0, 72, 144, 216,
    ];
    assert_eq!(history_bits(&t), before);
    let (predictions, epoch) = t.epoch_test_predictions();
    let digest = predictions.iter().fold(0u64, |a, v| {
        a.wrapping_mul(31).wrapping_add(u64::from(v.to_bits()))
    });
    assert_eq!((predictions.len(), epoch), (3590, Some(3)));
    assert_eq!(digest, 3025605047734967769);
    let at = t.epoch_verdict_at().unwrap();
    assert_eq!((at.epoch, at.step), (3, 216));
    let diagonal: Vec<u32> = (0..10).map(|c| t.epoch_confusion()[c * 11]).collect();
    assert_eq!(diagonal, [33, 30, 31, 38, 45, 34, 40, 32, 26, 27]);
}

#[test]
fn a_point_networks_verdicts_record_the_history_they_recorded_before() {
    let mut spiral = trained("spiral", 100);
    #[rustfmt::skip]
    let before = [
        1061325339, 1059623941, 1059440071, 1058522797, 1055652063, 1062142775, 1060116682,
        1059469051, 1058690841, 1055838178, 1054548689, 1058843656, 1058776547, 1059716071,
        1061729337, 1053072294, 1057769914, 1058776547, 1059648963, 1061930664, 0, 25, 50, 75,
        100,
    ];
    assert_eq!(history_bits(&spiral), before);
    let now = spiral.metrics();
    assert_eq!(
        (now.test_loss.to_bits(), now.train_loss.to_bits()),
        (1055838178, 1055652063)
    );
    let mut xor = trained("xor", 60);
    #[rustfmt::skip]
    let before = [
        1061888974, 1060589979, 1060149359, 1061300884, 1060287903, 1059991722, 1056293519,
        1058306785, 1059246309, 1057568588, 1059112092, 1059447636, 0, 25, 50,
    ];
    assert_eq!(history_bits(&xor), before);
    let now = xor.metrics();
    assert_eq!(
        (now.test_loss.to_bits(), now.train_loss.to_bits()),
        (1059913165, 1060039761)
    );
}

#[test]
fn a_verdict_made_in_slices_of_whole_chunks_equals_the_one_made_at_once_bit_for_bit() {
    let mut sliced = trained("digits8-mlp", 30);
    let mut once = trained("digits8-mlp", 30);
    // 256 examples is the evaluation chunk: slices of it run the same products as at once.
    let n = sliced.data().test().len();
    while sliced.advance_test_predictions(256) < n {}
    assert_eq!(sliced.test_predictions(), once.test_predictions());
    assert_eq!(sliced.confusion(), once.confusion());
    assert_eq!(sliced.evaluate(), once.evaluate());
    let status = sliced.verdict();
    assert_eq!((status.made, status.total, status.complete), (n, n, true));
    assert_eq!((status.step, status.epoch), (30, 0));
}

#[test]
fn the_verdict_restarts_when_the_parameters_change() {
    let mut t = trained("digits8-mlp", 3);
    assert_eq!(t.advance_test_predictions(100), 100);
    assert_eq!(t.verdict().made, 100);
    let last = t.params().len() - 1;
    t.set_weight(last, 5.0).unwrap();
    assert_eq!(t.verdict().made, 0, "an edited weight");
    assert_eq!(t.advance_test_predictions(40), 40);
    t.step(1);
    let status = t.verdict();
    assert_eq!((status.made, status.step, status.complete), (0, 4, false));
    let fresh_figures = trained("digits8-mlp", 4).evaluate();
    let mut edited = trained("digits8-mlp", 3);
    edited.set_weight(last, 5.0).unwrap();
    edited.step(1);
    assert_eq!(t.evaluate(), edited.evaluate());
    assert_ne!(t.evaluate(), fresh_figures);
}
