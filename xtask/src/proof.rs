//! `cargo xtask load` and `cargo xtask fault`: the bounded, loopback-only load and fault runs
//! of issue 7, one command each, on fresh local databases.

use crate::{
    build, cmd, paths,
    server::{self, Env},
    toolchain::Tools,
};
use std::{fs, process::Command};

fn prepare(chromium: bool, name: &str) -> Result<(Tools, std::path::PathBuf), String> {
    let tools = Tools::ensure(chromium)?;
    build::all(&tools)?;
    server::ensure_dev_vars()?;
    let state = server::fresh_state(Some(name))?;
    server::migrate(&tools, Env::Dev, &state)?;
    fs::create_dir_all(paths::work().join("logs")).map_err(|e| e.to_string())?;
    Ok((tools, state))
}

fn finish(status: std::process::ExitStatus, what: &str) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// 1,000 sessions submit 10,000 responses (plus 1,000 retries): zero errors, zero duplicates.
/// Then the bytes of every table and index of the database it filled
/// (`.mestring/d1-bytes.json`).
pub fn load() -> Result<(), String> {
    let (tools, state) = prepare(false, "load")?;
    let dev = server::start(
        &tools,
        Env::Dev,
        server::free_port()?,
        &state,
        Some(&paths::work().join("logs/wrangler-load.log")),
    )?;
    cmd::step("load: 1,000 sessions, 10,000 responses (tests/load/load.mjs)");
    let status = Command::new(&tools.node)
        .current_dir(paths::root())
        .arg("tests/load/load.mjs")
        .env("PATH", tools.node_path())
        .env("MESTRING_URL", dev.url())
        .status()
        .map_err(|e| format!("load: {e}"))?;
    drop(dev);
    finish(status, "the load run")?;
    // The scale arithmetic of DEPLOY.md starts from what this run stored: bytes per table and
    // per index, measured on a copy of the database it filled.
    cmd::step("D1 bytes per table and index (tests/load/d1_bytes.py)");
    let status = Command::new("python3")
        .current_dir(paths::root())
        .arg("tests/load/d1_bytes.py")
        .arg(&state)
        .arg(paths::work().join("d1-bytes.json"))
        .status()
        .map_err(|e| format!("python3: {e}"))?;
    finish(status, "the D1 measurement")
}

/// The browser test that kills `wrangler dev` mid-burst and restarts it; it runs the server
/// itself, so only the database and the port are prepared here.
pub fn fault() -> Result<(), String> {
    let (tools, state) = prepare(true, "fault")?;
    let port = server::free_port()?;
    cmd::step("fault: wrangler dev killed and restarted mid-burst (tests/fault)");
    let status = Command::new(&tools.node)
        .current_dir(paths::root())
        .arg(paths::node_modules().join("@playwright/test/cli.js"))
        .args(["test", "--config", "tests/fault.config.ts"])
        .env("PATH", tools.node_path())
        .env("MESTRING_URL", format!("http://127.0.0.1:{port}"))
        .env("FAULT_STATE", &state)
        .env(
            "FAULT_WRANGLER_JS",
            paths::node_modules().join("wrangler/bin/wrangler.js"),
        )
        .env("FAULT_EDGE_DIR", paths::root().join("edge"))
        .env("FAULT_LOG", paths::work().join("logs/wrangler-fault.log"))
        .env("WRANGLER_SEND_METRICS", "false")
        .env("XDG_CONFIG_HOME", paths::work().join("xdg"))
        .env("NO_UPDATE_NOTIFIER", "1")
        .env("CI", "true")
        .status()
        .map_err(|e| format!("playwright: {e}"))?;
    finish(status, "the fault run")
}
