//! How the core's errors and panics reach the page. An error becomes a JS `Error` with the
//! core's message and, as data, `field` (the top-level config field or null), `path` (the full
//! path, `hidden[1].units`, or null) and `allowed` (the range as text, or null). A panic is
//! printed on the console and announced to the page as a `neural-kitchen-panic` event on
//! `globalThis` (a Window or a Worker), whose `detail.message` says what happened.

use std::sync::Once;

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsError, JsValue};
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

use crate::config::field_of;

/// The event a panic dispatches on `globalThis`.
pub const PANIC_EVENT: &str = "neural-kitchen-panic";

/// The JS `Error` of a core error, with `field`, `path` and `allowed`.
pub fn js_error(e: crate::Error) -> JsError {
    let path = e.path();
    error_with(&e.to_string(), path.and_then(field_of), path, e.allowed())
}

/// A JS `Error` about no field (`field`, `path` and `allowed` are null).
pub fn plain_error(message: &str) -> JsError {
    error_with(message, None, None, None)
}

fn error_with(
    message: &str,
    field: Option<&str>,
    path: Option<&str>,
    allowed: Option<&str>,
) -> JsError {
    let error = JsError::new(message);
    let object = JsValue::from(error.clone());
    let text = |s: Option<&str>| s.map_or(JsValue::NULL, JsValue::from_str);
    for (key, value) in [("field", field), ("path", path), ("allowed", allowed)] {
        // Setting a property of a fresh Error cannot fail; if it ever did, the message remains.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &text(value));
    }
    error
}

/// Installs the panic hook once: the console's report, then the page's event.
pub fn report_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            announce_panic(&info.to_string());
        }));
    });
}

/// Dispatches `new CustomEvent('neural-kitchen-panic', { detail: { message } })` on
/// `globalThis`. Best effort: a panic hook has no one to report its own failure to.
pub fn announce_panic(message: &str) {
    let detail = Object::new();
    let _ = Reflect::set(&detail, &JsValue::from_str("message"), &message.into());
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    let Ok(event) = CustomEvent::new_with_event_init_dict(PANIC_EVENT, &init) else {
        return;
    };
    let global: EventTarget = js_sys::global().unchecked_into();
    let _ = global.dispatch_event(&event);
}
