//! Poems a trained `poems-*` model writes, and the quatrain's form they are checked against.

use neural_kitchen::trainer::Sampling;
use neural_kitchen::Trainer;

/// `XXXXX，XXXXX。XXXXX，XXXXX。` with every X a Han character.
pub fn is_quatrain(poem: &str) -> bool {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
    let chars: Vec<char> = poem.chars().collect();
    chars.len() == 24
        && chars.iter().enumerate().all(|(i, &c)| match i % 12 {
            5 => c == '，',
            11 => c == '。',
            _ => han(c),
        })
}

/// One poem for each sampling seed 1..=`count`, written from an empty prompt.
pub fn sampled_poems(trainer: &mut Trainer, count: u32) -> Vec<String> {
    (1..=count)
        .map(|seed| {
            let sampling = Sampling {
                seed,
                ..Sampling::default()
            };
            trainer.generate("", &sampling).unwrap()
        })
        .collect()
}

#[test]
fn the_quatrain_form_is_four_lines_of_five_han_characters() {
    assert!(is_quatrain(
        "渐入新丰路，衰红映小桥。浑如七年病，初得一丸销。"
    ));
    assert!(!is_quatrain(
        "渐入新丰路，衰红映小桥。浑如七年病。初得一丸销，"
    ));
    assert!(!is_quatrain("渐入新丰路，衰红映小桥。"));
    assert!(!is_quatrain(
        "渐入新丰路，衰红映小桥。浑如七年a，初得一丸销。"
    ));
}
