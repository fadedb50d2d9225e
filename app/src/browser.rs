//! Thin wrappers over the DOM that the components need. Failures here are cosmetic
//! (no title, no focus), so they are ignored rather than allowed to break the page.

use crate::i18n::Lang;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "mestring.lang";

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
pub fn announce_page(move_focus: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(heading)) = document.query_selector("main h1") else {
        return;
    };
    let text = heading.text_content().unwrap_or_default();
    document.set_title(&format!("{} – Mestring", text.trim()));
    if move_focus && let Ok(h) = heading.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
}
