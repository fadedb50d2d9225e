//! Content loading: the same modules `content/build.rs` uses to read and validate the TOML in
//! content/data. Any text gets a value or validation errors naming file, item and field.
#![no_main]
#![allow(dead_code)]
use libfuzzer_sys::fuzz_target;

#[path = "../../content/src/i18n.rs"]
mod i18n;
#[path = "../../content/src/model.rs"]
mod model;
#[path = "../../content/src/source.rs"]
mod source;
#[path = "../../content/src/validate.rs"]
mod validate;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for name in ["instruments/fuzz.toml", "tools/fuzz.toml", "plans/fuzz.toml"] {
        let _ = source::validate_source(name, text);
    }
});
