//! Release builds of the app (Leptos → wasm32 → wasm-bindgen → wasm-opt) and of the edge
//! (worker-build with every download replaced by a local binary).

use crate::{cmd, paths, toolchain::Tools};
use std::{fs, path::Path, process::Command};

pub fn all(tools: &Tools) -> Result<(), String> {
    app(tools)?;
    edge(tools)
}

/// The two app bundles: end users get `app` (no staff pages); `boot.js` loads `staff` (the
/// whole app with staff mode) on /staff paths.
pub const BUNDLES: [(&str, &[&str]); 2] = [("app", &["--no-default-features"]), ("staff", &[])];

pub fn app(tools: &Tools) -> Result<(), String> {
    let root = paths::root();
    let dist = paths::dist_app();
    let _ = fs::remove_dir_all(&dist);
    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    for (name, features) in BUNDLES {
        cmd::step(&format!(
            "building the {name} bundle (wasm32, size-optimised)"
        ));
        cmd::run(
            tools
                .wasm_cargo()
                .current_dir(&root)
                .args([
                    "build",
                    "--release",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "app",
                ])
                .args(features)
                // Leptos's type erasure: one code path per component instead of one per view type.
                .env("RUSTFLAGS", "--cfg erase_components"),
        )?;
        let wasm = tools
            .wasm
            .target_dir
            .join("wasm32-unknown-unknown/release/app.wasm");
        cmd::run(
            Command::new(&tools.wasm_bindgen)
                .args([
                    "--target",
                    "web",
                    "--no-typescript",
                    "--out-name",
                    name,
                    "--out-dir",
                ])
                .arg(&pkg)
                .arg(&wasm),
        )?;
        wasm_opt(tools, &pkg.join(format!("{name}_bg.wasm")))?;
        minify(tools, &pkg.join(format!("{name}.js")))?;
    }
    for file in ["index.html", "boot.js", "favicon.svg"] {
        copy(&root.join("app").join(file), &dist.join(file))?;
    }
    let style = dist.join("style");
    fs::create_dir_all(&style).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(root.join("style"))
        .map_err(|e| e.to_string())?
        .flatten()
    {
        copy(&entry.path(), &style.join(entry.file_name()))?;
    }
    // Assets never run the worker, so their security headers come from this file.
    fs::write(
        dist.join("_headers"),
        content::headers::assets_headers_file(),
    )
    .map_err(|e| e.to_string())?;
    for (name, _) in BUNDLES {
        let size = fs::metadata(pkg.join(format!("{name}_bg.wasm")))
            .map(|m| m.len())
            .unwrap_or(0);
        println!("{name}: {} KiB wasm", size / 1024);
    }
    Ok(())
}

/// wasm-bindgen's glue is readable JavaScript; esbuild (already here for worker-build) makes it
/// about a third of the size.
fn minify(tools: &Tools, file: &Path) -> Result<(), String> {
    cmd::run(
        Command::new(&tools.esbuild)
            .arg(file)
            .args([
                "--minify",
                "--format=esm",
                "--log-level=warning",
                "--allow-overwrite",
            ])
            .arg(format!("--outfile={}", file.display())),
    )
}

fn wasm_opt(tools: &Tools, file: &Path) -> Result<(), String> {
    cmd::run(
        Command::new(&tools.node)
            .arg(&tools.wasm_opt)
            .arg(file)
            .arg("-o")
            .arg(file)
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .args([
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ]),
    )
}

pub fn edge(tools: &Tools) -> Result<(), String> {
    cmd::step("building the edge worker (worker-build, no downloads)");
    let mut c = Command::new(&tools.worker_build);
    tools.wasm_env(&mut c);
    cmd::run(
        c.current_dir(paths::root().join("edge"))
            .arg("--release")
            .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
            .env("WASM_OPT_BIN", &tools.wasm_opt)
            .env("ESBUILD_BIN", &tools.esbuild)
            // Node 22 first: binaryen's wasm-opt is a Node script.
            .env("PATH", format!("{}:{}", node_dir(tools), tools.wasm_path())),
    )
}

fn node_dir(tools: &Tools) -> String {
    tools
        .node
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {}: {e}", from.display()))
}
