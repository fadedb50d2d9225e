//! Security headers, one list for both the edge's API responses and the static assets' `_headers`
//! file (assets never run the worker, so they need the file; xtask writes it from this list).

/// `wasm-unsafe-eval` is the one relaxation: the app is WebAssembly. No `unsafe-inline`,
/// no `unsafe-eval`, nothing from another origin (SPEC P10). The service worker, the
/// key-derivation worker (Argon2id) and the web app manifest come from this origin only
/// (`worker-src`, `manifest-src`).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), \
publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()";

pub const SECURITY_HEADERS: [(&str, &str); 7] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("permissions-policy", PERMISSIONS_POLICY),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// Assets whose names carry their content hash (`/assets/…`, written by the build): a new
/// version is a new name, so a browser may keep one for a year without asking again.
pub const IMMUTABLE_ASSETS: &str = "/assets/*";
pub const IMMUTABLE_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";
/// Everything else (`index.html` at every path, `/sw.js`, the manifest) keeps the static-asset
/// default, `public, max-age=0, must-revalidate`: asked for again on every use, so a new
/// version is seen at the next load (`tests/e2e/pwa.spec.ts` checks both kinds).
///
/// The `_headers` file of Cloudflare static assets: the security headers for every path, and
/// the year-long caching of the hashed assets (a custom header replaces the default one).
pub fn assets_headers_file() -> String {
    let mut out = String::from("/*\n");
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push_str(&format!(
        "{IMMUTABLE_ASSETS}\n  cache-control: {IMMUTABLE_CACHE_CONTROL}\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_immutable_and_the_rest_revalidated() {
        let file = assets_headers_file();
        let (all, assets) = file.split_once(IMMUTABLE_ASSETS).unwrap();
        assert!(all.starts_with("/*\n"));
        assert!(!all.contains("cache-control"));
        assert!(assets.contains("cache-control: public, max-age=31536000, immutable"));
    }

    #[test]
    fn the_policy_stays_strict() {
        for part in [
            "worker-src 'self'",
            "manifest-src 'self'",
            "default-src 'self'",
        ] {
            assert!(CONTENT_SECURITY_POLICY.contains(part), "{part}");
        }
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
    }
}
