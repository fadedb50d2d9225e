//! Who is logged in to staff mode: the one value the frame provides and the pages under it
//! read. Its own module, below the frame, the gate and the pages, so that none of them
//! imports another to learn it.

use content::api::StaffSession;
use leptos::prelude::*;

/// The staff session as staff mode knows it. The frame asks the edge once, when staff mode
/// starts; logging in, accepting an invitation and logging out set it after that.
#[derive(Clone, Copy)]
pub struct Who {
    /// Who is logged in; `None` while nobody is (or before the edge answered).
    pub session: RwSignal<Option<StaffSession>>,
    /// The edge has answered the first question.
    pub checked: RwSignal<bool>,
    /// A one-off message for the login form ("You are logged out.").
    pub notice: RwSignal<Option<&'static str>>,
    /// The edge refused a call because the session ended while someone was logged in; the
    /// gate says so above the login form until the next login.
    pub ended: RwSignal<bool>,
}

impl Who {
    pub fn new() -> Who {
        Who {
            session: RwSignal::new(None),
            checked: RwSignal::new(false),
            notice: RwSignal::new(None),
            ended: RwSignal::new(false),
        }
    }
}

impl Default for Who {
    fn default() -> Self {
        Who::new()
    }
}

/// The staff mode's [`Who`] (a fresh, empty one outside staff mode).
pub fn use_staff() -> Who {
    use_context::<Who>().unwrap_or_default()
}

/// Who is logged in, for the pages.
pub fn use_who() -> RwSignal<Option<StaffSession>> {
    use_staff().session
}
