//! Where things live: the repository, the ignored work folder, and the tool cache outside the
//! clone (so a fresh clone on the same machine reuses installed tools).

use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Ignored by git: wrangler config/state, test reports.
pub fn work() -> PathBuf {
    root().join(".mestring")
}

pub fn cache() -> PathBuf {
    if let Some(dir) = std::env::var_os("MESTRING_CACHE") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    base.join("mestring")
}

pub fn dist_app() -> PathBuf {
    root().join("dist").join("app")
}

pub fn node_modules() -> PathBuf {
    root().join("node_modules")
}

/// Where a set-up step that runs beside others writes its output.
pub fn setup_log(step: &str) -> PathBuf {
    work().join("setup").join(format!("{step}.log"))
}
