//! `cargo xtask bench`: builds, starts `wrangler dev` on a fresh local database and runs
//! `tests/bench/bench.mjs`, which measures everything side by side in one run and rewrites
//! BENCHMARKS.md and benchmarks.json. The native Argon2id baseline is measured here.
//! `cargo xtask bench overview` measures only the staff overview (50 vs 5,000 participants)
//! and puts that figure into the same two files, keeping the others; `cargo xtask bench size`
//! likewise for the first-load bytes, `cargo xtask bench load` for the load figures (code
//! validation and /api/me against /api/health) and `cargo xtask bench argon2` for Argon2id
//! alone (Chromium's worker vs native, a few minutes).

use crate::{
    build, cmd, paths,
    server::{self, Env},
    toolchain::Tools,
};
use std::{fs, process::Command, time::Instant};

/// What to measure.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Only {
    All,
    /// The staff overview alone.
    Overview,
    /// The first-load bytes alone.
    Size,
    /// The load figures alone (about 3 minutes of load after the build).
    Load,
    /// Argon2id alone.
    Argon2,
    /// Lighthouse alone (the login and questionnaire pages).
    Lighthouse,
}

pub fn run(only: Only) -> Result<(), String> {
    let tools = Tools::ensure(true)?;
    build::all(&tools)?;
    server::ensure_dev_vars()?;

    let native = if matches!(only, Only::All | Only::Argon2) {
        cmd::step("native Argon2id (19456 KiB, t = 2, p = 1), the baseline for the browser figure");
        let native = native_argon2_ms(NATIVE_RUNS)?;
        println!("native Argon2id: {native:?} ms");
        native
    } else {
        Vec::new()
    };

    cmd::step("starting wrangler dev on a fresh local database for the benchmarks");
    let state = server::fresh_state(Some("bench"))?;
    server::migrate(&tools, Env::Dev, &state)?;
    let logs = paths::work().join("logs");
    fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let dev = server::start(
        &tools,
        Env::Dev,
        server::free_port()?,
        &state,
        Some(&logs.join("wrangler-bench.log")),
    )?;

    cmd::step("benchmarks (tests/bench/bench.mjs)");
    let native_json = serde_json::to_string(&native).map_err(|e| e.to_string())?;
    let mut node = Command::new(&tools.node);
    node.current_dir(paths::root()).arg("tests/bench/bench.mjs");
    match only {
        Only::All => {}
        Only::Overview => {
            node.arg("--overview");
        }
        Only::Size => {
            node.arg("--size");
        }
        Only::Load => {
            node.arg("--load");
        }
        Only::Argon2 => {
            node.arg("--argon2");
        }
        Only::Lighthouse => {
            node.arg("--lighthouse");
        }
    }
    let status = node
        .env("PATH", tools.node_path())
        .env("MESTRING_URL", dev.url())
        .env("MESTRING_EDGE_URL", dev.upstream_url())
        .env("BENCH_NATIVE_ARGON2_MS", native_json)
        .env("BENCH_MACHINE", machine())
        .env("CHROME_PATH", "/usr/bin/chromium")
        .status()
        .map_err(|e| format!("bench: {e}"))?;
    drop(dev);
    if status.success() {
        Ok(())
    } else {
        Err(format!("bench.mjs exited with {status}"))
    }
}

/// Native runs of Argon2id; the browser's figure is a median of as many unlocks.
const NATIVE_RUNS: usize = 9;

/// Milliseconds per Argon2id run with the app's parameters, `runs` times, through the same
/// code as the browser's worker (the `kdf` crate: memory allocated by the first run, reused).
fn native_argon2_ms(runs: usize) -> Result<Vec<f64>, String> {
    use content::api::PreloginParams as P;
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let start = Instant::now();
        kdf::derive(
            b"ABCD-EFGH-JKMN-P",
            format!("bench-salt-{i:04}").as_bytes(),
            P::DEFAULT_M_KIB,
            P::DEFAULT_T,
            P::DEFAULT_P,
        )
        .map_err(|e| format!("{e:?}"))?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(times)
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map(|k| format!("{} GiB", k / 1024 / 1024))
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, {mem} RAM, {}", std::env::consts::OS)
}
