//! The shipped text sets (`crate/data/NAME-train.txt.gz`, `NAME-test.txt.gz`: gzip streams of
//! UTF-8 text, one document per line, each line ended by `\n`) and how their bytes become a
//! `TextData`. The split is the files': a text set has no `trainShare`.

use std::io::Read;

use crate::data::file_bytes;

use super::{TextData, TextTask};
use crate::config::{name_of, Config, DatasetKind};
#[cfg(not(target_arch = "wasm32"))]
use crate::data::shipped::read_shipped;
use crate::data::shipped::DATA_DIR;
use crate::data::TrainingData;
use crate::error::{Error, Result};

/// Largest decoded file accepted (the shipped ones are well under 1 MB).
const MAX_DECODED: u64 = 32 << 20;

/// The train and test files of a text set.
pub fn files_of(dataset: DatasetKind) -> Option<(&'static str, &'static str)> {
    match dataset {
        DatasetKind::Names => Some(("names-train.txt.gz", "names-test.txt.gz")),
        DatasetKind::Poems => Some(("poems-train.txt.gz", "poems-test.txt.gz")),
        DatasetKind::Dishes => Some(("dishes-train.txt.gz", "dishes-test.txt.gz")),
        _ => None,
    }
}

/// The repository paths of a text set's files (`[train, test]`), as the page fetches them.
pub fn repository_paths(dataset: DatasetKind) -> Option<(String, String)> {
    let path = |file: &str| format!("{DATA_DIR}/{file}");
    files_of(dataset).map(|(train, test)| (path(train), path(test)))
}

fn files(config: &Config) -> Result<(&'static str, &'static str)> {
    files_of(config.dataset).ok_or_else(|| {
        Error::Parse(format!(
            "{} is not a text dataset",
            name_of(&config.dataset)
        ))
    })
}

/// The shipped files of the config's text set, read from disk.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(config: &Config) -> Result<TrainingData> {
    let (train, test) = files(config)?;
    from_files(config, &read_shipped(train)?, &read_shipped(test)?)
}

/// In the browser the page fetches the files: say which.
#[cfg(target_arch = "wasm32")]
pub fn load(config: &Config) -> Result<TrainingData> {
    let (train, test) = files(config)?;
    Err(Error::Parse(format!(
        "the text of {} comes from {DATA_DIR}/{train} and {test}: pass their bytes with the config",
        name_of(&config.dataset),
    )))
}

/// The examples of the config's text set from the bytes of its train and test files.
pub fn from_files(config: &Config, train: &[u8], test: &[u8]) -> Result<TrainingData> {
    files(config)?;
    let (train, test) = (decode("train", train)?, decode("test", test)?);
    let (train, test) = (documents("train", &train)?, documents("test", &test)?);
    let task = if config.is_sequence_model() {
        TextTask::Window
    } else {
        TextTask::NextToken
    };
    let data = TextData::new(&train, &test, config.context as usize, task)?;
    Ok(TrainingData::new(data))
}

/// The text of a file of UTF-8, gzip-compressed or already inflated (data/file_bytes.rs).
fn decode(which: &str, bytes: &[u8]) -> Result<String> {
    let bad = |why: String| Error::Parse(format!("{which} text file: {why}"));
    let mut text = String::new();
    file_bytes::contents(bytes, MAX_DECODED)
        .read_to_string(&mut text)
        .map_err(|e| bad(format!("not UTF-8 text, gzip-compressed or not ({e})")))?;
    Ok(text)
}

/// The documents of a file's text: its lines, each ended by a newline; none may be empty.
fn documents<'a>(which: &str, text: &'a str) -> Result<Vec<&'a str>> {
    let bad = |why: String| Error::Parse(format!("{which} text file: {why}"));
    let body = text
        .strip_suffix('\n')
        .ok_or_else(|| bad("it must hold lines, each ended by a newline".into()))?;
    let lines: Vec<&str> = body.split('\n').collect();
    if let Some(i) = lines.iter().position(|l| l.is_empty()) {
        return Err(bad(format!("line {} is empty", i + 1)));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gzip(text: &str) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap()
    }

    fn names() -> Config {
        Config {
            dataset: DatasetKind::Names,
            ..Config::default()
        }
    }

    #[test]
    fn the_files_give_one_document_per_line() {
        let data = from_files(&names(), &gzip("emma\nbo\n"), &gzip("amy\n")).unwrap();
        let text = data.get::<TextData>().unwrap();
        assert_eq!((text.train.documents(), text.test.documents()), (2, 1));
        assert_eq!(text.vocabulary.len(), 7);
    }

    #[test]
    fn files_a_server_already_inflated_give_the_same_data() {
        let gz = from_files(&names(), &gzip("emma\nbo\n"), &gzip("amy\n")).unwrap();
        let plain = from_files(&names(), b"emma\nbo\n", b"amy\n").unwrap();
        let (gz, plain) = (
            gz.get::<TextData>().unwrap(),
            plain.get::<TextData>().unwrap(),
        );
        assert_eq!(plain.train.documents(), gz.train.documents());
        assert_eq!(plain.test.documents(), gz.test.documents());
        assert_eq!(plain.vocabulary.len(), gz.vocabulary.len());
    }

    #[test]
    fn a_file_that_is_not_lines_of_gzip_text_is_refused_saying_which() {
        let good = gzip("amy\n");
        let e = from_files(&names(), b"\xff\xfe not text\n", &good).unwrap_err();
        assert!(
            e.to_string().starts_with("train text file: not UTF-8 text"),
            "{e}"
        );
        let e = from_files(&names(), &good, &gzip("amy")).unwrap_err();
        assert!(e.to_string().contains("test text file"), "{e}");
        let e = from_files(&names(), &gzip("amy\n\nbo\n"), &good).unwrap_err();
        assert!(e.to_string().contains("line 2 is empty"), "{e}");
        let e = from_files(&names(), &gzip("a\u{0}\u{ff}"), &good);
        assert!(e.is_err());
    }
}
