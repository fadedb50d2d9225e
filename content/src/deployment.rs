//! The deployment configuration (SPEC §7): who runs this deployment and how to reach them, where
//! the data lives, who processes it, where to complain, the crisis resources, backup retention
//! and the privacy notice's version. Data, not code: `content/data/deployment/deployment.toml`
//! (the demo deployment), or the file named by `MESTRING_DEPLOYMENT` at build time. `build.rs`
//! parses and checks it with [`check`] (a bad value names file, field and reason) and compiles it
//! in as the Rust expression that builds it; `crate::config::get` returns that.
//!
//! Compiled into `build.rs` too (by path), so it uses nothing but `crate::i18n`.

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// The controller: who decides what this deployment is for.
    pub operator: Operator,
    pub data_protection_officer: Contact,
    pub data_location: DataLocation,
    /// Everyone who processes personal data on the operator's behalf.
    pub processors: Vec<Processor>,
    pub supervisory_authority: Authority,
    /// Shown by the safety path and on `/help`, in this order.
    pub crisis_resources: Vec<CrisisResource>,
    /// How long deleted data can survive in the database provider's backups (D1 Time Travel).
    pub backup_retention_days: u32,
    pub notice: Notice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    pub name: String,
    /// Norwegian organisation number (9 digits).
    pub organisation_number: String,
    pub email: String,
    /// `https://…`
    pub web: String,
    pub postal_address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataLocation {
    /// The D1 jurisdiction given to `wrangler d1 create --jurisdiction` (`eu` or `fedramp`).
    pub d1_jurisdiction: String,
    /// Where that puts the data, in words.
    pub region: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processor {
    pub name: String,
    /// What they do for the deployment.
    pub role: Text,
    /// Which data they process.
    pub data: Text,
    /// Where, and on what basis data goes outside the EEA, if it does.
    pub transfer_basis: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub name: String,
    pub web: String,
    /// How to complain, in a sentence.
    pub how_to_complain: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResource {
    pub name: Text,
    /// Shown as written and dialled without spaces (`tel:`): digits and spaces only.
    pub number: String,
    pub note: Text,
    /// A chat for people who cannot or will not talk (`https://…`).
    #[serde(default)]
    pub chat: Option<String>,
}

impl CrisisResource {
    pub fn tel(&self) -> String {
        format!("tel:{}", self.number.replace(' ', ""))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The date of the current privacy notice, `YYYY-MM-DD`. A logged-in user who last saw an
    /// older one is shown what changed.
    pub version: String,
    /// What changed, newest first; the first entry is dated `version`.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: String,
    pub text: Text,
}

/// One problem: the field (dotted path) and the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub reason: String,
}

fn problem(field: impl Into<String>, reason: impl Into<String>) -> Problem {
    Problem {
        field: field.into(),
        reason: reason.into(),
    }
}

/// Every rule a deployment configuration must follow, with every broken one reported.
pub fn check(d: &Deployment) -> Vec<Problem> {
    let mut out: Vec<Problem> = [
        ("operator.name", &d.operator.name),
        ("operator.postal_address", &d.operator.postal_address),
        (
            "data_protection_officer.name",
            &d.data_protection_officer.name,
        ),
        ("supervisory_authority.name", &d.supervisory_authority.name),
    ]
    .into_iter()
    .filter(|(_, value)| value.trim().is_empty())
    .map(|(field, _)| problem(field, "must not be empty"))
    .collect();
    let texts: Vec<(String, &Text)> = [
        ("data_location.region".to_string(), &d.data_location.region),
        (
            "supervisory_authority.how_to_complain".to_string(),
            &d.supervisory_authority.how_to_complain,
        ),
    ]
    .into_iter()
    .chain(d.processors.iter().enumerate().flat_map(|(i, p)| {
        [
            (format!("processors[{i}].role"), &p.role),
            (format!("processors[{i}].data"), &p.data),
            (format!("processors[{i}].transfer_basis"), &p.transfer_basis),
        ]
    }))
    .chain(d.crisis_resources.iter().enumerate().flat_map(|(i, r)| {
        [
            (format!("crisis_resources[{i}].name"), &r.name),
            (format!("crisis_resources[{i}].note"), &r.note),
        ]
    }))
    .chain(
        d.notice
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("notice.changes[{i}].text"), &c.text)),
    )
    .collect();
    for (field, text) in texts {
        if text.nb.trim().is_empty() || text.en.trim().is_empty() {
            out.push(problem(field, "needs both nb and en text"));
        }
    }
    let org = &d.operator.organisation_number;
    if org.len() != 9 || !org.chars().all(|c| c.is_ascii_digit()) {
        out.push(problem(
            "operator.organisation_number",
            "must be a Norwegian organisation number: 9 digits, no spaces",
        ));
    }
    for (field, email) in [
        ("operator.email", &d.operator.email),
        (
            "data_protection_officer.email",
            &d.data_protection_officer.email,
        ),
    ] {
        if !is_email(email) {
            out.push(problem(
                field,
                "must be an e-mail address (name@domain.tld)",
            ));
        }
    }
    let urls = [
        ("operator.web".to_string(), Some(&d.operator.web)),
        (
            "supervisory_authority.web".to_string(),
            Some(&d.supervisory_authority.web),
        ),
    ]
    .into_iter()
    .chain(
        d.crisis_resources
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("crisis_resources[{i}].chat"), r.chat.as_ref())),
    );
    for (field, url) in urls {
        if url.is_some_and(|u| !is_https(u)) {
            out.push(problem(field, "must be an https:// address"));
        }
    }
    if !["eu", "fedramp"].contains(&d.data_location.d1_jurisdiction.as_str()) {
        out.push(problem(
            "data_location.d1_jurisdiction",
            "must be a D1 jurisdiction: \"eu\" (keeps data in the EU) or \"fedramp\"",
        ));
    }
    if d.processors.is_empty() {
        out.push(problem(
            "processors",
            "must name at least the hosting provider",
        ));
    }
    if d.crisis_resources.is_empty() {
        out.push(problem(
            "crisis_resources",
            "must list at least one resource",
        ));
    }
    for (i, r) in d.crisis_resources.iter().enumerate() {
        let digits = r.number.chars().filter(char::is_ascii_digit).count();
        if digits == 0 || !r.number.chars().all(|c| c.is_ascii_digit() || c == ' ') {
            out.push(problem(
                format!("crisis_resources[{i}].number"),
                "must be digits and spaces only, as it is dialled",
            ));
        }
    }
    if !(1..=365).contains(&d.backup_retention_days) {
        out.push(problem(
            "backup_retention_days",
            "must be between 1 and 365",
        ));
    }
    if !is_date(&d.notice.version) {
        out.push(problem("notice.version", "must be a date, YYYY-MM-DD"));
    }
    match d.notice.changes.first() {
        None => out.push(problem(
            "notice.changes",
            "must say what changed, newest first",
        )),
        Some(first) if first.date != d.notice.version => out.push(problem(
            "notice.changes[0].date",
            "the newest change must be dated notice.version",
        )),
        Some(_) => {}
    }
    for (i, c) in d.notice.changes.iter().enumerate() {
        if !is_date(&c.date) {
            out.push(problem(
                format!("notice.changes[{i}].date"),
                "must be a date, YYYY-MM-DD",
            ));
        }
    }
    if d.notice.changes.windows(2).any(|w| w[0].date < w[1].date) {
        out.push(problem("notice.changes", "must be ordered newest first"));
    }
    out
}

fn is_email(s: &str) -> bool {
    let Some((name, domain)) = s.split_once('@') else {
        return false;
    };
    !name.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

fn is_https(s: &str) -> bool {
    s.strip_prefix("https://")
        .is_some_and(|rest| rest.contains('.') && !rest.contains(char::is_whitespace))
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}
