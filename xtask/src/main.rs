//! `cargo xtask <command>`: everything a fresh machine needs, installed from the package
//! registries only, then built, served or tested. See README.md.

mod admin;
mod assets;
mod bench;
mod build;
mod cmd;
mod contract;
mod front;
mod fuzz;
mod paths;
mod proof;
mod server;
mod setup_check;
mod stripe_standin;
mod test;
mod toolchain;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  dev [--port P]   build everything and serve app + /api with wrangler dev (default port 8787)
  test             fmt, clippy, unit tests, builds, edge integration and browser tests
  load             1,000 sessions submit 10,000 responses: zero errors, zero duplicates
  fault            kill and restart wrangler dev mid-burst: the app's queue loses nothing
  fuzz [SECONDS]   fuzz code normalisation, content loading and every API body parser
  bench            measure size, speed, load and report cost; rewrites BENCHMARKS.md
  bench overview   only the staff overview at 50 vs 5,000 participants (updates the same files)
  bench size       only the first-load bytes: what Chromium fetches for the login page, and
                   what the service worker fetches after it (updates the same files)
  bench load       only the load figures: 3 rounds of 20 s per call, medians (same files)
  bench argon2     only Argon2id, Chromium (the app's worker) vs native (updates the same files)
  bench lighthouse only Lighthouse on the login and questionnaire pages (updates the same files)
  build            build the app and the edge (release, size-optimised)
  setup            install the toolchain pieces that are missing (idempotent)
  admin create-business --name NAME --super-user EMAIL [--remote --url URL] [--env production]
                   create a business and print a one-time invite link for its first super user
  admin create-vouchers --count N --label LABEL --expires YYYY-MM-DD [--tool ID] [--plan ID]
                   [--remote --env production]: vouchers for private access, printed once as CSV";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => parse_port(&args[1..]).and_then(server::dev),
        Some("test") => {
            // `--` passes the rest to Playwright (e.g. a file filter) while iterating.
            let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
            let browser_only = args[1..split].iter().any(|a| a == "--browser-only");
            test::run(browser_only, args.get(split + 1..).unwrap_or_default())
        }
        Some("bench") => match &args[1..] {
            [] => bench::run(bench::Only::All),
            [only] if only == "overview" => bench::run(bench::Only::Overview),
            [only] if only == "size" => bench::run(bench::Only::Size),
            [only] if only == "load" => bench::run(bench::Only::Load),
            [only] if only == "argon2" => bench::run(bench::Only::Argon2),
            [only] if only == "lighthouse" => bench::run(bench::Only::Lighthouse),
            _ => Err(format!(
                "unexpected arguments: {}\n\n{USAGE}",
                args[1..].join(" ")
            )),
        },
        Some("load") => proof::load(),
        Some("fault") => proof::fault(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("build") => toolchain::Tools::ensure(false)
            .and_then(|t| build::all(&t))
            .map(|()| cmd::report("build")),
        Some("admin") => admin::run(&args[1..]),
        Some("setup") => toolchain::Tools::ensure(true).map(|_| cmd::report("set-up")),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(8787),
        [flag, port] if flag == "--port" => port.parse().map_err(|_| format!("bad port `{port}`")),
        [flag] if flag.starts_with("--port=") => {
            let port = &flag["--port=".len()..];
            port.parse().map_err(|_| format!("bad port `{port}`"))
        }
        _ => Err(format!(
            "unexpected arguments: {}\n\n{USAGE}",
            args.join(" ")
        )),
    }
}
