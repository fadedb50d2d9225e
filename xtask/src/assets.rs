//! What the browser downloads, as the build publishes it into `dist/app`: every asset under
//! `/assets/` with its content hash in its name (served for a year as immutable: a new
//! version is a new name), and the few files that keep their names and are revalidated on every
//! use: `index.html` (with the hashed names written in), the service worker `sw.js` (with its
//! version and the list it precaches written in) and the web app manifest.
//!
//! Sources name assets by their plain paths (`/pkg/app.js`, `/style/main.css`, …) in quotes;
//! [`rewrite`] replaces each by its hashed path, leaves first, so that a file naming another
//! (boot.js names the bundles) is hashed after its own references were written in.

use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The folder of content-named assets; `_headers` marks everything under it immutable.
pub const FOLDER: &str = "/assets/";

/// The service worker's fixed address (its scope is the whole site).
pub const SERVICE_WORKER: &str = "/sw.js";
/// The web app manifest's fixed address.
pub const MANIFEST: &str = "/manifest.webmanifest";

/// Hex of the first 8 bytes of SHA-256: 64 bits tell versions of one file apart.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `app_bg.wasm` → `/assets/app_bg.<hash>.wasm`.
pub fn hashed_path(file_name: &str, bytes: &[u8]) -> String {
    let hash = digest(bytes);
    match file_name.rsplit_once('.') {
        Some((stem, ext)) => format!("{FOLDER}{stem}.{hash}.{ext}"),
        None => format!("{FOLDER}{file_name}.{hash}"),
    }
}

/// Replaces every quoted plain path (`"/pkg/app.js"` or `'/pkg/app.js'`) by its hashed path.
/// Only whole quoted paths change, so `/pkg/app.js` never touches `/pkg/app_bg.wasm`.
pub fn rewrite(text: &str, names: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (plain, hashed) in names {
        for q in ['"', '\''] {
            out = out.replace(&format!("{q}{plain}{q}"), &format!("{q}{hashed}{q}"));
        }
    }
    out
}

/// A custom property's value in the first rule that sets it (the light theme's `:root`).
pub fn token<'a>(css: &'a str, name: &str) -> Option<&'a str> {
    let at = css.find(&format!("{name}:"))?;
    let rest = &css[at + name.len() + 1..];
    Some(rest[..rest.find(';')?].trim())
}

pub struct Icon {
    pub path: String,
    pub sizes: &'static str,
    pub kind: &'static str,
    pub purpose: &'static str,
}

/// The web app manifest: installable on a phone's home screen. The name is the same word in
/// both languages; the manifest's own language is bokmål (the default), and `description`
/// carries both languages since manifests have no widely supported way to localise.
pub fn manifest(theme: &str, background: &str, icons: &[Icon]) -> String {
    let icons: Vec<_> = icons
        .iter()
        .map(|i| {
            serde_json::json!({
                "src": i.path, "sizes": i.sizes, "type": i.kind, "purpose": i.purpose,
            })
        })
        .collect();
    let value = serde_json::json!({
        "name": "Mestring",
        "short_name": "Mestring",
        "description": "Selvhjelp på nett – uten navn og e-post. / Self-help online – no name, no e-mail.",
        "lang": "nb",
        "dir": "ltr",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": theme,
        "background_color": background,
        "icons": icons,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The service worker source with its version and precache list written in (the markers
/// `'__VERSION__'`, `'__CACHE_PREFIX__'` and `[/* __PRECACHE__ */]` of `app/sw.js`).
pub fn service_worker(
    template: &str,
    version: &str,
    cache_prefix: &str,
    precache: &[String],
) -> Result<String, String> {
    let list = serde_json::to_string(precache).map_err(|e| e.to_string())?;
    let mut out = template.to_string();
    for (marker, value) in [
        ("'__VERSION__'", format!("'{version}'")),
        ("'__CACHE_PREFIX__'", format!("'{cache_prefix}'")),
        ("[/* __PRECACHE__ */]", list),
    ] {
        if !out.contains(marker) {
            return Err(format!("app/sw.js lacks the marker {marker}"));
        }
        out = out.replace(marker, &value);
    }
    Ok(out)
}

/// One asset the sources name by `plain`, read from `source`; `precache`: the service worker
/// keeps it from the install on (the end user's shell), otherwise it is cached on first use
/// (staff mode, which end users never download).
pub struct Source {
    pub plain: String,
    pub source: PathBuf,
    pub precache: bool,
}

/// Writes the hashed assets, `index.html`, `manifest.webmanifest` and `sw.js` into `dist`
/// (which already holds nothing else of the app's); `boot` and `index` are the sources that
/// name the others.
pub fn publish(
    dist: &Path,
    leaves: &[Source],
    boot: &Path,
    index: &Path,
    sw: &Path,
    css_tokens: &Path,
) -> Result<(), String> {
    let read = |p: &Path| fs::read(p).map_err(|e| format!("read {}: {e}", p.display()));
    let folder = dist.join(FOLDER.trim_matches('/'));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    let mut names = Vec::new();
    let mut precache = vec!["/".to_string(), MANIFEST.to_string()];
    let mut put = |plain: &str, bytes: &[u8], keep: bool| -> Result<String, String> {
        let file = plain.rsplit('/').next().unwrap_or(plain);
        let hashed = hashed_path(file, bytes);
        fs::write(dist.join(hashed.trim_start_matches('/')), bytes).map_err(|e| e.to_string())?;
        if keep {
            precache.push(hashed.clone());
        }
        Ok(hashed)
    };
    for leaf in leaves {
        let mut bytes = read(&leaf.source)?;
        // A script may name the leaves listed before it (the key-derivation worker names its
        // module): their hashed names are written in before its own hash is taken.
        if leaf.plain.ends_with(".js") {
            let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
            bytes = rewrite(&text, &names).into_bytes();
        }
        let hashed = put(&leaf.plain, &bytes, leaf.precache)?;
        names.push((leaf.plain.clone(), hashed));
    }
    let boot_text = String::from_utf8(read(boot)?).map_err(|e| e.to_string())?;
    let boot_hashed = put("/boot.js", rewrite(&boot_text, &names).as_bytes(), true)?;
    names.push(("/boot.js".to_string(), boot_hashed));

    let index_text = String::from_utf8(read(index)?).map_err(|e| e.to_string())?;
    let index_out = rewrite(&index_text, &names);
    let leftover: Vec<_> = names
        .iter()
        .filter(|(plain, _)| index_out.contains(plain.as_str()))
        .map(|(plain, _)| plain.as_str())
        .collect();
    if !leftover.is_empty() {
        return Err(format!(
            "index.html names {leftover:?} unquoted: not rewritten"
        ));
    }
    fs::write(dist.join("index.html"), &index_out).map_err(|e| e.to_string())?;

    let css = String::from_utf8(read(css_tokens)?).map_err(|e| e.to_string())?;
    let theme = token(&css, "--accent").ok_or("style/main.css has no --accent")?;
    let background = token(&css, "--bg").ok_or("style/main.css has no --bg")?;
    let hashed_of = |plain: &str| {
        names
            .iter()
            .find(|(p, _)| p == plain)
            .map(|(_, h)| h.clone())
            .ok_or(format!("no asset {plain}"))
    };
    let icons = [
        Icon {
            path: hashed_of("/icons/icon.svg")?,
            sizes: "any",
            kind: "image/svg+xml",
            purpose: "any",
        },
        Icon {
            path: hashed_of("/icons/icon-192.png")?,
            sizes: "192x192",
            kind: "image/png",
            purpose: "any",
        },
        Icon {
            path: hashed_of("/icons/icon-512.png")?,
            sizes: "512x512",
            kind: "image/png",
            purpose: "any",
        },
        Icon {
            path: hashed_of("/icons/icon-512.png")?,
            sizes: "512x512",
            kind: "image/png",
            purpose: "maskable",
        },
    ];
    let manifest_text = manifest(theme, background, &icons);
    fs::write(dist.join(MANIFEST.trim_start_matches('/')), &manifest_text)
        .map_err(|e| e.to_string())?;

    // The version changes whenever anything the worker serves changes.
    let version = digest(format!("{index_out}\n{manifest_text}\n{precache:?}").as_bytes());
    let template = String::from_utf8(read(sw)?).map_err(|e| e.to_string())?;
    let worker = service_worker(
        &template,
        &version,
        content::storage::CACHE_PREFIX,
        &precache,
    )?;
    fs::write(dist.join(SERVICE_WORKER.trim_start_matches('/')), worker).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_name_changes_with_the_content_and_keeps_the_extension() {
        let a = hashed_path("app_bg.wasm", b"one");
        let b = hashed_path("app_bg.wasm", b"two");
        assert_ne!(a, b);
        assert!(
            a.starts_with("/assets/app_bg.") && a.ends_with(".wasm"),
            "{a}"
        );
        assert_eq!(a, hashed_path("app_bg.wasm", b"one"));
        assert_eq!(a.len(), "/assets/app_bg.".len() + 16 + ".wasm".len());
    }

    #[test]
    fn rewrite_replaces_whole_quoted_paths_only() {
        let names = vec![
            ("/pkg/app.js".to_string(), "/assets/app.1.js".to_string()),
            (
                "/pkg/app_bg.wasm".to_string(),
                "/assets/app_bg.2.wasm".to_string(),
            ),
        ];
        let text =
            r#"<link href="/pkg/app.js"> import('/pkg/app_bg.wasm') "/pkg/app.jsx" /pkg/app.js"#;
        assert_eq!(
            rewrite(text, &names),
            r#"<link href="/assets/app.1.js"> import('/assets/app_bg.2.wasm') "/pkg/app.jsx" /pkg/app.js"#
        );
    }

    #[test]
    fn the_theme_colours_come_from_the_light_tokens() {
        let css = ":root {\n  --bg: #f7f8f6;\n  --accent: #1f5f8b;\n}\n@media (prefers-color-scheme: dark) { :root { --bg: #111518; } }";
        assert_eq!(token(css, "--bg"), Some("#f7f8f6"));
        assert_eq!(token(css, "--accent"), Some("#1f5f8b"));
        assert_eq!(token(css, "--missing"), None);
    }

    #[test]
    fn the_worker_gets_its_version_and_list_or_the_build_fails() {
        let template = "const VERSION = '__VERSION__';\nconst PREFIX = '__CACHE_PREFIX__';\nconst PRECACHE = [/* __PRECACHE__ */];";
        let out = service_worker(
            template,
            "abc",
            "mestring-",
            &["/".into(), "/assets/a.1.js".into()],
        )
        .unwrap();
        assert_eq!(
            out,
            "const VERSION = 'abc';\nconst PREFIX = 'mestring-';\nconst PRECACHE = [\"/\",\"/assets/a.1.js\"];"
        );
        assert!(service_worker("nothing", "abc", "m-", &[]).is_err());
    }

    #[test]
    fn the_manifest_is_installable() {
        let icons = [Icon {
            path: "/assets/icon-512.1.png".into(),
            sizes: "512x512",
            kind: "image/png",
            purpose: "any",
        }];
        let m: serde_json::Value =
            serde_json::from_str(&manifest("#1f5f8b", "#f7f8f6", &icons)).unwrap();
        for field in [
            "name",
            "short_name",
            "start_url",
            "display",
            "icons",
            "theme_color",
        ] {
            assert!(!m[field].is_null(), "{field}");
        }
        assert_eq!(m["display"], "standalone");
        assert_eq!(m["theme_color"], "#1f5f8b");
        assert_eq!(m["icons"][0]["sizes"], "512x512");
    }

    /// The repository's own sources: the worker template has its markers, the stylesheet its
    /// tokens, and index.html names its assets in quotes (so [`rewrite`] finds them).
    #[test]
    fn the_sources_fit_the_build() {
        let root = crate::paths::root();
        let sw = fs::read_to_string(root.join("app/sw.js")).unwrap();
        assert!(service_worker(&sw, "v", "p", &[]).is_ok());
        let css = fs::read_to_string(root.join("style/main.css")).unwrap();
        assert!(token(&css, "--accent").is_some_and(|v| v.starts_with('#')));
        let index = fs::read_to_string(root.join("app/index.html")).unwrap();
        for plain in [
            "/style/main.css",
            "/boot.js",
            "/pkg/app.js",
            "/pkg/app_bg.wasm",
        ] {
            assert!(index.contains(&format!("\"{plain}\"")), "{plain}");
        }
        assert!(index.contains(&format!("\"{MANIFEST}\"")));
        // The browser's theme colour is the manifest's: the light theme's accent.
        let accent = token(&css, "--accent").unwrap();
        assert!(
            index.contains(&format!("<meta name=\"theme-color\" content=\"{accent}\">")),
            "theme-color of index.html is not {accent}"
        );
    }
}
