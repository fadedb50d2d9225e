//! `cargo xtask test`: static checks, native unit tests, the release builds, then the edge
//! integration tests and browser tests (Playwright + Debian Chromium) against real `wrangler dev`
//! servers with fresh local D1 databases, then the contract checked from outside (schemathesis).
//! Ends with one line `N passed, N failed`.

use crate::{
    build, cmd, contract, paths,
    server::{self, Env},
    setup_check, stripe_standin,
    toolchain::Tools,
};
use std::{
    fs,
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    skipped: u64,
    problems: Vec<String>,
}

impl Tally {
    fn fail(&mut self, what: String) {
        self.failed += 1;
        self.problems.push(what);
    }
}

/// `browser_only` (`cargo xtask test --browser-only`) skips the static checks and unit tests,
/// for quick iteration on the integration and browser tests; CI always runs everything.
pub fn run(browser_only: bool, playwright_args: &[String]) -> Result<(), String> {
    cmd::start_clock();
    let mut tally = Tally::default();
    let root = paths::root();
    if !browser_only {
        static_checks_and_unit_tests(&mut tally, &root)?;
    }
    if let Err(e) = build_and_browse(&mut tally, playwright_args) {
        tally.fail(e);
    }

    println!();
    for p in &tally.problems {
        println!("FAILED: {p}");
    }
    let skipped = if tally.skipped > 0 {
        format!(", {} skipped", tally.skipped)
    } else {
        String::new()
    };
    cmd::report("steps");
    println!("{} passed, {} failed{skipped}", tally.passed, tally.failed);
    if tally.failed > 0 {
        Err("tests failed".into())
    } else {
        Ok(())
    }
}

fn static_checks_and_unit_tests(tally: &mut Tally, root: &std::path::Path) -> Result<(), String> {
    check(
        tally,
        "cargo fmt --check",
        Command::new("cargo")
            .current_dir(root)
            .args(["fmt", "--all", "--check"]),
    );

    check(
        tally,
        "cargo clippy -D warnings",
        Command::new("cargo").current_dir(root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ]),
    );

    cmd::timed("native unit tests (cargo test)", || cargo_tests(tally))
}

fn check(tally: &mut Tally, name: &str, c: &mut Command) {
    match cmd::timed(name, || cmd::run(c)) {
        Ok(()) => tally.passed += 1,
        Err(e) => tally.fail(format!("{name}: {e}")),
    }
}

/// Runs `cargo test` natively, echoing its output and summing its `test result:` lines.
fn cargo_tests(tally: &mut Tally) -> Result<(), String> {
    let mut child = Command::new("cargo")
        .current_dir(paths::root())
        .args(["test", "--workspace", "--color", "never"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo test: {e}"))?;
    let mut saw_result = false;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some((p, f, i)) = parse_test_result(&line) {
                saw_result = true;
                tally.passed += p;
                tally.failed += f;
                tally.skipped += i;
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        tally
            .problems
            .push(format!("cargo test exited with {status}"));
        if !saw_result {
            tally.failed += 1;
        }
    }
    Ok(())
}

/// `test result: ok. 12 passed; 0 failed; 1 ignored; …` → (12, 0, 1)
pub fn parse_test_result(line: &str) -> Option<(u64, u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let mut passed = None;
    let mut failed = None;
    let mut ignored = 0;
    for part in rest.split([';', '.']) {
        let mut words = part.split_whitespace();
        let (Some(n), Some(what)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u64>() else { continue };
        match what {
            "passed" => passed = Some(n),
            "failed" => failed = Some(n),
            "ignored" => ignored = n,
            _ => {}
        }
    }
    Some((passed?, failed?, ignored))
}

fn build_and_browse(tally: &mut Tally, playwright_args: &[String]) -> Result<(), String> {
    // One test run at a time per checkout: runs share dist/, edge/build and the test database.
    fs::create_dir_all(paths::work()).map_err(|e| e.to_string())?;
    let lock = fs::File::create(paths::work().join("test.lock")).map_err(|e| e.to_string())?;
    if lock.try_lock().is_err() {
        println!("waiting for another test run in this checkout to finish …");
        lock.lock().map_err(|e| e.to_string())?;
    }
    let tools = Tools::ensure(true)?;
    let schemathesis = contract::ensure()?;
    build::all(&tools)?;
    tally.passed += 1;
    server::ensure_dev_vars()?;
    for (name, result) in setup_check::run(&tools) {
        match result {
            Ok(_) => tally.passed += 1,
            Err(e) => tally.fail(format!("{name}: {e}")),
        }
    }

    cmd::step("starting wrangler dev (dev and production configs) with fresh local D1 databases");
    let logs = paths::work().join("logs");
    fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let dev_state = server::fresh_state(None)?;
    let prod_state = server::fresh_state(Some("test-production"))?;
    server::migrate(&tools, Env::Dev, &dev_state)?;
    server::migrate(&tools, Env::Production, &prod_state)?;
    // Card purchase is configured in the dev server of the test run only, against a local
    // stand-in for Stripe's API (Stripe itself is not reachable from here); the production
    // config has none, so there the purchase calls answer 404.
    let stripe = stripe_standin::start(format!("whsec_test_{}", server::random_token()?))?;
    let dev = server::start_with(
        &tools,
        Env::Dev,
        server::free_port()?,
        &dev_state,
        Some(&logs.join("wrangler-dev.log")),
        &[
            (
                "STRIPE_API_BASE",
                format!("http://127.0.0.1:{}", stripe.port),
            ),
            ("STRIPE_SECRET_KEY", stripe_standin::SECRET_KEY.to_string()),
            ("STRIPE_WEBHOOK_SECRET", stripe.webhook_secret.clone()),
            ("STRIPE_PRICE", stripe_standin::PRICE.to_string()),
        ],
    )?;
    let prod = server::start(
        &tools,
        Env::Production,
        server::free_port()?,
        &prod_state,
        Some(&logs.join("wrangler-production.log")),
    )?;

    cmd::step("edge integration and browser tests (Playwright, Debian Chromium)");
    let report = paths::work().join("playwright-report.json");
    let _ = fs::remove_file(&report);
    // Secrets the tests handle, for the final database-dump test; fresh with the fresh database.
    let _ = fs::remove_dir_all(paths::work().join("test-ledger"));
    let status = Command::new(&tools.node)
        .current_dir(paths::root())
        .arg(paths::node_modules().join("@playwright/test/cli.js"))
        .args(["test", "--config", "tests/playwright.config.ts"])
        .args(playwright_args)
        .env("PATH", tools.node_path())
        .env("MESTRING_URL", dev.url())
        .env("MESTRING_PRODUCTION_URL", prod.url())
        .env(
            "MESTRING_STRIPE_STANDIN",
            format!("http://127.0.0.1:{}", stripe.port),
        )
        .env("MESTRING_STRIPE_WEBHOOK_SECRET", &stripe.webhook_secret)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("CI", "true")
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("playwright: {e}"))?;
    drop(prod);

    let stats = fs::read_to_string(&report)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .map(|v| v["stats"].clone());
    match stats {
        Some(s) => {
            let n = |k: &str| s[k].as_u64().unwrap_or(0);
            tally.passed += n("expected") + n("flaky");
            tally.failed += n("unexpected");
            tally.skipped += n("skipped");
            if n("expected") == 0 {
                tally.fail("playwright ran no test".into());
            }
        }
        None => tally.fail("playwright wrote no report".into()),
    }
    if !status.success() {
        tally
            .problems
            .push(format!("playwright exited with {status}"));
    }

    // After the browser tests, so that its thousands of calls (and the login throttle they
    // trip) cannot disturb them.
    cmd::step("the contract from outside: schemathesis against GET /api/openapi.json");
    for (name, result) in contract::run(&schemathesis, dev.port) {
        match result {
            Ok(()) => tally.passed += 1,
            Err(e) => tally.fail(format!("{name}: {e}")),
        }
    }
    drop(dev);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_test_result;

    #[test]
    fn reads_cargo_test_summaries() {
        let line = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(parse_test_result(line), Some((12, 0, 1)));
        let line = "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(parse_test_result(line), Some((3, 2, 0)));
        assert_eq!(parse_test_result("running 3 tests"), None);
    }
}
