//! `cargo xtask admin create-business --name NAME --super-user EMAIL [--remote] [--env ENV]
//! [--url BASE] [--state DIR]`: the operator's way to create a business and its first super user;
//! `cargo xtask admin create-support --email EMAIL [same options]`: an account of the feedback
//! desk, bound to the deployment (no business). Programmes (a regional or national programme: a
//! named set of businesses whose tool managers read statistics, never individuals):
//! `create-programme --name NAME`, `programme-add --programme NAME --business ID`,
//! `programme-remove --programme NAME --business ID` and
//! `invite-tool-manager --programme NAME --email EMAIL` (same options).
//! `create-vouchers --count N --label LABEL --expires YYYY-MM-DD [--tool ID] [--plan ID]
//! [--remote] [--env ENV] [--state DIR]`: a batch of vouchers for private access, stored as keyed
//! hashes and printed once as CSV. The invitations print a one-time invite link; the person
//! sets a password in the browser (the edge never sees it).
//! `private-counts [--remote --env ENV] [--state DIR]` prints what the operator learns about
//! private access: deployment-wide counts, none of 1 to 9 shown (`admin/counts.rs`).
//! `close-business --business ID [same options]` closes a business: its staff accounts and
//! invitations are erased, every participant's consent ends with a system event and their link
//! to the business is cut; participants keep their codes, data and tools. Runs `wrangler d1 execute` against the local database or, with `--remote`, the
//! deployed one (then the production CODE_HMAC_KEY must be given as MESTRING_CODE_HMAC_KEY,
//! because Cloudflare secrets cannot be read back).

mod counts;

use crate::{cmd, paths, server, toolchain::Tools};
use content::{
    code::Code,
    consent::LAPSE_AFTER_DAYS,
    encoding::{base64url, hex},
    keyed::{invite_hash, voucher_hash},
    time::DAY_MS,
};
use std::{fs, io::Read};

pub struct Options {
    name: String,
    super_user: String,
    remote: bool,
    env: Option<String>,
    url: Option<String>,
    state: Option<String>,
}

pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("create-business") => create_business(parse(&args[1..])?),
        Some("create-support") => create_support(parse_support(&args[1..])?),
        Some("create-programme") => create_programme(parse_programme(&args[1..], Needs::Nothing)?),
        Some("programme-add") => change_programme(parse_programme(&args[1..], Needs::Business)?, true),
        Some("programme-remove") => {
            change_programme(parse_programme(&args[1..], Needs::Business)?, false)
        }
        Some("invite-tool-manager") => {
            invite_tool_manager(parse_programme(&args[1..], Needs::Email)?)
        }
        Some("create-vouchers") => create_vouchers(parse_vouchers(&args[1..])?),
        Some("close-business") => close_business(parse_close(&args[1..])?),
        Some("private-counts") => private_counts(counts::parse_options(&args[1..])?),
        _ => Err(
            "usage: cargo xtask admin create-business --name NAME --super-user EMAIL [--remote] \
                  [--env production] [--url https://…] [--state DIR]\n\
                  \x20      cargo xtask admin create-support --email EMAIL [same options]\n\
                  \x20      cargo xtask admin create-programme --name NAME [same options]\n\
                  \x20      cargo xtask admin programme-add --programme NAME --business ID [same options]\n\
                  \x20      cargo xtask admin programme-remove --programme NAME --business ID [same options]\n\
                  \x20      cargo xtask admin invite-tool-manager --programme NAME --email EMAIL [same options]\n\
                  \x20      cargo xtask admin create-vouchers --count N --label LABEL \
                  --expires YYYY-MM-DD [--tool ID] [--plan ID] [--remote --env production] \
                  [--state DIR]\n\
                  \x20      cargo xtask admin close-business --business ID [same options]\n\
                  \x20      cargo xtask admin private-counts [--remote --env production] [--state DIR]"
                .into(),
        ),
    }
}

/// `create-support`'s options: `--email` names the account; there is no business.
fn parse_support(args: &[String]) -> Result<Options, String> {
    let renamed: Vec<String> = args
        .iter()
        .map(|a| match a.as_str() {
            "--email" => "--super-user".to_string(),
            "--super-user" | "--name" => format!("{a} (not an option of create-support)"),
            _ => a.clone(),
        })
        .collect();
    let mut with_name = vec!["--name".to_string(), "support".to_string()];
    with_name.extend(renamed);
    parse(&with_name).map_err(|e| e.replace("--super-user", "--email"))
}

/// What a programme command needs besides the programme's name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Needs {
    Nothing,
    Business,
    Email,
}

/// A programme command's options: the programme (`--name` for `create-programme`,
/// `--programme` for the others), then `--business ID` or `--email EMAIL` as the command needs.
struct ProgrammeOptions {
    common: Options,
    business: String,
}

fn parse_programme(args: &[String], needs: Needs) -> Result<ProgrammeOptions, String> {
    let mut rest = vec!["--name".to_string()];
    let mut name = None;
    let mut business = String::new();
    let mut email = "operator@programme.invalid".to_string();
    let mut it = args.iter();
    let programme_flag = if needs == Needs::Nothing {
        "--name"
    } else {
        "--programme"
    };
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            f if f == programme_flag => name = Some(value()?),
            "--business" if needs == Needs::Business => business = value()?.trim().to_string(),
            "--email" if needs == Needs::Email => email = value()?,
            "--remote" => rest.push(a.clone()),
            "--env" | "--url" | "--state" => {
                rest.push(a.clone());
                rest.push(value()?);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    rest.insert(1, name.unwrap_or_default());
    rest.push("--super-user".into());
    rest.push(email);
    let common = parse(&rest).map_err(|e| {
        e.replace("--name", programme_flag)
            .replace("--super-user", "--email")
    })?;
    let valid_business = business.len() == 32 && business.bytes().all(|b| b.is_ascii_hexdigit());
    if needs == Needs::Business && !valid_business {
        return Err(
            "--business needs the business's id (32 hex digits, as create-business prints it)"
                .into(),
        );
    }
    Ok(ProgrammeOptions { common, business })
}

/// `close-business`'s options: `--business` names it (the id create-business printed); the
/// rest as create-business, with no e-mail and no link.
fn parse_close(args: &[String]) -> Result<Options, String> {
    let mut business = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--business" => business = Some(it.next().cloned().ok_or("--business needs a value")?),
            "--name" | "--super-user" | "--email" => {
                return Err(format!("{a} is not an option of close-business"));
            }
            _ => rest.push(a.clone()),
        }
    }
    let business = business.unwrap_or_default();
    let valid = !business.is_empty()
        && business.len() <= 64
        && business
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Err("--business must be the id of a business (letters, digits, - and _)".into());
    }
    let mut with_names = vec![
        "--name".to_string(),
        business,
        "--super-user".to_string(),
        "operator@close.invalid".to_string(),
    ];
    with_names.extend(rest);
    parse(&with_names)
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        name: String::new(),
        super_user: String::new(),
        remote: false,
        env: None,
        url: None,
        state: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--name" => o.name = value()?,
            "--super-user" => o.super_user = value()?.trim().to_lowercase(),
            "--remote" => o.remote = true,
            "--env" => o.env = Some(value()?),
            "--url" => o.url = Some(value()?),
            "--state" => o.state = Some(value()?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.name.trim().is_empty() || o.name.len() > 200 {
        return Err("--name is required (at most 200 characters)".into());
    }
    let valid_email = o
        .super_user
        .split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
    if !valid_email {
        return Err("--super-user must be an e-mail address".into());
    }
    if o.remote && o.url.is_none() {
        return Err("--remote needs --url, the address the deployed app answers on".into());
    }
    Ok(o)
}

fn random(n: usize) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; n];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub struct Ids<'a> {
    pub business: &'a str,
    pub staff: &'a str,
    pub salt: &'a str,
    pub token_hash: &'a str,
    pub now_ms: u128,
    /// The invitation link that `token_hash` belongs to.
    pub link: String,
}

/// Pure: the three inserts, in one statement list that D1 runs as a unit.
pub fn create_sql(name: &str, email: &str, ids: &Ids) -> String {
    format!(
        "INSERT INTO businesses (id, name, created_at) VALUES ({b}, {name}, {now}); \
         INSERT INTO staff (id, email, role, business_id, salt, password_mac, active, created_at) \
         VALUES ({s}, {email}, 'super_user', {b}, {salt}, NULL, 1, {now}); \
         INSERT INTO invites (token_hash, staff_id, created_at) VALUES ({t}, {s}, {now});",
        b = sql_text(ids.business),
        s = sql_text(ids.staff),
        name = sql_text(name.trim()),
        email = sql_text(email),
        salt = sql_text(ids.salt),
        t = sql_text(ids.token_hash),
        now = ids.now_ms,
    )
}

/// Pure: the support account and its invitation.
pub fn support_sql(email: &str, ids: &Ids) -> String {
    format!(
        "INSERT INTO staff (id, email, role, business_id, salt, password_mac, active, created_at) \
         VALUES ({s}, {email}, 'support', NULL, {salt}, NULL, 1, {now}); \
         INSERT INTO invites (token_hash, staff_id, created_at) VALUES ({t}, {s}, {now});",
        s = sql_text(ids.staff),
        email = sql_text(email),
        salt = sql_text(ids.salt),
        t = sql_text(ids.token_hash),
        now = ids.now_ms,
    )
}

/// Pure: a new programme.
pub fn programme_sql(name: &str, id: &str, now_ms: u128) -> String {
    format!(
        "INSERT INTO programmes (id, name, created_at) VALUES ({}, {}, {now_ms});",
        sql_text(id),
        sql_text(name.trim())
    )
}

/// Pure: a business into a programme (by name). A missing programme or business makes a NULL,
/// which the table refuses, so the command fails instead of doing nothing.
pub fn programme_add_sql(name: &str, business: &str) -> String {
    format!(
        "INSERT INTO programme_businesses (programme_id, business_id) VALUES \
         ((SELECT id FROM programmes WHERE name = {n}), (SELECT id FROM businesses WHERE id = {b}));",
        n = sql_text(name.trim()),
        b = sql_text(business)
    )
}

/// Pure: a business out of a programme (by name).
pub fn programme_remove_sql(name: &str, business: &str) -> String {
    format!(
        "DELETE FROM programme_businesses WHERE business_id = {b} \
         AND programme_id = (SELECT id FROM programmes WHERE name = {n}); \
         SELECT changes() AS changed;",
        n = sql_text(name.trim()),
        b = sql_text(business)
    )
}

/// Pure: a tool manager of the programme (by name) and the invitation. Nothing is inserted
/// when there is no such programme (the staff row comes from the programme's row).
pub fn tool_manager_sql(programme: &str, email: &str, ids: &Ids) -> String {
    format!(
        "INSERT INTO staff (id, email, role, business_id, programme_id, salt, password_mac, active, created_at) \
         SELECT {s}, {email}, 'tool_manager', NULL, id, {salt}, NULL, 1, {now} FROM programmes WHERE name = {p}; \
         SELECT changes() AS changed; \
         INSERT INTO invites (token_hash, staff_id, created_at) SELECT {t}, id, {now} FROM staff WHERE id = {s};",
        s = sql_text(ids.staff),
        email = sql_text(email),
        p = sql_text(programme.trim()),
        salt = sql_text(ids.salt),
        t = sql_text(ids.token_hash),
        now = ids.now_ms,
    )
}

fn create_programme(o: ProgrammeOptions) -> Result<(), String> {
    let id = hex(&random(16)?);
    let name = o.common.name.trim().to_string();
    execute(&o.common, |ids| programme_sql(&name, &id, ids.now_ms))
        .map_err(|e| format!("{e}\n(is there a programme called {name:?} already?)"))?;
    println!("programme {id} created: {name}");
    Ok(())
}

fn change_programme(o: ProgrammeOptions, add: bool) -> Result<(), String> {
    let name = o.common.name.trim().to_string();
    if add {
        execute(&o.common, |_| programme_add_sql(&name, &o.business)).map_err(|e| {
            format!(
                "{e}\n(no programme called {name:?}, no business {}, or it is in the programme already)",
                o.business
            )
        })?;
        println!("business {} added to programme {name}", o.business);
    } else {
        let out = execute_json(&o.common, |_| programme_remove_sql(&name, &o.business))?;
        if changes(&out) == 0 {
            return Err(format!(
                "business {} is not in a programme called {name:?}",
                o.business
            ));
        }
        println!("business {} removed from programme {name}", o.business);
    }
    Ok(())
}

fn invite_tool_manager(o: ProgrammeOptions) -> Result<(), String> {
    let name = o.common.name.trim().to_string();
    let email = o.common.super_user.clone();
    let mut link = String::new();
    let out = execute_json(&o.common, |ids| {
        link = ids.link.clone();
        tool_manager_sql(&name, &email, &ids)
    })?;
    if changes(&out) == 0 {
        return Err(format!("no programme called {name:?}"));
    }
    println!("tool manager {email} of programme {name} invited");
    println!("invite link (valid 7 days, once):");
    println!("{link}");
    Ok(())
}

/// The first row any statement of a `wrangler d1 execute --json` answer returned.
fn first_row(json: &str) -> Option<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()?
        .as_array()?
        .iter()
        .find_map(|r| r.get("results")?.get(0).cloned())
}

/// Rows changed by the statement before `SELECT changes() AS changed`, from a
/// `wrangler d1 execute --json` answer (the local runtime reports no row counts of its own).
/// The statements around it write and return no rows.
fn changes(json: &str) -> u64 {
    first_row(json)
        .and_then(|r| r.get("changed")?.as_u64())
        .unwrap_or(0)
}

/// Pure: closing a business, as one statement list that D1 runs as a unit. A sharing that has
/// already lapsed, but that nobody has evaluated since, first gets its lapse stored as the edge
/// would store it (`granted → expired` by the system, at exactly the lapse instant;
/// `content::consent`). Then every participant gets a consent event by the system
/// (`business_closed`): sharing becomes `withdrawn`, a
/// question never answered `declined`, any other state stays and is recorded again (the rule
/// of `content::consent::leave`); then their link to the business is cut (`business_id` NULL),
/// so they behave as participants without a business. Staff accounts, their sessions and
/// invitations, programme links, the administrative audit rows (which name staff), deletion and
/// code-change registrations and the business's statistics rows are erased. Audit rows about a
/// participant stay for that participant's access log (date and business name), with the staff
/// id replaced by `closed`; the business row keeps only what that log needs, and `closed_at`.
pub fn close_sql(business: &str, now_ms: u128) -> String {
    format!(
        "UPDATE businesses SET closed_at = {now}, totp_required = 0, contact = NULL, address = NULL, web = NULL WHERE id = {b}; \
         INSERT INTO consent_events (participant_id, at, from_state, to_state, actor, kind) \
         SELECT id, at + {lapse}, 'granted', 'expired', 'system', 'lapse' FROM (SELECT p.id AS id, \
         e.to_state AS state, e.at AS at FROM participants p JOIN consent_events e ON e.id = (SELECT MAX(l.id) \
         FROM consent_events l WHERE l.participant_id = p.id) WHERE p.business_id = {b}) \
         WHERE state = 'granted' AND at + {lapse} <= {now}; \
         INSERT INTO consent_events (participant_id, at, from_state, to_state, actor, kind) \
         SELECT id, {now}, state, CASE state WHEN 'granted' THEN 'withdrawn' WHEN 'not_asked' THEN 'declined' ELSE state END, \
         'system', 'business_closed' FROM (SELECT p.id AS id, COALESCE((SELECT e.to_state FROM consent_events e \
         WHERE e.participant_id = p.id ORDER BY e.id DESC LIMIT 1), 'not_asked') AS state \
         FROM participants p WHERE p.business_id = {b}); \
         UPDATE participants SET business_id = NULL WHERE business_id = {b}; \
         DELETE FROM sessions WHERE kind = 'staff' AND subject_id IN (SELECT id FROM staff WHERE business_id = {b}); \
         DELETE FROM invites WHERE staff_id IN (SELECT id FROM staff WHERE business_id = {b}); \
         DELETE FROM programme_businesses WHERE business_id = {b}; \
         UPDATE feedback SET staff_id = NULL WHERE staff_id IN (SELECT id FROM staff WHERE business_id = {b}); \
         UPDATE feedback SET business_id = NULL WHERE business_id = {b}; \
         DELETE FROM audit WHERE business_id = {b} AND participant_id IS NULL; \
         UPDATE audit SET staff_id = 'closed', reference = NULL WHERE business_id = {b}; \
         DELETE FROM staff WHERE business_id = {b}; \
         DELETE FROM deletions WHERE business_id = {b}; \
         DELETE FROM code_changes WHERE business_id = {b}; \
         DELETE FROM stats_monthly WHERE business_id = {b};",
        b = sql_text(business),
        now = now_ms,
        lapse = LAPSE_AFTER_DAYS * DAY_MS,
    )
}

fn close_business(o: Options) -> Result<(), String> {
    // `--name` carries the business id (parse_close).
    let business = o.name.clone();
    run_sql(
        o.remote,
        o.env.as_deref(),
        o.state.as_deref(),
        &close_sql(&business, now_ms()?),
        false,
    )?;
    println!(
        "business {business} closed: staff and invitations erased, consent ended, participants keep their codes and data"
    );
    Ok(())
}

/// Prints the deployment-wide, k-anonymous counts of private access (`counts`).
fn private_counts(o: Options) -> Result<(), String> {
    let json = run_sql(
        o.remote,
        o.env.as_deref(),
        o.state.as_deref(),
        counts::SQL,
        true,
    )?;
    print!("{}", counts::render(counts::parse(&json)?));
    Ok(())
}

fn now_ms() -> Result<u128, String> {
    Ok(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_millis())
}

fn local_code_key() -> Result<String, String> {
    server::ensure_dev_vars()?;
    let text =
        fs::read_to_string(paths::root().join("edge/.dev.vars")).map_err(|e| e.to_string())?;
    text.lines()
        .find_map(|l| l.strip_prefix("CODE_HMAC_KEY="))
        .map(str::to_string)
        .ok_or("CODE_HMAC_KEY missing from edge/.dev.vars".into())
}

fn create_business(o: Options) -> Result<(), String> {
    let business = hex(&random(16)?);
    let link = execute(&o, |ids| {
        create_sql(
            &o.name,
            &o.super_user,
            &Ids {
                business: &business,
                ..ids
            },
        )
    })?;
    println!("business {business} created: {}", o.name.trim());
    println!("invite link for {} (valid 7 days, once):", o.super_user);
    println!("{link}");
    Ok(())
}

fn create_support(o: Options) -> Result<(), String> {
    let link = execute(&o, |ids| support_sql(&o.super_user, &ids))?;
    println!("feedback desk account created for {}", o.super_user);
    println!("invite link (valid 7 days, once):");
    println!("{link}");
    Ok(())
}

/// The CODE_HMAC_KEY: the local one, or (remote) the production one given in the environment.
fn code_key(remote: bool) -> Result<String, String> {
    if remote {
        std::env::var("MESTRING_CODE_HMAC_KEY").map_err(|_| {
            "set MESTRING_CODE_HMAC_KEY to the production CODE_HMAC_KEY for --remote".into()
        })
    } else {
        local_code_key()
    }
}

/// Runs `sql` (one statement list, run by D1 as a unit) on the local or the deployed database;
/// with `json`, answers wrangler's JSON report of the statements.
fn run_sql(
    remote: bool,
    env: Option<&str>,
    state: Option<&str>,
    sql: &str,
    json: bool,
) -> Result<String, String> {
    let tools = Tools::ensure(false)?;
    let state = match state {
        Some(s) => paths::root().join(s),
        None => paths::work().join("state/dev"),
    };
    if !remote {
        fs::create_dir_all(&state).map_err(|e| e.to_string())?;
        let env = if env == Some("production") {
            server::Env::Production
        } else {
            server::Env::Dev
        };
        server::migrate(&tools, env, &state)?;
    }
    let mut c = server::wrangler_command(&tools);
    c.args(["d1", "execute", "DB", "--yes", "--command", sql]);
    if json {
        c.arg("--json");
    }
    if remote {
        c.arg("--remote");
    } else {
        c.arg("--local").arg("--persist-to").arg(&state);
    }
    if let Some(env) = env {
        c.args(["--env", env]);
    }
    let out = if remote {
        cmd::output(&mut c)?
    } else {
        execute_local(&mut c)?
    };
    Ok(if json { out } else { String::new() })
}

/// `wrangler d1 execute --local` on a database that a running `wrangler dev` holds open: the
/// file can be locked for a moment while the server writes, and the command then fails with
/// SQLITE_BUSY before its batch ran (a batch is one transaction, so nothing of it was kept).
/// Tries again a few times, waiting longer each time; any other failure is final.
fn execute_local(c: &mut std::process::Command) -> Result<String, String> {
    let mut wait = std::time::Duration::from_millis(250);
    let mut tries = 1;
    loop {
        let out = c
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| format!("{}: {e}", cmd::describe(c)))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            return Ok(stdout);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if tries < LOCKED_TRIES && is_locked(&stdout, &stderr) {
            std::thread::sleep(wait);
            wait *= 2;
            tries += 1;
            continue;
        }
        eprint!("{stderr}");
        return Err(format!("`{}` failed ({})", cmd::describe(c), out.status));
    }
}

/// Attempts of `execute_local` on a locked database: waits of 0.25 + 0.5 + 1 + 2 s between.
const LOCKED_TRIES: u32 = 5;

/// Whether wrangler's answer says the local database was locked (and only that).
fn is_locked(stdout: &str, stderr: &str) -> bool {
    [stdout, stderr]
        .iter()
        .any(|t| t.contains("SQLITE_BUSY") || t.contains("database is locked"))
}

/// Runs the statements that `sql` makes from fresh ids on the chosen database; the invite link.
fn execute(o: &Options, sql: impl FnOnce(Ids) -> String) -> Result<String, String> {
    Ok(execute_with(o, false, sql)?.0)
}

/// As [`execute`], answering wrangler's JSON report of the statements.
fn execute_json(o: &Options, sql: impl FnOnce(Ids) -> String) -> Result<String, String> {
    Ok(execute_with(o, true, sql)?.1)
}

fn execute_with(
    o: &Options,
    json: bool,
    sql: impl FnOnce(Ids) -> String,
) -> Result<(String, String), String> {
    let key = code_key(o.remote)?;
    let staff = hex(&random(16)?);
    let salt = base64url(&random(16)?);
    let token = base64url(&random(24)?);
    let token_hash = invite_hash(&key, &token);
    let now_ms = now_ms()?;
    let base = o.url.as_deref().unwrap_or("http://127.0.0.1:8787");
    let link = format!("{}/staff/invite#{token}", base.trim_end_matches('/'));
    let sql = sql(Ids {
        business: "",
        staff: &staff,
        salt: &salt,
        token_hash: &token_hash,
        now_ms,
        link: link.clone(),
    });
    let out = run_sql(o.remote, o.env.as_deref(), o.state.as_deref(), &sql, json)?;
    Ok((link, out))
}

/// `create-vouchers`' options.
pub struct VoucherOptions {
    count: usize,
    label: String,
    expires: String,
    tool: Option<String>,
    plan: Option<String>,
    remote: bool,
    env: Option<String>,
    state: Option<String>,
}

/// At most this many vouchers in one batch (one `wrangler d1 execute`).
const MAX_VOUCHERS: usize = 1000;

fn parse_vouchers(args: &[String]) -> Result<VoucherOptions, String> {
    let mut o = VoucherOptions {
        count: 0,
        label: String::new(),
        expires: String::new(),
        tool: None,
        plan: None,
        remote: false,
        env: None,
        state: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--count" => {
                o.count = value()?
                    .parse()
                    .map_err(|_| "--count must be a number".to_string())?
            }
            "--label" => o.label = value()?.trim().to_string(),
            "--expires" => o.expires = value()?,
            "--tool" => o.tool = Some(value()?),
            "--plan" => o.plan = Some(value()?),
            "--remote" => o.remote = true,
            "--env" => o.env = Some(value()?),
            "--state" => o.state = Some(value()?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !(1..=MAX_VOUCHERS).contains(&o.count) {
        return Err(format!("--count must be 1–{MAX_VOUCHERS}"));
    }
    if o.label.is_empty() || o.label.len() > 200 {
        return Err("--label is required (at most 200 characters)".into());
    }
    let date_ok = content::time::parse_ms(&format!("{}T00:00:00Z", o.expires)).is_ok()
        && o.expires.len() == 10;
    if !date_ok {
        return Err("--expires must be a date, YYYY-MM-DD (the last day it can be used)".into());
    }
    if let Some(t) = &o.tool
        && content::tools::get(t).is_none()
    {
        return Err(format!("--tool: no tool {t}"));
    }
    if let Some(p) = &o.plan
        && content::plans::get(p).is_none()
    {
        return Err(format!("--plan: no plan {p}"));
    }
    Ok(o)
}

/// Pure: the inserts of one batch of vouchers (their keyed hashes only).
pub fn vouchers_sql(hashes: &[String], o: &VoucherOptions) -> String {
    let opt = |v: &Option<String>| v.as_deref().map_or("NULL".into(), sql_text);
    hashes
        .iter()
        .map(|h| {
            format!(
                "INSERT INTO vouchers (voucher_hash, label, tool, plan, expires_on) \
                 VALUES ({}, {}, {}, {}, {});",
                sql_text(h),
                sql_text(&o.label),
                opt(&o.tool),
                opt(&o.plan),
                sql_text(&o.expires),
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pure: the CSV shown once (the only place the vouchers exist in clear).
pub fn vouchers_csv(vouchers: &[String], o: &VoucherOptions) -> String {
    let mut out = String::from("voucher,label,expires\n");
    let label = o.label.replace('"', "\"\"");
    for v in vouchers {
        out.push_str(&format!("{v},\"{label}\",{}\n", o.expires));
    }
    out
}

/// Issues a batch of vouchers: stores their keyed hashes, prints them once as CSV.
fn create_vouchers(o: VoucherOptions) -> Result<(), String> {
    let key = code_key(o.remote)?;
    let mut vouchers = Vec::with_capacity(o.count);
    let mut hashes = Vec::with_capacity(o.count);
    for _ in 0..o.count {
        let bytes = random(8)?;
        let mut seed = [0u8; 8];
        seed.copy_from_slice(&bytes);
        let v = Code::generate(|buf| *buf = seed);
        hashes.push(voucher_hash(&key, &v.normalised()));
        vouchers.push(v.to_string());
    }
    run_sql(
        o.remote,
        o.env.as_deref(),
        o.state.as_deref(),
        &vouchers_sql(&hashes, &o),
        false,
    )?;
    eprintln!(
        "{} vouchers stored (as keyed hashes only). The CSV below is shown once: save it now.",
        o.count
    );
    print!("{}", vouchers_csv(&vouchers, &o));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_locked_database_is_tried_again() {
        let busy = "e = workerd/util/sqlite.c++:914: failed: SQLite failed; dbErrorMessage(prepareResult, db) = database is locked: SQLITE_BUSY";
        assert!(is_locked("", busy));
        assert!(is_locked(busy, ""));
        assert!(!is_locked("", "no such table: programmes"));
        assert!(!is_locked("", "UNIQUE constraint failed: programmes.name"));
    }

    #[test]
    fn sql_escapes_quotes_and_binds_every_id() {
        let ids = Ids {
            business: "b1",
            staff: "s1",
            salt: "salt",
            token_hash: "th",
            now_ms: 42,
            link: String::new(),
        };
        let sql = create_sql("O'Brien legekontor ", "a@b.no", &ids);
        assert!(sql.contains("'O''Brien legekontor'"));
        assert!(sql.contains("VALUES ('th', 's1', 42)"));
        assert_eq!(sql.matches("INSERT INTO").count(), 3);
    }

    #[test]
    fn invite_hash_is_the_edges() {
        // The edge looks the invitation up with the same function (`content::keyed`).
        let h = invite_hash("Jefe", "x");
        assert_eq!(h.len(), 64);
        assert_eq!(h, content::keyed::hmac_sha256_hex(b"Jefe", b"invite:x"));
        assert_ne!(h, invite_hash("Jefe", "y"));
    }

    #[test]
    fn options_need_a_name_and_an_email() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(parse(&args(&["--name", "X"])).is_err());
        assert!(parse(&args(&["--name", "X", "--super-user", "not-an-email"])).is_err());
        assert!(
            parse(&args(&[
                "--name",
                "X",
                "--super-user",
                "a@b.no",
                "--remote"
            ]))
            .is_err()
        );
        let o = parse(&args(&["--name", "X", "--super-user", "A@B.no"])).unwrap();
        assert_eq!(o.super_user, "a@b.no");
    }

    #[test]
    fn closing_a_business_ends_consent_cuts_the_link_and_erases_staff() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(parse_close(&args(&[])).is_err());
        assert!(parse_close(&args(&["--business", "x'; DROP TABLE staff; --"])).is_err());
        assert!(parse_close(&args(&["--business", "b1", "--super-user", "a@b.no"])).is_err());
        assert!(
            parse_close(&args(&["--business", "b1", "--remote"])).is_err(),
            "needs --url"
        );
        let o = parse_close(&args(&["--business", "b1", "--state", "s"])).unwrap();
        assert_eq!(o.name, "b1");
        let sql = close_sql("b1", 42);
        // Consent ends before the link is cut (the events are chosen by the business).
        let consent = sql.find("INSERT INTO consent_events").unwrap();
        let cut = sql
            .find("UPDATE participants SET business_id = NULL")
            .unwrap();
        assert!(consent < cut);
        assert!(sql.contains("'system', 'business_closed'"));
        // A lapse nobody evaluated is stored at its instant, before the closing event reads
        // the latest state.
        let lapse = sql.find("'granted', 'expired', 'system', 'lapse'").unwrap();
        assert!(lapse < sql.find("'system', 'business_closed'").unwrap());
        assert!(sql.contains(&format!("at + {} <= 42", 182_i64 * 86_400_000)));
        assert!(sql.contains("WHEN 'granted' THEN 'withdrawn'"));
        let staff_gone = sql
            .find("DELETE FROM staff WHERE business_id = 'b1'")
            .unwrap();
        for before in [
            "DELETE FROM invites",
            "DELETE FROM sessions",
            "DELETE FROM programme_businesses",
        ] {
            assert!(sql.find(before).unwrap() < staff_gone, "{before}");
        }
        // Participants themselves and what they registered are never deleted.
        for table in [
            "participants",
            "responses",
            "progress",
            "assignments",
            "consent_events",
        ] {
            assert!(!sql.contains(&format!("DELETE FROM {table}")), "{table}");
        }
    }

    #[test]
    fn a_support_account_has_an_email_and_no_business() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_support(&args(&["--email", "Desk@B.no"]))
                .unwrap()
                .super_user,
            "desk@b.no"
        );
        let bad = parse_support(&args(&["--email", "nope"])).err().unwrap();
        assert!(bad.contains("--email"), "{bad}");
        assert!(parse_support(&args(&["--name", "X", "--email", "a@b.no"])).is_err());
        let ids = Ids {
            business: "",
            staff: "s1",
            salt: "salt",
            token_hash: "th",
            now_ms: 7,
            link: String::new(),
        };
        let sql = support_sql("a@b.no", &ids);
        assert!(sql.contains("'support', NULL"));
        assert_eq!(sql.matches("INSERT INTO").count(), 2);
    }

    #[test]
    fn programme_commands_name_the_programme_and_refuse_what_is_missing() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let o = parse_programme(&args(&["--name", "Region Vest"]), Needs::Nothing).unwrap();
        assert_eq!(o.common.name, "Region Vest");
        assert!(parse_programme(&args(&[]), Needs::Nothing).is_err());
        let id = "0123456789abcdef0123456789abcdef";
        let o = parse_programme(
            &args(&["--programme", "Region Vest", "--business", id]),
            Needs::Business,
        )
        .unwrap();
        assert_eq!(o.business, id);
        assert!(
            parse_programme(
                &args(&["--programme", "Region Vest", "--business", "x"]),
                Needs::Business
            )
            .is_err()
        );
        let bad = parse_programme(
            &args(&["--programme", "Region Vest", "--email", "nope"]),
            Needs::Email,
        )
        .err()
        .unwrap();
        assert!(bad.contains("--email"), "{bad}");
        let o = parse_programme(
            &args(&["--programme", "R", "--email", "TM@B.no"]),
            Needs::Email,
        )
        .unwrap();
        assert_eq!(o.common.super_user, "tm@b.no");
        // An option of another command is refused.
        assert!(
            parse_programme(
                &args(&["--programme", "R", "--email", "a@b.no"]),
                Needs::Business
            )
            .is_err()
        );
    }

    #[test]
    fn programme_sql_binds_names_as_text_and_fails_on_a_missing_row() {
        assert!(programme_sql(" O'Neill ", "p1", 5).contains("('p1', 'O''Neill', 5)"));
        let add = programme_add_sql("R", "b1");
        assert!(add.contains("(SELECT id FROM programmes WHERE name = 'R')"));
        assert!(add.contains("(SELECT id FROM businesses WHERE id = 'b1')"));
        let ids = Ids {
            business: "",
            staff: "s1",
            salt: "salt",
            token_hash: "th",
            now_ms: 9,
            link: String::new(),
        };
        let tm = tool_manager_sql("R", "a@b.no", &ids);
        assert!(tm.contains("'tool_manager', NULL, id"));
        assert!(tm.contains("FROM programmes WHERE name = 'R'"));
        assert_eq!(
            changes(
                r#"[{"results":[],"success":true},{"results":[{"changed":1}],"success":true}]"#
            ),
            1
        );
        assert_eq!(changes("not json"), 0);
    }

    #[test]
    fn vouchers_need_a_count_a_label_and_an_expiry_and_store_only_hashes() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(
            parse_vouchers(&args(&[
                "--count",
                "0",
                "--label",
                "x",
                "--expires",
                "2027-01-31"
            ]))
            .is_err()
        );
        assert!(parse_vouchers(&args(&["--count", "3", "--expires", "2027-01-31"])).is_err());
        assert!(
            parse_vouchers(&args(&[
                "--count",
                "3",
                "--label",
                "x",
                "--expires",
                "31.01.2027"
            ]))
            .is_err()
        );
        assert!(
            parse_vouchers(&args(&[
                "--count",
                "3",
                "--label",
                "x",
                "--expires",
                "2027-01-31",
                "--tool",
                "nope"
            ]))
            .is_err()
        );
        let o = parse_vouchers(&args(&[
            "--count",
            "2",
            "--label",
            "Apotek \"Nord\"",
            "--expires",
            "2027-01-31",
            "--tool",
            "worry",
        ]))
        .unwrap();
        let sql = vouchers_sql(&["h1".into(), "h'2".into()], &o);
        assert_eq!(sql.matches("INSERT INTO vouchers").count(), 2);
        assert!(sql.contains("'h''2'") && sql.contains("'worry', NULL, '2027-01-31'"));
        let csv = vouchers_csv(&["AAAA-BBBB-CCCC-D".into()], &o);
        assert_eq!(
            csv,
            "voucher,label,expires\nAAAA-BBBB-CCCC-D,\"Apotek \"\"Nord\"\"\",2027-01-31\n"
        );
        // What is stored is the edge's hash of the normalised voucher, never the voucher.
        assert_eq!(
            voucher_hash("k", "ABCD"),
            content::keyed::hmac_sha256_hex(b"k", b"voucher:ABCD")
        );
    }
}
