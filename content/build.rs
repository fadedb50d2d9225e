//! Validates every content file in `data/` and embeds the result: content as JSON, the
//! deployment configuration as the Rust expression that builds it.
//!
//! A content error stops the build with messages naming file, item and field, so broken content
//! can never ship. The runtime crate then parses trusted JSON with `serde_json` (already linked)
//! instead of TOML: `toml` stays a build-dependency, out of the browser bundle.

#[allow(dead_code)]
#[path = "src/deployment.rs"]
mod deployment;
#[allow(dead_code)]
#[path = "src/i18n.rs"]
mod i18n;
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[path = "src/rust_literal.rs"]
mod rust_literal;
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
        "src/deployment.rs",
        "src/rust_literal.rs",
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

    // The deployment configuration: the demo file, or a deployer's own.
    println!("cargo::rerun-if-env-changed=MESTRING_DEPLOYMENT");
    let (path, display) = match std::env::var_os("MESTRING_DEPLOYMENT") {
        Some(p) => (PathBuf::from(&p), PathBuf::from(p).display().to_string()),
        None => (
            manifest.join("data/deployment/deployment.toml"),
            "content/data/deployment/deployment.toml".to_string(),
        ),
    };
    println!("cargo::rerun-if-changed={}", path.display());
    match load_deployment(&path, &display) {
        Ok(d) => {
            // Built directly by the binaries (`config::get`); the JSON is what its test compares.
            match rust_literal::to_rust(&d) {
                Ok(code) => write("deployment.rs", Ok(code)),
                Err(e) => {
                    eprintln!("deployment configuration: {e}");
                    std::process::exit(1);
                }
            }
            write("deployment.json", serde_json::to_string(&d))
        }
        Err(problems) => {
            eprintln!(
                "deployment configuration failed ({} problem(s)):",
                problems.len()
            );
            for p in problems {
                eprintln!("{p}");
            }
            std::process::exit(1);
        }
    }
}

/// Parses strictly (unknown fields are errors, naming the field) and checks every rule.
fn load_deployment(
    path: &std::path::Path,
    display: &str,
) -> Result<deployment::Deployment, Vec<String>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| vec![format!("{display}: (read): {e}")])?;
    let de = toml::de::Deserializer::parse(&text)
        .map_err(|e| vec![format!("{display}: (syntax): {}", e.message())])?;
    let d: deployment::Deployment = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        vec![format!("{display}: {field}: {}", e.inner().message())]
    })?;
    let problems = deployment::check(&d);
    if problems.is_empty() {
        Ok(d)
    } else {
        Err(problems
            .into_iter()
            .map(|p| format!("{display}: {}: {}", p.field, p.reason))
            .collect())
    }
}
