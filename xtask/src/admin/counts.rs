//! `cargo xtask admin private-counts [--remote --env ENV] [--state DIR]`: what the operator
//! learns about private access (SPEC §1, the private person), deployment-wide and k-anonymous:
//! how many participants have no business (private codes, and the participants of closed
//! businesses, which the database cannot tell apart and need not), how many registrations they
//! have made, how many vouchers were issued and how many redeemed. Every figure of 1 to 9 is
//! shown as "fewer than 10" (`content::suppression::shown_n`), so no figure counts a handful of
//! people; nothing is broken down by time, place or voucher batch.

use content::suppression::{K, shown_n};

/// The one statement: four counts in one row.
pub const SQL: &str = "SELECT \
     (SELECT COUNT(*) FROM participants WHERE business_id IS NULL AND active = 1) AS participants, \
     (SELECT COUNT(*) FROM responses r JOIN participants p ON p.id = r.participant_id \
      WHERE p.business_id IS NULL AND p.active = 1) AS registrations, \
     (SELECT COUNT(*) FROM vouchers) AS vouchers, \
     (SELECT COUNT(*) FROM vouchers WHERE spent = 1) AS redeemed";

/// The four counts, as the database answered them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub participants: u32,
    pub registrations: u32,
    pub vouchers: u32,
    pub redeemed: u32,
}

/// Reads the counts out of `wrangler d1 execute --json`'s answer.
pub fn parse(json: &str) -> Result<Counts, String> {
    let row = super::first_row(json).ok_or("wrangler's answer has no row")?;
    let n = |name: &str| -> Result<u32, String> {
        row.get(name)
            .and_then(serde_json::Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or(format!("wrangler's answer has no count {name}"))
    };
    Ok(Counts {
        participants: n("participants")?,
        registrations: n("registrations")?,
        vouchers: n("vouchers")?,
        redeemed: n("redeemed")?,
    })
}

/// The report, one figure a line; 1 to 9 (and 0) as "fewer than 10".
pub fn render(c: Counts) -> String {
    let shown = |n: u32| shown_n(n).map_or(format!("fewer than {K}"), |n| n.to_string());
    format!(
        "participants without a business (private codes; closed businesses' participants): {}\n\
         their registrations: {}\n\
         vouchers issued: {}\n\
         vouchers redeemed: {}\n",
        shown(c.participants),
        shown(c.registrations),
        shown(c.vouchers),
        shown(c.redeemed),
    )
}

/// `private-counts`' options: where the database is (`--remote`, `--env`, `--state`), nothing
/// else; it prints no link, so a remote run needs no `--url`.
pub fn parse_options(args: &[String]) -> Result<super::Options, String> {
    let mut o = super::Options {
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
            "--remote" => o.remote = true,
            "--env" => o.env = Some(value()?),
            "--state" => o.state = Some(value()?),
            other => return Err(format!("{other} is not an option of private-counts")),
        }
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_of_one_to_nine_are_never_shown() {
        let c = Counts {
            participants: 9,
            registrations: 10,
            vouchers: 1,
            redeemed: 0,
        };
        let text = render(c);
        assert!(
            text.contains("businesses' participants): fewer than 10\n"),
            "{text}"
        );
        assert!(text.contains("their registrations: 10\n"), "{text}");
        assert!(text.contains("vouchers issued: fewer than 10\n"), "{text}");
        assert!(
            text.contains("vouchers redeemed: fewer than 10\n"),
            "{text}"
        );
        for n in 1..=9 {
            assert!(!text.contains(&format!(": {n}\n")), "{text}");
        }
    }

    #[test]
    fn counts_are_read_from_wranglers_json() {
        let json = r#"[{"results":[{"participants":12,"registrations":40,"vouchers":100,"redeemed":12}],"success":true}]"#;
        assert_eq!(
            parse(json).unwrap(),
            Counts {
                participants: 12,
                registrations: 40,
                vouchers: 100,
                redeemed: 12
            }
        );
        assert!(parse("[]").is_err());
        assert!(parse(r#"[{"results":[{"participants":1}]}]"#).is_err());
    }

    #[test]
    fn the_options_name_only_the_database() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(parse_options(&args(&["--state", "s"])).is_ok());
        assert!(parse_options(&args(&["--remote", "--env", "production"])).is_ok());
        assert!(parse_options(&args(&["--email", "a@b.no"])).is_err());
        assert!(parse_options(&args(&["--bogus"])).is_err());
    }
}
