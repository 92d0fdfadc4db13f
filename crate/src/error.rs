//! The crate's one error type. Every message names what was wrong and what is allowed, so a
//! learner (or the page showing it) can act on it.

use std::fmt::Display;

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// A value outside its allowed range or set.
    #[error("{field} must be {allowed}, got {got}")]
    Invalid {
        field: String,
        allowed: String,
        got: String,
    },
    /// Text that does not parse as the expected JSON (the message carries the field path).
    #[error("{0}")]
    Parse(String),
    /// A network whose layers do not fit together (a kernel larger than its input, ...).
    #[error("{0}")]
    Shape(String),
    /// A model file whose parts do not fit together.
    #[error("model file: {0}")]
    ModelFile(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn invalid(
        field: impl Into<String>,
        allowed: impl Into<String>,
        got: impl Display,
    ) -> Self {
        Error::Invalid {
            field: field.into(),
            allowed: allowed.into(),
            got: got.to_string(),
        }
    }
}

/// Checks `min <= value <= max` (and that a float is finite).
pub fn check_range<T>(field: &str, value: T, min: T, max: T) -> Result<()>
where
    T: PartialOrd + Display + Copy,
{
    if value >= min && value <= max {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("between {min} and {max}"),
            value,
        ))
    }
}

/// Parses JSON into `T`, naming the path of the field that failed ("hidden[1].units: ...").
pub fn parse_json<'de, T: serde::Deserialize<'de>>(what: &str, text: &'de str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| describe_path_error(what, e))
}

/// Turns a deserialisation error into a message that names the field.
pub fn describe_path_error<E: Display>(what: &str, e: serde_path_to_error::Error<E>) -> Error {
    let path = e.path().to_string();
    let inner = e.inner().to_string();
    // Errors coming through JS values print as "Error: ..."; the prefix says nothing.
    let inner = inner.strip_prefix("Error: ").unwrap_or(&inner);
    if path == "." || path.is_empty() {
        Error::Parse(format!("{what}: {inner}"))
    } else {
        Error::Parse(format!("{what} field {path}: {inner}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_message_names_field_range_and_value() {
        let e = check_range("learningRate", -1.0, 0.00001, 10.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "learningRate must be between 0.00001 and 10, got -1"
        );
    }

    #[test]
    fn values_inside_the_range_pass() {
        assert!(check_range("points", 50, 50, 2000).is_ok());
        assert!(check_range("points", 2000, 50, 2000).is_ok());
        assert!(check_range("noise", f32::NAN, 0.0, 50.0).is_err());
    }
}
