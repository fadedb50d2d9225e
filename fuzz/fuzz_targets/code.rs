//! Access-code normalisation and parsing: never a panic, and whatever parses prints back to a
//! form that parses to the same code (what the slips print is what the login accepts).
#![no_main]
use content::code::Code;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(code) = Code::parse(text) {
        let printed = code.to_string();
        assert_eq!(Code::parse(&printed).ok(), Some(code), "{printed}");
    }
});
