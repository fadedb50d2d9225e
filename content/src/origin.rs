//! What an unsafe request (any method but `GET`, `HEAD` and `OPTIONS`) must show about where it
//! comes from, and the one JSON content type: the edge's defence against cross-site requests,
//! beside the `SameSite=Strict` session cookies. Pure: the edge hands in the headers.
//!
//! - `Sec-Fetch-Site` (sent by every current browser): `same-origin` and `none` (typed by the
//!   person) pass; `cross-site`, `same-site` (a sibling subdomain, which `SameSite` cookies
//!   would not stop) and any other value are refused.
//! - `Origin` (sent by browsers on every unsafe request): it must be the edge's own origin;
//!   another one, or `null` (a sandboxed or privacy-stripped context), is refused.
//! - Neither header: a client that is not a browser (the operator tool, curl, tests). It
//!   cannot carry a browser's cookies by accident, so it passes; its session still decides.

/// Methods that change nothing; every other method is checked.
pub fn is_unsafe(method: &str) -> bool {
    !matches!(method, "GET" | "HEAD" | "OPTIONS")
}

/// Whether a request with these headers may change anything on the edge at `own_origin`
/// (`scheme://host[:port]`, as the request URL has it).
pub fn same_origin(own_origin: &str, origin: Option<&str>, sec_fetch_site: Option<&str>) -> bool {
    let site_ok = match sec_fetch_site.map(|s| s.trim().to_ascii_lowercase()) {
        None => true,
        Some(site) => site == "same-origin" || site == "none",
    };
    let origin_ok = match origin.map(str::trim) {
        None => true,
        Some(o) => o.eq_ignore_ascii_case(own_origin.trim_end_matches('/')),
    };
    site_ok && origin_ok
}

/// Whether a `Content-Type` is JSON (`application/json`, with any parameters such as
/// `charset`): the only body type the edge reads, and the only one an unsafe request may
/// declare. Plain forms (`application/x-www-form-urlencoded`, `multipart/form-data`,
/// `text/plain`) are what another site can send without asking; they are refused.
pub fn is_json(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://mestring.example.no";

    #[test]
    fn only_reading_methods_are_safe() {
        for m in ["GET", "HEAD", "OPTIONS"] {
            assert!(!is_unsafe(m), "{m}");
        }
        for m in ["POST", "DELETE", "PUT", "PATCH", "QUERY", "FOO", "get"] {
            assert!(is_unsafe(m), "{m}");
        }
    }

    #[test]
    fn a_browser_on_the_own_origin_passes_and_another_site_does_not() {
        assert!(same_origin(OWN, Some(OWN), Some("same-origin")));
        assert!(same_origin(OWN, Some("HTTPS://Mestring.example.no"), None));
        assert!(same_origin(OWN, None, Some("none")));
        assert!(!same_origin(OWN, Some("https://evil.example"), None));
        assert!(!same_origin(
            OWN,
            Some("https://evil.example"),
            Some("same-origin")
        ));
        assert!(!same_origin(OWN, Some("null"), None));
        assert!(!same_origin(OWN, Some("http://mestring.example.no"), None));
        assert!(!same_origin(
            OWN,
            Some("https://mestring.example.no:8443"),
            None
        ));
        assert!(!same_origin(OWN, None, Some("cross-site")));
        assert!(!same_origin(OWN, Some(OWN), Some("cross-site")));
        assert!(!same_origin(OWN, None, Some("same-site")));
        assert!(!same_origin(OWN, None, Some("something-new")));
    }

    #[test]
    fn a_client_that_is_not_a_browser_passes() {
        assert!(same_origin(OWN, None, None));
    }

    #[test]
    fn json_is_the_one_content_type() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("Application/JSON"));
        for other in [
            "",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonx",
            "application/json-patch+json",
        ] {
            assert!(!is_json(other), "{other}");
        }
    }
}
