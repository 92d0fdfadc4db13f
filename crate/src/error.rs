//! The crate's one error type. Every message names what was wrong and what is allowed, so a
//! learner (or the page showing it) can act on it; `path` and `allowed` give the same as data,
//! so a page can point at the field without reading the message.

use std::fmt::Display;

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// A value outside its allowed range or set. `field` is the value's full path
    /// (`hidden[1].units`).
    #[error("{field} must be {allowed}, got {got}")]
    Invalid {
        field: String,
        allowed: String,
        got: String,
    },
    /// Text that does not parse as the expected JSON.
    #[error("{0}")]
    Parse(String),
    /// A field that does not parse as its type (`path` as `Invalid`'s field); the message names
    /// it too.
    #[error("{message}")]
    ParseField { path: String, message: String },
    /// A network whose layers do not fit together (a kernel larger than its input, ...).
    #[error("{0}")]
    Shape(String),
    /// A request that does not apply to what it names (the histogram of a pooling layer).
    #[error("{0}")]
    NotApplicable(String),
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

impl Error {
    /// The full path of the value the error is about (`hidden[1].units`), if it names one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::ParseField { path, .. } => Some(path),
            _ => None,
        }
    }

    /// What is allowed, as text ("between 1 and 32"), if the error says.
    pub fn allowed(&self) -> Option<&str> {
        match self {
            Error::Invalid { allowed, .. } => Some(allowed),
            _ => None,
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

/// Checks that a number from outside (a JS number) is a whole number in `min..=max`; NaN and
/// the infinities are outside. Returns it as an integer.
pub fn whole_number(field: &str, value: f64, min: u64, max: u64) -> Result<u64> {
    if value.fract() == 0.0 && value >= min as f64 && value <= max as f64 {
        Ok(value as u64)
    } else {
        Err(Error::invalid(
            field,
            format!("a whole number between {min} and {max}"),
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
        let message = format!("{what} field {path}: {inner}");
        Error::ParseField { path, message }
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
    fn a_range_error_carries_its_path_and_what_is_allowed() {
        let e = check_range("hidden[1].units", 40, 1, 32).unwrap_err();
        assert_eq!(e.path(), Some("hidden[1].units"));
        assert_eq!(e.allowed(), Some("between 1 and 32"));
    }

    #[test]
    fn a_parse_error_names_the_path_of_the_field() {
        let e = parse_json::<crate::Config>("config", r#"{"hidden":[{"units":"8"}]}"#).unwrap_err();
        assert_eq!(e.path(), Some("hidden[0].units"));
        assert!(
            e.to_string().starts_with("config field hidden[0].units: "),
            "{e}"
        );
        assert_eq!(e.allowed(), None);
    }

    #[test]
    fn a_whole_number_is_refused_when_not_finite_fractional_or_outside() {
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            0.5,
            11.0,
            1e300,
        ] {
            let e = whole_number("steps", bad, 0, 10).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("steps must be a whole number between 0 and 10, got {bad}")
            );
        }
        assert_eq!(whole_number("steps", 10.0, 0, 10), Ok(10));
        assert_eq!(whole_number("steps", 0.0, 0, 10), Ok(0));
    }

    #[test]
    fn values_inside_the_range_pass() {
        assert!(check_range("points", 50, 50, 2000).is_ok());
        assert!(check_range("points", 2000, 50, 2000).is_ok());
        assert!(check_range("noise", f32::NAN, 0.0, 50.0).is_err());
    }
}
