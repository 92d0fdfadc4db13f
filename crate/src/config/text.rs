//! A config as text (a JSON file, a pasted config): what must hold before its fields are read.
//! A UTF-8 byte-order mark (editors on Windows write one) is skipped; the text must be one JSON
//! object (serde would read an array as the fields in order, so `[]` would be every default);
//! and a model file, which holds a config but is not one, is named as such.

use serde_json::Value;

use crate::error::{parse_json, Error, Result};

/// The `format` of a model file (`trainer::model_file` writes it); defined here so that reading
/// a config tells a model file apart without depending on the trainer.
pub const MODEL_FILE_FORMAT: &str = "neural-kitchen-model";

/// The text of a config without its byte-order mark, once checked to be a JSON object that is
/// not a model file.
pub fn object_text(text: &str) -> Result<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = parse_json("config", text)?;
    let Value::Object(fields) = &value else {
        return Err(Error::Parse(format!(
            "config: must be a JSON object of fields ({{\"dataset\": \"spiral\", ...}}), got {}",
            kind_of(&value)
        )));
    };
    if fields.get("format").and_then(Value::as_str) == Some(MODEL_FILE_FORMAT) {
        return Err(Error::Parse(
            "this is a model file, not a config; load it as a model (its config is its \
             \"config\" field)"
                .into(),
        ));
    }
    Ok(text)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
