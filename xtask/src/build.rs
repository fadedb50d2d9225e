//! Release builds of the app (Leptos → wasm32 → wasm-bindgen → wasm-opt) and of the edge
//! (wasm32 → wasm-bindgen → wasm-opt → esbuild around `edge/shim.js`), with local tools only.

use crate::{assets, cmd, paths, toolchain::Tools};
use std::{fs, path::Path, process::Command};

/// The app bundles and the worker side by side: each release build ends in a long single-threaded
/// LTO step, so two builds keep both cores busy (measured: 324 s one after the other on a cold
/// 2-core machine). The worker has its own target folder (other flags, no lock contention) and
/// writes its compiler output to a log.
pub fn all(tools: &Tools) -> Result<(), String> {
    let (app, edge) = std::thread::scope(|s| {
        let edge = s.spawn(|| edge(tools, Some(&paths::setup_log("edge-build"))));
        (app(tools), edge.join())
    });
    app?;
    edge.unwrap_or_else(|_| Err("the worker build panicked".into()))
}

/// The two app bundles: end users get `app` (no staff pages); `boot.js` loads `staff` (the
/// whole app with staff mode) on /staff paths.
pub const BUNDLES: [(&str, &[&str]); 2] = [("app", &["--no-default-features"]), ("staff", &[])];

pub fn app(tools: &Tools) -> Result<(), String> {
    let root = paths::root();
    let dist = paths::dist_app();
    // wasm-bindgen's output waits here (not served) until it is published under its hash.
    let pkg = tools.wasm.target_dir.join("pkg");
    fs::create_dir_all(&pkg).map_err(|e| e.to_string())?;
    for (name, features) in BUNDLES {
        cmd::timed(
            &format!("building the {name} bundle (wasm32, size-optimised)"),
            || {
                let (mut cargo, std_flags) = tools.app_cargo();
                let split = name == SPLIT_BUNDLE;
                cargo
                    .current_dir(&root)
                    .args([
                        if split { "rustc" } else { "build" },
                        "--release",
                        "--target",
                        "wasm32-unknown-unknown",
                        "-p",
                        "app",
                        "--bin",
                        "app",
                    ])
                    .args(features)
                    // Leptos's type erasure: one code path per component instead of one per view type.
                    .env("RUSTFLAGS", format!("--cfg erase_components {std_flags}"));
                if split {
                    // The relocations the splitter reads, on the final link only: as RUSTFLAGS
                    // they would rebuild every dependency apart from the staff bundle's, and
                    // stay in the staff bundle (2.5 times its size).
                    cargo.args(["--", "-C", "link-arg=--emit-relocs"]);
                }
                cmd::run(&mut cargo)?;
                let wasm = tools
                    .wasm
                    .target_dir
                    .join("wasm32-unknown-unknown/release/app.wasm");
                let out = pkg.join(format!("{name}_bg.wasm"));
                let stamp = tools.wasm.target_dir.join(format!("{name}.dist-stamp"));
                unless_fresh(&wasm, &out, &stamp, || {
                    if name == SPLIT_BUNDLE {
                        return split_bundle(tools, &wasm, &pkg);
                    }
                    bindgen(tools, &wasm, &pkg, name, &[])?;
                    wasm_opt(tools, &pkg.join(format!("{name}_bg.wasm")))?;
                    minify(tools, &pkg.join(format!("{name}.js")))
                })
            },
        )?;
    }
    kdf(tools, &pkg)?;
    // What earlier builds published: nothing of it may linger beside the hashed names.
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let app_dir = root.join("app");
    let source = |plain: &str, path: std::path::PathBuf, precache: bool| assets::Source {
        plain: plain.to_string(),
        source: path,
        precache,
    };
    // The split bundle's chunks first: `app.js` names them. Precached, so that every page opens
    // offline; the service worker fetches them after the page has loaded.
    let chunks = split_chunks(&pkg)?.into_iter().map(|path| {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        source(&format!("/pkg/split/{file}"), path.clone(), true)
    });
    let leaves: Vec<_> = chunks
        .chain([
            source("/pkg/app.js", pkg.join("app.js"), true),
            source("/pkg/app_bg.wasm", pkg.join("app_bg.wasm"), true),
            // Staff mode: cached on first use, never downloaded for end users.
            source("/pkg/staff.js", pkg.join("staff.js"), false),
            source("/pkg/staff_bg.wasm", pkg.join("staff_bg.wasm"), false),
            // The key-derivation worker and its module: precached, so an offline unlock works.
            source("/pkg/kdf.js", pkg.join("kdf.js"), true),
            source("/pkg/kdf_bg.wasm", pkg.join("kdf_bg.wasm"), true),
            source("/kdf-worker.js", app_dir.join("kdf-worker.js"), true),
            source("/style/main.css", root.join("style/main.css"), true),
            source("/style/staff.css", root.join("style/staff.css"), false),
            source("/favicon.svg", app_dir.join("favicon.svg"), true),
            source("/icons/icon.svg", app_dir.join("icons/icon.svg"), true),
            source(
                "/icons/icon-192.png",
                app_dir.join("icons/icon-192.png"),
                true,
            ),
            source(
                "/icons/icon-512.png",
                app_dir.join("icons/icon-512.png"),
                true,
            ),
        ])
        .collect();
    assets::publish(
        &dist,
        &leaves,
        &app_dir.join("boot.js"),
        &app_dir.join("index.html"),
        &app_dir.join("sw.js"),
        &root.join("style/main.css"),
    )?;
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

/// The bundle split at its lazy routes: the end user's (`app/src/routes.rs`).
pub const SPLIT_BUNDLE: &str = "app";

/// Where the end user's bundle's chunks are published from (`/pkg/split/<chunk>.wasm`).
pub fn split_dir(pkg: &Path) -> std::path::PathBuf {
    pkg.join("split")
}

/// The end user's bundle, split at its lazy routes by `wasm-split-cli`: the main module (the
/// runtime, the frame, the login page) goes through wasm-bindgen as before; each route's chunk
/// and the chunks routes share are wasm-opt'ed beside it; the splitter's loader, which fetches
/// a chunk on a route's first visit and links it to the main module, is bundled into `app.js`
/// (the two import each other, so one file keeps their content-hashed names independent).
fn split_bundle(tools: &Tools, wasm: &Path, pkg: &Path) -> Result<(), String> {
    let name = SPLIT_BUNDLE;
    let dir = split_dir(pkg);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // Its warnings (one per unknown name subsection) go to a log; a failure shows its end.
    cmd::run_logged(
        Command::new(&tools.wasm_split).arg(wasm).arg(&dir).args([
            "--target",
            "web",
            "--out-name",
            name,
        ]),
        &paths::setup_log("wasm-split"),
    )?;
    // The split main module (`<name>.wasm`) is wasm-bindgen's input; it keeps the exports
    // the chunks link to.
    let main = dir.join(format!("{name}.wasm"));
    bindgen(tools, &main, pkg, name, &["--keep-lld-exports"])?;
    fs::remove_file(&main).map_err(|e| e.to_string())?;
    wasm_opt(tools, &pkg.join(format!("{name}_bg.wasm")))?;
    // About a hundred small modules, each a wasm-opt start-up: two at a time, one per core.
    let chunks = split_chunks(pkg)?;
    let (odd, even): (Vec<_>, Vec<_>) = chunks.iter().enumerate().partition(|(i, _)| i % 2 == 1);
    let half = |part: Vec<(usize, &std::path::PathBuf)>| {
        part.into_iter()
            .try_for_each(|(_, chunk)| wasm_opt(tools, chunk))
    };
    std::thread::scope(|s| {
        let other = s.spawn(|| half(odd));
        let mine = half(even);
        other
            .join()
            .unwrap_or_else(|_| Err("wasm-opt panicked".into()))
            .and(mine)
    })?;
    // The loader names each chunk `./<chunk>.wasm` beside itself; written as the plain paths
    // the publisher gives content-hashed names.
    let loader_src = dir.join(SPLIT_LOADER);
    let loader = fs::read_to_string(&loader_src).map_err(|e| e.to_string())?;
    fs::remove_file(&loader_src).map_err(|e| e.to_string())?;
    fs::write(pkg.join(SPLIT_LOADER), chunk_paths(&quiet(&loader)?)).map_err(|e| e.to_string())?;
    bundle(tools, &pkg.join(format!("{name}.js")))?;
    fs::remove_file(pkg.join(SPLIT_LOADER)).map_err(|e| e.to_string())
}

/// The loader `wasm-split-cli` writes beside the chunks, and `app.js` imports.
const SPLIT_LOADER: &str = "__wasm_split.js";

/// `"./chunk.wasm"` → `"/pkg/split/chunk.wasm"`: absolute plain paths, which
/// [`crate::assets::rewrite`] replaces by the chunks' hashed names.
pub fn chunk_paths(loader: &str) -> String {
    let mut out = String::with_capacity(loader.len());
    let mut rest = loader;
    while let Some(at) = rest.find("\"./") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        match from[3..].find('"') {
            Some(end) if from[3..3 + end].ends_with(".wasm") => {
                out.push_str(&format!("\"/pkg/split/{}\"", &from[3..3 + end]));
                rest = &from[3 + end + 1..];
            }
            _ => {
                out.push_str("\"./");
                rest = &from[3..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The loader's failed fetch (offline) is reported to the app, which shows the page as not
/// available yet or, for a background preload, tries again on the visit; the loader's own
/// `console.error` of it goes, so the console keeps only errors nobody handled.
pub fn quiet(loader: &str) -> Result<String, String> {
    const LOGGED: &str = "console.error(e);\n            success = false;";
    if !loader.contains(LOGGED) {
        return Err(format!(
            "the split loader no longer reports a failed load as `{LOGGED}`: check its new form"
        ));
    }
    Ok(loader.replace(LOGGED, "success = false;"))
}

/// The chunks of the split bundle, in a stable order.
pub fn split_chunks(pkg: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut chunks: Vec<_> = fs::read_dir(split_dir(pkg))
        .map_err(|e| format!("the split bundle's chunks: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    chunks.sort();
    Ok(chunks)
}

fn bindgen(
    tools: &Tools,
    wasm: &Path,
    pkg: &Path,
    name: &str,
    extra: &[&str],
) -> Result<(), String> {
    cmd::run(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", "web", "--no-typescript", "--out-name", name])
            .args(extra)
            .arg("--out-dir")
            .arg(pkg)
            .arg(wasm),
    )
}

/// Whether the key-derivation module is built with wasm's 128-bit SIMD (`+simd128`);
/// `MESTRING_KDF_SIMD=0` or `1` overrides it, to measure one against the other
/// (`cargo xtask bench argon2`, tests/bench/notes.md).
const KDF_SIMD: bool = false;

fn kdf_simd() -> bool {
    match std::env::var("MESTRING_KDF_SIMD").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => KDF_SIMD,
    }
}

/// The key-derivation worker's module (the `kdf` crate: Argon2id only), built for speed
/// (`opt-level = 3`, `wasm-opt -O3`) in its own target folder, so its flags never make cargo
/// rebuild the app's dependencies.
fn kdf(tools: &Tools, pkg: &Path) -> Result<(), String> {
    let simd = kdf_simd();
    cmd::timed(
        &format!(
            "building the key-derivation worker (wasm32{})",
            if simd { ", simd128" } else { "" }
        ),
        || {
            let mut target_dir = tools.wasm.target_dir.clone().into_os_string();
            target_dir.push("-kdf");
            let target_dir = std::path::PathBuf::from(target_dir);
            let mut cargo = tools.wasm_cargo();
            cargo
                .current_dir(paths::root())
                .env("CARGO_TARGET_DIR", &target_dir)
                .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
                .args([
                    "build",
                    "--release",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "kdf",
                    "--lib",
                ]);
            if simd {
                cargo.env("RUSTFLAGS", "-C target-feature=+simd128");
            }
            cmd::run(&mut cargo)?;
            let wasm = target_dir.join("wasm32-unknown-unknown/release/kdf.wasm");
            let out = pkg.join("kdf_bg.wasm");
            let stamp = tools.wasm.target_dir.join("kdf.dist-stamp");
            unless_fresh(&wasm, &out, &stamp, || {
                bindgen(tools, &wasm, pkg, "kdf", &[])?;
                cmd::run(
                    Command::new(&tools.node)
                        .arg(&tools.wasm_opt)
                        .arg(&out)
                        .arg("-o")
                        .arg(&out)
                        .args(["-O3", "--strip-debug", "--strip-producers"])
                        .args(WASM_FEATURES.iter().map(|f| format!("--enable-{f}")))
                        .args(simd.then_some("--enable-simd")),
                )?;
                minify(tools, &pkg.join("kdf.js"))
            })
        },
    )
}

/// wasm-bindgen's glue is readable JavaScript; esbuild (wrangler ships it) makes it
/// about a third of the size.
fn minify(tools: &Tools, file: &Path) -> Result<(), String> {
    esbuild(tools, file, &[])
}

/// Like [`minify`], with what `file` imports bundled in.
fn bundle(tools: &Tools, file: &Path) -> Result<(), String> {
    esbuild(tools, file, &["--bundle"])
}

/// esbuild rewriting `file` in place as a minified ES module.
fn esbuild(tools: &Tools, file: &Path, extra: &[&str]) -> Result<(), String> {
    cmd::run(
        Command::new(&tools.esbuild)
            .arg(file)
            .args(extra)
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
            // -O2, not -Oz: larger raw but smaller once brotli-compressed, which is what is sent
            // (measured on both bundles: tests/bench/notes.md), and faster to run.
            .args(["-O2", "--strip-debug", "--strip-producers"])
            .args(WASM_FEATURES.iter().map(|f| format!("--enable-{f}"))),
    )
}

/// The worker, built as worker-build 0.8.7 builds it (same wasm-bindgen flags, wasm-opt
/// features and bundling), from tools the set-up has installed anyway: one cargo install less.
/// `log`: where the compiler's output goes (None: the console).
pub fn edge(tools: &Tools, log: Option<&Path>) -> Result<(), String> {
    cmd::timed(
        "building the edge worker (wasm32, wasm-bindgen, esbuild)",
        || {
            let edge = paths::root().join("edge");
            let target_dir = edge_target_dir(tools);
            let mut cargo = tools.wasm_cargo();
            cargo
                .current_dir(&edge)
                .env("CARGO_TARGET_DIR", &target_dir)
                .args([
                    "build",
                    "--lib",
                    "--release",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                // wasm-bindgen's macros use js_sys's futures, as under worker-build.
                .env("WASM_BINDGEN_USE_JS_SYS", "1");
            match log {
                Some(log) => cmd::run_logged(&mut cargo, log)?,
                None => cmd::run(&mut cargo)?,
            }
            let wasm = target_dir.join("wasm32-unknown-unknown/release/edge.wasm");
            let out = edge.join("build");
            let _ = fs::remove_dir_all(&out);
            fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            cmd::run(
                Command::new(&tools.wasm_bindgen)
                    .arg(&wasm)
                    .arg("--out-dir")
                    .arg(&out)
                    .args([
                        "--no-typescript",
                        "--target",
                        "module",
                        "--out-name",
                        "index",
                        "--experimental-reset-state-function",
                        "--force-enable-abort-handler",
                    ]),
            )?;
            let module = out.join("index_bg.wasm");
            cmd::run(
                Command::new(&tools.node)
                    .arg(&tools.wasm_opt)
                    .arg(&module)
                    .arg("-o")
                    .arg(&module)
                    .args(["-O", "--debuginfo"])
                    .args(WASM_FEATURES.iter().map(|f| format!("--enable-{f}")))
                    .arg("--enable-exception-handling"),
            )?;
            copy(&edge.join("shim.js"), &out.join("shim.js"))?;
            cmd::run(Command::new(&tools.esbuild).current_dir(&out).args([
                "--external:./index_bg.wasm",
                "--external:cloudflare:*",
                "--format=esm",
                "--bundle",
                "./shim.js",
                "--outfile=index.js",
                "--allow-overwrite",
                "--minify",
                "--log-level=warning",
            ]))?;
            // wasm-bindgen's `import source` (source-phase imports) is what esbuild keeps; workerd
            // takes a plain import of a .wasm module.
            let index = out.join("index.js");
            let text = fs::read_to_string(&index).map_err(|e| e.to_string())?;
            fs::write(&index, text.replace("import source ", "import "))
                .map_err(|e| e.to_string())?;
            for leftover in ["shim.js", "snippets"] {
                let p = out.join(leftover);
                let _ = fs::remove_file(&p);
                let _ = fs::remove_dir_all(&p);
            }
            Ok(())
        },
    )
}

/// Bumped whenever the steps after cargo change, so that outputs made the old way are redone.
const POST_BUILD_STEPS: &str = "4";

/// What an output was made from: the compiled module (size and time, which cargo changes on
/// every relink), the extra input, and the version of the steps after cargo.
fn stamp_of(input: &Path, extra: &[u8]) -> String {
    let meta = fs::metadata(input).ok();
    let extra: u64 = extra.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    format!(
        "{POST_BUILD_STEPS} {} {:?} {extra:x}",
        meta.as_ref().map_or(0, |m| m.len()),
        meta.and_then(|m| m.modified().ok())
    )
}

/// The output exists and was made from this very input: wasm-bindgen, wasm-opt and esbuild
/// (tens of seconds) are skipped on a rebuild that changed nothing.
fn is_fresh(input: &Path, output: &Path, stamp: &Path, extra: &[u8]) -> bool {
    output.exists() && fs::read_to_string(stamp).is_ok_and(|s| s == stamp_of(input, extra))
}

fn unless_fresh(
    input: &Path,
    output: &Path,
    stamp: &Path,
    post: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    if is_fresh(input, output, stamp, &[]) {
        return Ok(());
    }
    let _ = fs::remove_file(stamp);
    post()?;
    fs::write(stamp, stamp_of(input, &[])).map_err(|e| e.to_string())
}

fn edge_target_dir(tools: &Tools) -> std::path::PathBuf {
    let mut dir = tools.wasm.target_dir.clone().into_os_string();
    dir.push("-edge");
    dir.into()
}

/// The wasm features both modules may use (rustc's wasm32 defaults); the worker adds
/// exception handling for wasm-bindgen's catch wrappers.
const WASM_FEATURES: [&str; 6] = [
    "bulk-memory",
    "nontrapping-float-to-int",
    "sign-ext",
    "mutable-globals",
    "reference-types",
    "multivalue",
];

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {}: {e}", from.display()))
}

#[cfg(test)]
mod tests {
    use super::chunk_paths;

    #[test]
    fn the_loader_names_its_chunks_by_plain_paths_the_publisher_hashes() {
        let loader = r#"fetch(new URL("./split_a_1.wasm", import.meta.url)); import { initSync } from "./app.js"; x("./other")"#;
        assert_eq!(
            chunk_paths(loader),
            r#"fetch(new URL("/pkg/split/split_a_1.wasm", import.meta.url)); import { initSync } from "./app.js"; x("./other")"#
        );
    }

    #[test]
    fn a_failed_load_is_left_to_the_app_not_logged() {
        let loader = "try {\n            await callee();\n            success = true;\n        } catch (e) {\n            console.error(e);\n            success = false;\n        }";
        let quiet = super::quiet(loader).unwrap();
        assert!(!quiet.contains("console.error"), "{quiet}");
        assert!(
            quiet.contains("catch (e) {\n            success = false;"),
            "{quiet}"
        );
        assert!(super::quiet("console.error(x)").is_err());
    }

    #[test]
    fn a_loader_without_chunks_is_unchanged() {
        assert_eq!(chunk_paths(r#"a("./b.js", "./")"#), r#"a("./b.js", "./")"#);
    }
}
