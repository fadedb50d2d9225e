//! `cargo xtask admin create-business --name NAME --super-user EMAIL [--remote] [--env ENV]
//! [--url BASE] [--state DIR]`: the operator's way to create a business and its first super user;
//! `cargo xtask admin create-support --email EMAIL [same options]`: an account of the feedback
//! desk, bound to the deployment (no business). Each prints a one-time invite link; the person
//! sets a password in the browser (the edge never sees it).
//! `cargo xtask admin close-business --business ID [same options]` closes a business: its staff
//! accounts and invitations are erased, every participant's consent ends with a system event and
//! their link to the business is cut; participants keep their codes, data and tools. Runs `wrangler d1 execute` against the local database or, with `--remote`, the
//! deployed one (then the production CODE_HMAC_KEY must be given as MESTRING_CODE_HMAC_KEY,
//! because Cloudflare secrets cannot be read back).

use crate::{cmd, paths, server, toolchain::Tools};
use content::{
    encoding::{base64url, hex},
    keyed::invite_hash,
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
        Some("close-business") => close_business(parse_close(&args[1..])?),
        _ => Err(
            "usage: cargo xtask admin create-business --name NAME --super-user EMAIL [--remote] \
                  [--env production] [--url https://…] [--state DIR]\n\
                  \x20      cargo xtask admin create-support --email EMAIL [same options]\n\
                  \x20      cargo xtask admin close-business --business ID [same options]"
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

/// Pure: closing a business, as one statement list that D1 runs as a unit. Every participant
/// gets a consent event by the system (`business_closed`): sharing becomes `withdrawn`, a
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
         SELECT id, {now}, state, CASE state WHEN 'granted' THEN 'withdrawn' WHEN 'not_asked' THEN 'declined' ELSE state END, \
         'system', 'business_closed' FROM (SELECT p.id AS id, COALESCE((SELECT e.to_state FROM consent_events e \
         WHERE e.participant_id = p.id ORDER BY e.id DESC LIMIT 1), 'not_asked') AS state \
         FROM participants p WHERE p.business_id = {b}); \
         UPDATE participants SET business_id = NULL WHERE business_id = {b}; \
         DELETE FROM sessions WHERE kind = 'staff' AND subject_id IN (SELECT id FROM staff WHERE business_id = {b}); \
         DELETE FROM invites WHERE staff_id IN (SELECT id FROM staff WHERE business_id = {b}); \
         DELETE FROM staff_businesses WHERE business_id = {b} OR staff_id IN (SELECT id FROM staff WHERE business_id = {b}); \
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
    )
}

fn close_business(o: Options) -> Result<(), String> {
    // `--name` carries the business id (parse_close).
    let business = o.name.clone();
    run_sql(&o, &close_sql(&business, now_ms()?))?;
    println!(
        "business {business} closed: staff and invitations erased, consent ended, participants keep their codes and data"
    );
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

/// Runs the statements that `sql` makes from fresh ids on the chosen database; the invite link.
fn execute(o: &Options, sql: impl FnOnce(Ids) -> String) -> Result<String, String> {
    let key = if o.remote {
        std::env::var("MESTRING_CODE_HMAC_KEY").map_err(
            |_| "set MESTRING_CODE_HMAC_KEY to the production CODE_HMAC_KEY for --remote",
        )?
    } else {
        local_code_key()?
    };
    let staff = hex(&random(16)?);
    let salt = base64url(&random(16)?);
    let token = base64url(&random(24)?);
    let token_hash = invite_hash(&key, &token);
    let sql = sql(Ids {
        business: "",
        staff: &staff,
        salt: &salt,
        token_hash: &token_hash,
        now_ms: now_ms()?,
    });
    run_sql(o, &sql)?;
    let base = o.url.as_deref().unwrap_or("http://127.0.0.1:8787");
    Ok(format!(
        "{}/staff/invite#{token}",
        base.trim_end_matches('/')
    ))
}

/// Runs statements on the chosen database: the local one (migrated first) or, with `--remote`,
/// the deployed one.
fn run_sql(o: &Options, sql: &str) -> Result<(), String> {
    let tools = Tools::ensure(false)?;
    let state = match &o.state {
        Some(s) => paths::root().join(s),
        None => paths::work().join("state/dev"),
    };
    if !o.remote {
        fs::create_dir_all(&state).map_err(|e| e.to_string())?;
        let env = if o.env.as_deref() == Some("production") {
            server::Env::Production
        } else {
            server::Env::Dev
        };
        server::migrate(&tools, env, &state)?;
    }
    let mut c = server::wrangler_command(&tools);
    c.args(["d1", "execute", "DB", "--yes", "--command", sql]);
    if o.remote {
        c.arg("--remote");
    } else {
        c.arg("--local").arg("--persist-to").arg(&state);
    }
    if let Some(env) = &o.env {
        c.args(["--env", env]);
    }
    cmd::run(c.stdout(std::process::Stdio::null()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_escapes_quotes_and_binds_every_id() {
        let ids = Ids {
            business: "b1",
            staff: "s1",
            salt: "salt",
            token_hash: "th",
            now_ms: 42,
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
        assert!(sql.contains("WHEN 'granted' THEN 'withdrawn'"));
        let staff_gone = sql
            .find("DELETE FROM staff WHERE business_id = 'b1'")
            .unwrap();
        for before in [
            "DELETE FROM invites",
            "DELETE FROM sessions",
            "DELETE FROM staff_businesses",
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
        };
        let sql = support_sql("a@b.no", &ids);
        assert!(sql.contains("'support', NULL"));
        assert_eq!(sql.matches("INSERT INTO").count(), 2);
    }
}
