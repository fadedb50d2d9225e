//! Every request body of the edge, through the same pure function its handler calls
//! (`edge/src/ground/bodies.rs`): the first byte picks the body, the rest is the body. Never a
//! panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((kind, body)) = data.split_first() {
        edge::bodies::exercise(usize::from(*kind), body);
    }
});
