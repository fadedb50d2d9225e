//! Thin wrappers over the DOM that the components need. Failures here are cosmetic
//! (no title, no focus), so they are ignored rather than allowed to break the page.

use crate::i18n::Lang;
use wasm_bindgen::JsCast;

use content::storage::{LANG_KEY, NOTICE_SEEN_KEY, SESSION_HINT_KEY as SESSION_HINT};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn stored_lang() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok().flatten()
}

pub fn store_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
}

pub fn languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// After a route change: the page's `<h1>` names the document and takes focus, so screen-reader
/// and keyboard users land at the start of the new page.
/// `frames`: how many more animation frames to wait for a heading that is not there yet.
pub fn announce_page(move_focus: bool, frames: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(heading)) = document.query_selector("main h1") else {
        if frames > 0 {
            leptos::prelude::request_animation_frame(move || announce_page(move_focus, frames - 1));
        }
        return;
    };
    let text = heading.text_content().unwrap_or_default();
    document.set_title(&format!("{} – Mestring", text.trim()));
    if move_focus && let Ok(h) = heading.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
}

/// Moves keyboard focus to the first element matching `selector` (after the next paint, so a
/// freshly rendered element exists).
pub fn focus_later(selector: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Offers `text` as a file download (the user's own data; nothing leaves the device).
pub fn download(filename: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = web_sys::window()?
        .document()?
        .create_element("a")
        .ok()?
        .dyn_into()
        .ok()?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Revoked later: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Some(())
}

/// Whether this browser may hold a session cookie (HttpOnly, so unreadable here). Only a hint:
/// it spares a first-visit `GET /api/me` that would just answer 401. Holds no identifier.
pub fn session_hint() -> bool {
    storage()
        .and_then(|s| s.get_item(SESSION_HINT).ok().flatten())
        .is_some()
}

pub fn set_session_hint(on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(SESSION_HINT, "1")
        } else {
            s.remove_item(SESSION_HINT)
        };
    }
}

/// The privacy notice version last seen on this device (kept here only).
pub fn notice_seen() -> Option<String> {
    storage()?.get_item(NOTICE_SEEN_KEY).ok().flatten()
}

pub fn set_notice_seen(version: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(NOTICE_SEEN_KEY, version);
    }
}

/// Opens the browser's print dialogue (the print stylesheet shows only the page's content).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The value of `key` in the page's fragment (`#key=value`), which never reaches a server.
pub fn fragment_param(key: &str) -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        .map(str::to_owned)
        .filter(|v| !v.is_empty())
}

/// Removes the fragment from the address bar (a one-time token must not stay in the history).
pub fn clear_fragment() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("");
    }
}

/// Leaves the app for `url` (the payment provider's page).
pub fn go_to(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(url);
    }
}
