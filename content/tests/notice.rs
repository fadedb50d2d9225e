//! The privacy notice says what the code does: every retention and consent constant, every
//! cookie and storage key, the deployment's operator, processors and complaint route appear in
//! it; and the deployment configuration's rules catch a bad value, naming the field.

use content::consent::{LAPSE_AFTER_DAYS, RENEWAL_PROMPT_AFTER_DAYS};
use content::deployment::{Change, check};
use content::i18n::{Lang, Text};
use content::notice::{changes_since, duration, notice, staff_notice};
use content::retention::{
    CODE_UNUSED_YEARS, DEVICE_LINK_TTL_MS, FEEDBACK_MAX_AGE_DAYS, PENDING_CODE_TTL_MS,
    PURCHASE_CLAIM_TTL_MS, RATE_LIMIT_KEY_MAX_AGE_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS,
};
use content::{config, storage};

fn text(lang: Lang) -> String {
    notice(config::get(), lang)
        .iter()
        .flat_map(|s| {
            std::iter::once(s.heading.clone())
                .chain(s.paragraphs.clone())
                .chain(s.items.clone())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_limit_is_stated_from_its_constant() {
    for lang in Lang::ALL {
        let t = text(lang);
        for ms in [
            SESSION_IDLE_MS,
            SESSION_ABSOLUTE_MS,
            DEVICE_LINK_TTL_MS,
            PENDING_CODE_TTL_MS,
            RATE_LIMIT_KEY_MAX_AGE_MS,
        ] {
            assert!(
                t.contains(&duration(ms, lang)),
                "{lang:?}: {}",
                duration(ms, lang)
            );
        }
        for n in [
            format!("{CODE_UNUSED_YEARS}"),
            format!("{FEEDBACK_MAX_AGE_DAYS}"),
            format!("{}", RENEWAL_PROMPT_AFTER_DAYS / 7),
            format!("{}", LAPSE_AFTER_DAYS / 7),
            format!("{}", config::get().backup_retention_days),
        ] {
            assert!(t.contains(&n), "{lang:?}: {n}");
        }
    }
    assert_eq!(duration(SESSION_IDLE_MS, Lang::Nb), "30 minutter");
    assert_eq!(duration(SESSION_ABSOLUTE_MS, Lang::En), "12 hours");
    assert_eq!(duration(RATE_LIMIT_KEY_MAX_AGE_MS, Lang::Nb), "24 timer");
}

#[test]
fn private_access_is_stated_for_both_paths() {
    let days = (PURCHASE_CLAIM_TTL_MS / content::time::DAY_MS).to_string();
    let nb = text(Lang::Nb);
    assert!(
        nb.contains("gavekort") && nb.contains("Stripe") && nb.contains(&format!("{days} dager"))
    );
    let en = text(Lang::En);
    assert!(en.contains("voucher") && en.contains("no link between the payment and the code"));
    assert!(en.contains(&format!("after {days} days")));
    assert!(en.contains("only the date it was made"));
}

#[test]
fn the_consent_rules_are_stated_in_weeks() {
    assert!(text(Lang::Nb).contains("Etter 22 uker"));
    assert!(text(Lang::En).contains("26 weeks after you last confirmed"));
}

#[test]
fn every_cookie_and_storage_key_is_named() {
    for lang in Lang::ALL {
        let t = text(lang);
        for e in storage::ALL {
            assert!(t.contains(e.name), "{lang:?}: {}", e.name);
            assert!(t.contains(e.purpose(lang)), "{lang:?}: {}", e.name);
        }
    }
    assert!(storage::entry_for("mestring.store.r.text:worry/my_worries").is_some());
    assert!(storage::entry_for("mestring.other").is_none());
}

#[test]
fn the_deployment_is_named_with_its_processors_and_complaint_route() {
    let d = config::get();
    for lang in Lang::ALL {
        let t = text(lang);
        for s in [
            &d.operator.name,
            &d.operator.organisation_number,
            &d.operator.email,
            &d.data_protection_officer.email,
            &d.supervisory_authority.name,
        ] {
            assert!(t.contains(s.as_str()), "{lang:?}: {s}");
        }
        for p in &d.processors {
            assert!(t.contains(&p.name) && t.contains(p.transfer_basis.get(lang)));
        }
    }
    let staff: String = staff_notice(d, Lang::En)
        .iter()
        .flat_map(|s| s.paragraphs.iter().chain(&s.items).cloned())
        .collect();
    assert!(staff.contains(storage::STAFF_COOKIE) && staff.contains("Argon2id"));
}

#[test]
fn the_demo_deployment_passes_its_rules_and_lists_kirkens_sos() {
    let d = config::get();
    assert_eq!(check(d), vec![]);
    let numbers: Vec<_> = d
        .crisis_resources
        .iter()
        .map(|r| r.number.as_str())
        .collect();
    assert_eq!(numbers, ["113", "116 117", "116 123", "22 40 00 40"]);
    assert_eq!(d.crisis_resources[3].tel(), "tel:22400040");
}

#[test]
fn a_bad_value_is_named_with_its_field_and_reason() {
    let mut d = config::get().clone();
    d.operator.organisation_number = "12 345".into();
    d.operator.email = "nobody".into();
    d.supervisory_authority.web = "http://datatilsynet.no".into();
    d.data_location.d1_jurisdiction = "us".into();
    d.crisis_resources[0].number = "+47 113".into();
    d.crisis_resources[1].chat = Some("kirkens-sos.no".into());
    d.crisis_resources[2].note = Text::new("", "x");
    d.backup_retention_days = 0;
    d.notice.version = "2026-13-01".into();
    let fields: Vec<String> = check(&d).into_iter().map(|p| p.field).collect();
    for f in [
        "operator.organisation_number",
        "operator.email",
        "supervisory_authority.web",
        "data_location.d1_jurisdiction",
        "crisis_resources[0].number",
        "crisis_resources[1].chat",
        "crisis_resources[2].note",
        "backup_retention_days",
        "notice.version",
        "notice.changes[0].date",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
    d = config::get().clone();
    d.crisis_resources.clear();
    d.processors.clear();
    let fields: Vec<String> = check(&d).into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["processors", "crisis_resources"]);
}

#[test]
fn the_banner_shows_only_changes_newer_than_the_version_seen() {
    let mut d = config::get().clone();
    d.notice.version = "2027-03-01".into();
    d.notice.changes.insert(
        0,
        Change {
            date: "2027-03-01".into(),
            text: Text::new("Ny databehandler.", "A new processor."),
        },
    );
    assert_eq!(check(&d), vec![]);
    let newer: Vec<_> = changes_since(&d, Some("2026-11-27"))
        .iter()
        .map(|c| c.date.clone())
        .collect();
    assert_eq!(newer, ["2027-03-01"]);
    assert!(changes_since(&d, Some("2027-03-01")).is_empty());
    assert!(changes_since(&d, None).is_empty());
}
