//! The part of `cargo xtask test` that proves a fresh machine can still do what this one did:
//! the npm lockfile installs into an empty folder from today's registry, every Debian file the
//! build calls belongs to a package xtask installs, and the production worker passes
//! `wrangler deploy --dry-run` within Cloudflare's limits.

use crate::{cmd, paths, server, toolchain};
use std::{fs, path::Path};

/// Cloudflare Workers limits (developers.cloudflare.com/workers/platform/limits), stated again
/// in DEPLOY.md: the compressed upload of the Free plan (10 MB on Paid), the newer uncompressed
/// ceiling of every plan, and the startup time of every plan.
pub const FREE_PLAN_GZIP_BYTES: u64 = 3 * 1000 * 1000;
pub const ANY_PLAN_RAW_BYTES: u64 = 64 * 1024 * 1024;
pub const STARTUP_LIMIT_MS: f64 = 1000.0;

/// Each check is one named result; the caller counts them.
pub fn run(tools: &toolchain::Tools) -> Vec<(String, Result<String, String>)> {
    let mut results = Vec::new();
    results.push((
        "npm ci into an empty node_modules from package-lock.json".to_string(),
        cmd::timed("set-up check: npm ci into an empty folder", npm_from_empty),
    ));
    if tools.wasm.debian {
        results.push((
            "every Debian file the build calls comes from a package xtask installs".to_string(),
            cmd::timed("set-up check: Debian files and their packages", || {
                toolchain::audit_debian_files().map(|lines| lines.join("\n"))
            }),
        ));
    }
    results.push((
        "wrangler deploy --dry-run --env production within the plan limits".to_string(),
        cmd::timed(
            "set-up check: wrangler deploy --dry-run --env production",
            || deploy_dry_run(tools),
        ),
    ));
    for (name, r) in &results {
        match r {
            Ok(detail) => println!("ok: {name}\n{}", indent(detail)),
            Err(e) => println!("FAILED: {name}\n{}", indent(e)),
        }
    }
    results
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lockfile check and `npm ci` into a folder holding only package.json and the lockfile,
/// as on a fresh clone (npm's download cache may help; the resolution is the registry's today).
fn npm_from_empty() -> Result<String, String> {
    let root = paths::root();
    let dir = paths::work().join("npm-check");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let manifest = fs::read_to_string(root.join("package.json")).map_err(|e| e.to_string())?;
    let lock = fs::read_to_string(root.join("package-lock.json")).map_err(|e| e.to_string())?;
    toolchain::lockfile_matches(&manifest, &lock)?;
    fs::write(dir.join("package.json"), &manifest).map_err(|e| e.to_string())?;
    fs::write(dir.join("package-lock.json"), &lock).map_err(|e| e.to_string())?;
    toolchain::npm_ci(&dir, &paths::setup_log("npm-check"))?;
    let count = fs::read_dir(dir.join("node_modules"))
        .map(|d| d.count())
        .unwrap_or(0);
    let _ = fs::remove_dir_all(&dir);
    if count == 0 {
        return Err("npm ci installed nothing".into());
    }
    Ok(format!("{count} top-level packages installed"))
}

/// Bundles the production worker exactly as `wrangler deploy --env production` would, without
/// an account, and checks its size and startup time against the plan limits.
fn deploy_dry_run(tools: &toolchain::Tools) -> Result<String, String> {
    let out = paths::work().join("deploy-dry-run");
    let _ = fs::remove_dir_all(&out);
    let log = paths::setup_log("deploy-dry-run");
    cmd::run_logged(
        server::wrangler_command(tools)
            .args(["deploy", "--dry-run", "--env", "production", "--outdir"])
            .arg(&out),
        &log,
    )?;
    let text = fs::read_to_string(&log).unwrap_or_default();
    let (raw, gzip) = upload_sizes(&text).ok_or(format!(
        "no `Total Upload: … / gzip: …` line in {}",
        log.display()
    ))?;
    let startup = startup_ms(tools, &out)?;
    let report = format!(
        "upload {} KiB, gzip {} KiB (Free plan limit {} KiB compressed, {} MiB uncompressed on every plan); startup {startup:.0} ms (limit {STARTUP_LIMIT_MS:.0} ms)",
        raw / 1024,
        gzip / 1024,
        FREE_PLAN_GZIP_BYTES / 1024,
        ANY_PLAN_RAW_BYTES / 1024 / 1024,
    );
    if gzip > FREE_PLAN_GZIP_BYTES || raw > ANY_PLAN_RAW_BYTES || startup > STARTUP_LIMIT_MS {
        return Err(format!("over a plan limit: {report}"));
    }
    fs::write(paths::work().join("deploy-figures.txt"), &report).map_err(|e| e.to_string())?;
    Ok(report)
}

/// `Total Upload: 812.34 KiB / gzip: 301.20 KiB` → bytes (raw, gzip).
pub fn upload_sizes(text: &str) -> Option<(u64, u64)> {
    let line = text.lines().find(|l| l.contains("Total Upload:"))?;
    let rest = &line[line.find("Total Upload:")? + "Total Upload:".len()..];
    let (raw, gzip) = rest.split_once("/ gzip:")?;
    Some((size_bytes(raw)?, size_bytes(gzip)?))
}

fn size_bytes(s: &str) -> Option<u64> {
    let mut words = s.split_whitespace();
    let n: f64 = words.next()?.parse().ok()?;
    let unit = match words.next()? {
        "B" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        _ => return None,
    };
    Some((n * unit).round() as u64)
}

/// The worker's startup as workerd measures it: `wrangler check startup` profiles the bundle's
/// top-level evaluation; the profile's span is the startup time.
fn startup_ms(tools: &toolchain::Tools, out: &Path) -> Result<f64, String> {
    let profile = out.join("startup.cpuprofile");
    cmd::run_logged(
        server::wrangler_command(tools)
            .args(["check", "startup", "--env", "production", "--outfile"])
            .arg(&profile),
        &paths::setup_log("check-startup"),
    )?;
    let json: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(&profile).map_err(|e| format!("{}: {e}", profile.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let (Some(start), Some(end)) = (json["startTime"].as_f64(), json["endTime"].as_f64()) else {
        return Err("the startup profile has no startTime/endTime".into());
    };
    Ok((end - start) / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::upload_sizes;

    #[test]
    fn reads_wranglers_upload_line() {
        let text = "Your Worker has access to the following bindings:\nTotal Upload: 812.50 KiB / gzip: 301.25 KiB\n--dry-run: exiting now.";
        assert_eq!(upload_sizes(text), Some((832_000, 308_480)));
        assert_eq!(
            upload_sizes("Total Upload: 1.50 MiB / gzip: 512.00 KiB"),
            Some((1_572_864, 524_288))
        );
        assert_eq!(upload_sizes("nothing here"), None);
    }
}
