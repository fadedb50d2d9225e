//! The contract judged from outside: schemathesis (PyPI, pinned in
//! `tests/contract/requirements.txt`) reads `GET /api/openapi.json` from a live `wrangler dev`
//! and calls every operation with generated valid and invalid input, as three callers: nobody,
//! a logged-in end user and a logged-in super user. Its server-error, status-code, content-type
//! and response-schema checks must find nothing.

use crate::{cmd, paths, server};
use argon2::{Algorithm, Argon2, Params, Version};
use content::{
    api::{DevSeed, MeState, PreloginParams, StaffRole, StaffSession, endpoints::operation_id},
    encoding::{base64url, unbase64url},
    storage::{PARTICIPANT_COOKIE, STAFF_COOKIE},
};
use std::{
    fs,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

const REQUIREMENTS: &str = "tests/contract/requirements.txt";
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_schema_conformance";
/// Test cases per operation and phase: enough to reach every status an operation answers,
/// small enough for CI (about a minute per caller on two cores).
const EXAMPLES: &str = "20";

/// A virtual environment with exactly the pinned packages, kept in the tool cache and named
/// after the requirements' content, so a changed pin makes a new one.
pub fn ensure() -> Result<PathBuf, String> {
    let requirements = paths::root().join(REQUIREMENTS);
    let pins = fs::read_to_string(&requirements).map_err(|e| format!("{REQUIREMENTS}: {e}"))?;
    let venv = paths::cache().join(format!("schemathesis-{:016x}", fingerprint(&pins)));
    let bin = venv.join("bin/schemathesis");
    if bin.exists() {
        return Ok(bin);
    }
    cmd::timed("schemathesis (PyPI) into the tool cache", || {
        let _ = fs::remove_dir_all(&venv);
        cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        cmd::run_logged(
            Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
                .arg(&requirements),
            &paths::setup_log("schemathesis"),
        )
    })?;
    Ok(bin)
}

/// FNV-1a: names the environment after its pins; not a security hash.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One caller: a name, the cookie it sends, and which operations it tries.
struct Caller {
    name: &'static str,
    cookie: Option<String>,
    /// Only paths matching this (schemathesis `--include-path-regex`).
    include: &'static str,
    /// Operations that would end the caller's own session or data mid-run.
    exclude: &'static [(&'static str, &'static str)],
}

/// Runs schemathesis as each caller against the dev edge on `port`; one result per caller.
pub fn run(bin: &Path, port: u16) -> Vec<(String, Result<(), String>)> {
    let callers = match callers(port) {
        Ok(c) => c,
        Err(e) => return vec![("contract: logging in the callers".into(), Err(e))],
    };
    let logs = paths::work().join("logs");
    callers
        .into_iter()
        .map(|caller| {
            let name = format!("contract ({})", caller.name);
            let log = logs.join(format!(
                "schemathesis-{}.log",
                caller.name.replace(' ', "-")
            ));
            let result = cmd::timed(&format!("schemathesis as {}", caller.name), || {
                run_one(bin, port, &caller, &log)
            });
            (name, result)
        })
        .collect()
}

fn run_one(bin: &Path, port: u16, caller: &Caller, log: &Path) -> Result<(), String> {
    let mut c = Command::new(bin);
    c.args(["run", &format!("http://127.0.0.1:{port}/api/openapi.json")])
        .args(["--url", &format!("http://127.0.0.1:{port}")])
        .args(["--checks", CHECKS])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", EXAMPLES, "--seed", "1", "--no-shrink"])
        .args(["--request-timeout", "10", "--no-color"])
        .args(["--include-path-regex", caller.include])
        .current_dir(paths::work());
    for (method, path) in caller.exclude {
        c.args(["--exclude-operation-id", &operation_id(method, path)]);
    }
    if let Some(cookie) = &caller.cookie {
        c.args(["--header", &format!("Cookie: {cookie}")]);
    }
    let out = fs::File::create(log).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let status = c
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .status()
        .map_err(|e| format!("schemathesis: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        let text = fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        Err(format!(
            "schemathesis found problems (all of it in {}):\n{}",
            log.display(),
            tail.join("\n")
        ))
    }
}

fn callers(port: u16) -> Result<Vec<Caller>, String> {
    let seed: DevSeed = post(port, "/api/dev/seed", None, "{}")?.1;
    let code = seed.codes.first().ok_or("the seed made no codes")?;
    let (cookie, _): (String, MeState) = post(
        port,
        "/api/session",
        None,
        &format!(r#"{{"code":"{code}"}}"#),
    )?;
    let user = cookie_pair(&cookie, PARTICIPANT_COOKIE)?;
    // Sharing on, so the staff caller meets a participant whose data it may read.
    let _: (String, MeState) = post(port, "/api/me/consent", Some(&user), r#"{"share":true}"#)?;

    let superuser = seed
        .staff
        .iter()
        .find(|s| s.role == StaffRole::SuperUser)
        .ok_or("the seed made no super user")?;
    let email = &superuser.email;
    let (_, params): (String, PreloginParams) = post(
        port,
        "/api/staff/prelogin",
        None,
        &format!(r#"{{"email":"{email}"}}"#),
    )?;
    let hash = argon2id(&superuser.password, &params)?;
    let (cookie, _): (String, StaffSession) = post(
        port,
        "/api/staff/session",
        None,
        &format!(r#"{{"email":"{email}","password_hash":"{hash}"}}"#),
    )?;
    let staff = cookie_pair(&cookie, STAFF_COOKIE)?;

    Ok(vec![
        Caller {
            name: "anonymous",
            cookie: None,
            include: "^/api/",
            exclude: &[],
        },
        Caller {
            name: "end user",
            cookie: Some(user),
            include: "^/api/(me|feedback)",
            exclude: &[("DELETE", "/me"), ("POST", "/me/code/confirm")],
        },
        Caller {
            name: "super user",
            cookie: Some(staff),
            include: "^/api/staff/",
            exclude: &[
                ("DELETE", "/staff/session"),
                ("POST", "/staff/session"),
                ("POST", "/staff/prelogin"),
                ("POST", "/staff/invite/info"),
                ("POST", "/staff/invite/accept"),
            ],
        },
    ])
}

/// The browser's password hash: Argon2id with the prelogin parameters, base64url.
fn argon2id(password: &str, p: &PreloginParams) -> Result<String, String> {
    let salt = unbase64url(&p.salt).ok_or("prelogin salt is not base64url")?;
    let params = Params::new(p.m_kib, p.t, p.p, Some(32)).map_err(|e| e.to_string())?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), &salt, &mut out)
        .map_err(|e| e.to_string())?;
    Ok(base64url(&out))
}

/// `name=value` of the cookie `name` from a `Set-Cookie` header.
fn cookie_pair(set_cookie: &str, name: &str) -> Result<String, String> {
    set_cookie
        .split(';')
        .next()
        .filter(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_string)
        .ok_or_else(|| format!("no {name} cookie in {set_cookie:?}"))
}

/// POST a JSON body; the answer's `Set-Cookie` (or "") and its parsed body.
fn post<T: serde::de::DeserializeOwned>(
    port: u16,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> Result<(String, T), String> {
    let answer = server::http_request(port, "POST", path, cookie, Some(body))?;
    if !(200..300).contains(&answer.status) {
        return Err(format!("POST {path}: {} {}", answer.status, answer.body));
    }
    let value = serde_json::from_str(&answer.body).map_err(|e| format!("POST {path}: {e}"))?;
    Ok((answer.set_cookie.unwrap_or_default(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_pair_takes_the_named_cookie_only() {
        assert_eq!(
            cookie_pair("__Host-mestring=abc; Path=/; HttpOnly", "__Host-mestring").as_deref(),
            Ok("__Host-mestring=abc")
        );
        assert!(cookie_pair("__Host-mestring-staff=x; Path=/", "__Host-mestring").is_err());
    }

    #[test]
    fn a_changed_pin_names_another_environment() {
        assert_ne!(
            fingerprint("schemathesis==4.32.5\n"),
            fingerprint("schemathesis==4.32.6\n")
        );
    }
}
