//! Who is logged in to staff mode: the one value the frame provides and the pages inside it
//! read. Its own module, below both, so that pages never import the frame that holds them.

use content::api::StaffSession;
use leptos::prelude::*;

/// Who is logged in, shared with the pages inside the frame.
#[derive(Clone, Copy)]
pub struct Who(pub RwSignal<Option<StaffSession>>);

pub fn use_who() -> RwSignal<Option<StaffSession>> {
    use_context::<Who>()
        .map(|w| w.0)
        .unwrap_or_else(|| RwSignal::new(None))
}
