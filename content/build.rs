//! Validates every content file in `data/` and embeds the result as JSON.
//!
//! A content error stops the build with messages naming file, item and field, so broken content
//! can never ship. The runtime crate then parses trusted JSON with `serde_json` (already linked)
//! instead of TOML: `toml` stays a build-dependency, out of the browser bundle.

#[allow(dead_code)]
#[path = "src/i18n.rs"]
mod i18n;
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/source.rs"]
mod source;
#[allow(dead_code)]
#[path = "src/validate.rs"]
mod validate;

use std::path::PathBuf;

fn main() {
    for f in [
        "data",
        "src/i18n.rs",
        "src/model.rs",
        "src/source.rs",
        "src/validate.rs",
    ] {
        println!("cargo::rerun-if-changed={f}");
    }
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());

    let catalog = match source::load_dir(&manifest.join("data"), "content/data") {
        Ok((catalog, files)) => {
            for f in files {
                println!("cargo::rerun-if-changed={}", f.display());
            }
            catalog
        }
        Err(errors) => {
            eprintln!("content validation failed ({} problem(s)):", errors.0.len());
            eprintln!("{errors}");
            std::process::exit(1);
        }
    };

    // One JSON file per kind, so a binary that only needs instruments can drop the tool texts.
    let write = |name: &str, json: Result<String, serde_json::Error>| {
        let result = json
            .map_err(|e| e.to_string())
            .and_then(|s| std::fs::write(out.join(name), s).map_err(|e| e.to_string()));
        if let Err(e) = result {
            eprintln!("content: cannot write {name} to OUT_DIR: {e}");
            std::process::exit(1);
        }
    };
    write(
        "instruments.json",
        serde_json::to_string(&catalog.instruments),
    );
    write("tools.json", serde_json::to_string(&catalog.tools));
    write("plans.json", serde_json::to_string(&catalog.plans));
}
