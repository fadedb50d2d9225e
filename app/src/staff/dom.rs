//! Small DOM helpers for staff mode. Failures are reported as `false`/`None`, never panics.

use wasm_bindgen::{JsCast, JsValue};

/// Lets the browser paint (e.g. "Logger inn …") before a long synchronous computation.
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The app's own address (`https://…`), printed on the slips.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Offers `text` as a file download through a Blob and an object URL.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = document
        .create_element("a")
        .ok()
        .and_then(|a| {
            a.set_attribute("href", &url).ok()?;
            a.set_attribute("download", name).ok()?;
            a.dyn_into::<web_sys::HtmlElement>().ok()
        })
        .map(|a| a.click())
        .is_some();
    // Revoked a minute later: revoking at once can cancel the download in some browsers.
    if let Some(w) = web_sys::window() {
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    ok
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Today as `YYYY-MM-DD` (UTC) from the browser clock.
pub fn today() -> String {
    content::time::date_of(js_sys::Date::now() as i64)
}

/// This month as `YYYY-MM`.
pub fn this_month() -> String {
    today().chars().take(7).collect()
}
