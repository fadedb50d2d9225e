//! `cargo xtask fuzz [SECONDS]`: cargo fuzz (libFuzzer) on the three targets of `fuzz/`, each
//! for SECONDS (default 60). cargo-fuzz is installed from crates.io into the cache once; the
//! stable toolchain is allowed its nightly flags with RUSTC_BOOTSTRAP, and no sanitizer is used
//! (the targets are safe Rust: a panic is the failure being looked for).
//! Corpora live in fuzz/corpus/<target>, seeded from content/data and example bodies;
//! a crash is saved in fuzz/artifacts/<target>.

use crate::{cmd, paths};
use std::{fs, path::Path, process::Command};

const TARGETS: [&str; 3] = ["code", "content_source", "api_bodies"];

pub fn run(args: &[String]) -> Result<(), String> {
    let seconds: u32 = match args.first() {
        None => 60,
        Some(s) => s
            .parse()
            .map_err(|_| format!("bad number of seconds `{s}`"))?,
    };
    let root = paths::root();
    let install = paths::cache().join("cargo-fuzz");
    let bin = install.join("bin/cargo-fuzz");
    if !bin.exists() {
        cmd::step("installing cargo-fuzz from crates.io (once)");
        cmd::run(
            Command::new("cargo")
                .args(["install", "cargo-fuzz", "--locked", "--root"])
                .arg(&install),
        )?;
    }
    seed(&root)?;
    for target in TARGETS {
        cmd::step(&format!("fuzzing `{target}` for {seconds} s"));
        cmd::run(
            Command::new(&bin)
                .current_dir(&root)
                .args(["fuzz", "run", "--sanitizer", "none", target])
                .arg(root.join("fuzz/corpus").join(target))
                .args(["--", &format!("-max_total_time={seconds}"), "-max_len=4096"])
                .env("RUSTC_BOOTSTRAP", "1"),
        )?;
    }
    println!("fuzz: no target panicked");
    Ok(())
}

/// Starting points: real content files, real codes and one well-formed body per parser.
fn seed(root: &Path) -> Result<(), String> {
    let corpus = root.join("fuzz/corpus");
    let write = |target: &str, name: &str, bytes: &[u8]| -> Result<(), String> {
        let dir = corpus.join(target);
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        fs::write(dir.join(name), bytes).map_err(|e| e.to_string())
    };
    for kind in ["instruments", "tools", "plans"] {
        let dir = root.join("content/data").join(kind);
        for entry in fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
        {
            let bytes = fs::read(entry.path()).map_err(|e| e.to_string())?;
            write(
                "content_source",
                &format!("{kind}-{}", entry.file_name().to_string_lossy()),
                &bytes,
            )?;
        }
    }
    for (i, code) in [
        "ABCD-EFGH-JKMN-P",
        "abcd efgh jkmn p",
        "0000-0000-0000-0",
        "ABCDEFGHJKMNP",
    ]
    .iter()
    .enumerate()
    {
        write("code", &format!("seed-{i}"), code.as_bytes())?;
    }
    // The edge's own examples, `{"endpoint", "body"}` per line in the order of
    // `edge::bodies::BODIES`, which a native test of the edge proves each pass every check.
    let path = root.join("edge/src/ground/bodies.jsonl");
    let examples = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (i, line) in examples.lines().enumerate() {
        let example: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let mut bytes = vec![i as u8];
        bytes.extend_from_slice(example["body"].to_string().as_bytes());
        write("api_bodies", &format!("seed-{i:02}"), &bytes)?;
    }
    Ok(())
}
