//! The staff caseload (`GET /api/staff/participants`, SPEC §4.3): search by reference, filters,
//! order and paging over one summary per participant, never over their responses.
//!
//! The edge keeps a summary row per participant (`participant_summaries`) current in the same
//! D1 batch as every write that changes it: the latest consent event, per instrument the first
//! and the latest total with the latest time and the count, and the time of the latest answer
//! above 0 on a safety item. [`page`] turns those rows into one page of the overview, with
//! consent evaluated at request time with the server clock (P5): `latest` and `flags` only
//! where consent is `granted` now, and the filters that look at individual data (flagged, due)
//! only among those who share. So the overview's cost follows the number of participants,
//! whatever the number of responses.

use crate::api::{CaseloadFilter, CaseloadSort, ConsentState, Flags, LatestScore, ParticipantRow};
use crate::consent::{self, Event, EventKind};
use crate::model::Direction;
use crate::{advice, dates, due, instruments, plans, scoring, stats::score_from_total, time};

/// Rows a page when the query does not say.
pub const PER_PAGE_DEFAULT: u32 = 50;
/// The most rows a page.
pub const PER_PAGE_MAX: u32 = 200;
/// A reference is the code's first group: at most this many symbols to search for.
pub const SEARCH_MAX: usize = 4;

/// A checked query of the caseload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The start of a reference, normalised like a code (upper case, O→0, I/L→1).
    pub search: Option<String>,
    pub filter: Option<CaseloadFilter>,
    pub sort: CaseloadSort,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            search: None,
            filter: None,
            sort: CaseloadSort::default(),
            page: 1,
            per_page: PER_PAGE_DEFAULT,
        }
    }
}

impl Query {
    /// The query from the URL's parameters (`q`, `filter`, `sort`, `page`, `per_page`; others
    /// are ignored; a repeated one counts once, the last). The error names the parameter and
    /// the rule, never the value.
    pub fn parse<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Query, String> {
        let mut q = Query::default();
        for (k, v) in pairs {
            let v = v.as_ref();
            match k.as_ref() {
                "q" => q.search = search(v)?,
                "filter" => {
                    q.filter = match v {
                        "" | "all" => None,
                        "sharing" => Some(CaseloadFilter::Sharing),
                        "flagged" => Some(CaseloadFilter::Flagged),
                        "due" => Some(CaseloadFilter::Due),
                        "deleted" => Some(CaseloadFilter::Deleted),
                        _ => {
                            return Err(
                                "`filter` must be all, sharing, flagged, due or deleted".into()
                            );
                        }
                    }
                }
                "sort" => {
                    q.sort = match v {
                        "" | "issued" => CaseloadSort::Issued,
                        "last_active" => CaseloadSort::LastActive,
                        "band" => CaseloadSort::Band,
                        _ => return Err("`sort` must be issued, last_active or band".into()),
                    }
                }
                "page" => {
                    q.page = number(v)
                        .filter(|n| *n >= 1)
                        .ok_or("`page` must be a whole number from 1")?
                }
                "per_page" => {
                    q.per_page = number(v)
                        .filter(|n| (1..=PER_PAGE_MAX).contains(n))
                        .ok_or_else(|| format!("`per_page` must be 1–{PER_PAGE_MAX}"))?
                }
                _ => {}
            }
        }
        Ok(q)
    }

    /// The URL query string of this query (for the app), leaving defaults out.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.search {
            parts.push(format!("q={s}"));
        }
        if let Some(f) = self.filter {
            parts.push(format!("filter={}", filter_name(f)));
        }
        match self.sort {
            CaseloadSort::Issued => {}
            CaseloadSort::LastActive => parts.push("sort=last_active".into()),
            CaseloadSort::Band => parts.push("sort=band".into()),
        }
        if self.page != 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.per_page != PER_PAGE_DEFAULT {
            parts.push(format!("per_page={}", self.per_page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The row range of this page in a list of `total` rows.
    pub fn range(&self, total: usize) -> std::ops::Range<usize> {
        let per = self.per_page as usize;
        let start = (self.page as usize - 1).saturating_mul(per).min(total);
        start..start.saturating_add(per).min(total)
    }
}

/// The name of a filter in the URL.
pub fn filter_name(f: CaseloadFilter) -> &'static str {
    match f {
        CaseloadFilter::Sharing => "sharing",
        CaseloadFilter::Flagged => "flagged",
        CaseloadFilter::Due => "due",
        CaseloadFilter::Deleted => "deleted",
    }
}

fn number(v: &str) -> Option<u32> {
    (!v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()
}

/// A search as typed (any case, spaces, dashes, O for 0, I or L for 1) as the start of a
/// reference; `None` when empty. Only symbols of the code alphabet, at most [`SEARCH_MAX`].
pub fn search(input: &str) -> Result<Option<String>, String> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    let alphabet = |c: char| c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'U');
    if s.chars().count() > SEARCH_MAX || !s.chars().all(alphabet) {
        return Err(format!(
            "`q` must be the start of a reference: 1–{SEARCH_MAX} symbols of the code alphabet"
        ));
    }
    Ok(Some(s))
}

/// Per instrument, what the overview needs of a participant's responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentSummary {
    pub instrument: String,
    /// The total of the first response (completion time, then id).
    pub first_total: i64,
    /// The total of the latest response.
    pub last_total: i64,
    /// When the latest response was completed (ms).
    pub last_at: i64,
    pub count: u32,
}

/// One participant as the summary rows hold them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub reference: String,
    pub issued_at: i64,
    pub tool: Option<String>,
    pub plan: Option<String>,
    pub first_login_at: Option<i64>,
    /// `YYYY-MM-DD`.
    pub last_login_on: Option<String>,
    /// The state the latest stored consent event entered (`not_asked` without one).
    pub consent: ConsentState,
    /// When consent was last given or confirmed (the latest event entering `granted`).
    pub granted_at: Option<i64>,
    pub scores: Vec<InstrumentSummary>,
    /// When the latest response with a safety item above 0 was completed.
    pub safety_at: Option<i64>,
}

/// The consent state now from the summary's two values: the same answer as
/// [`consent::evaluate`] over the whole timeline, which depends on nothing else (the latest
/// state stored, and the latest time consent was given or confirmed).
pub fn consent_now(stored: ConsentState, granted_at: Option<i64>, now_ms: i64) -> ConsentState {
    let event = |at_ms, to| Event {
        at_ms,
        from: ConsentState::NotAsked,
        to,
        actor: crate::api::Actor::User,
        kind: EventKind::Grant,
    };
    let events = match (stored, granted_at) {
        (ConsentState::NotAsked, _) => vec![],
        (ConsentState::Granted, Some(at)) => vec![event(at, ConsentState::Granted)],
        // A granted state with no time cannot be stored; without a time to count from it
        // would never lapse, so it is read as not sharing.
        (ConsentState::Granted, None) => return ConsentState::Expired,
        (state, _) => vec![event(0, state)],
    };
    consent::evaluate(&events, now_ms).state
}

/// Latest band per instrument, with the reliable-change direction against the first response
/// (`null` with only one), in instrument id order.
pub fn latest_scores(scores: &[InstrumentSummary]) -> Vec<LatestScore> {
    let mut sorted: Vec<&InstrumentSummary> = scores.iter().collect();
    sorted.sort_by(|a, b| a.instrument.cmp(&b.instrument));
    sorted
        .into_iter()
        .filter_map(|s| {
            let instrument = instruments::get(&s.instrument)?;
            let latest = score_from_total(instrument, s.last_total)?;
            let baseline = score_from_total(instrument, s.first_total)?;
            let reliable =
                (s.count > 1).then(|| scoring::change_for(instrument, &baseline, &latest).reliable);
            Some(LatestScore {
                instrument: s.instrument.clone(),
                band: latest.band,
                date: dates::local_day(s.last_at),
                reliable,
            })
        })
        .collect()
}

/// The order of "latest band": the most severe latest band over the participant's validated
/// instruments (those with a caseness cut-off), as a share (0–1000) of the way from the mildest
/// band to the most severe, so PHQ-9 `severe` and GAD-7 `severe` rank alike and WHO-5's
/// direction is turned round. `None` without such a score.
pub fn severity(scores: &[InstrumentSummary]) -> Option<u32> {
    scores
        .iter()
        .filter_map(|s| {
            let instrument = instruments::get(&s.instrument)?;
            instrument.caseness?;
            let n = instrument.bands.len();
            if n < 2 {
                return None;
            }
            let i = instrument
                .bands
                .iter()
                .position(|b| (b.min..=b.max).contains(&s.last_total))?;
            let steps = match instrument.direction {
                Direction::HigherIsWorse => i,
                Direction::HigherIsBetter => n - 1 - i,
            };
            Some((steps * 1000 / (n - 1)) as u32)
        })
        .max()
}

/// Whether a questionnaire of the participant's repeat plan (not an optional one) is due today
/// or earlier ([`due::due`], the same rule as the participant's own page).
pub fn due_now(s: &Summary, now_ms: i64) -> bool {
    let Some(plan) = s.plan.as_deref().and_then(plans::get) else {
        return false;
    };
    let done: Vec<(&str, i64)> = s
        .scores
        .iter()
        .map(|x| (x.instrument.as_str(), x.last_at))
        .collect();
    due::due(plan, s.first_login_at.unwrap_or(s.issued_at), &done, now_ms)
        .iter()
        .any(|item| !item.optional && due::is_due_now(item, now_ms))
}

/// One page of the caseload and how many rows match on all pages together. `filter=deleted`
/// lists no participants (the edge pages the deletion registrations instead).
pub fn page(query: &Query, summaries: Vec<Summary>, now_ms: i64) -> (Vec<ParticipantRow>, u32) {
    let mut rows: Vec<(Summary, ConsentState)> = summaries
        .into_iter()
        .filter(|s| {
            query
                .search
                .as_deref()
                .is_none_or(|q| s.reference.starts_with(q))
        })
        .map(|s| {
            let state = consent_now(s.consent, s.granted_at, now_ms);
            (s, state)
        })
        .filter(|(s, state)| {
            let sharing = state.allows_individual_access();
            match query.filter {
                None => true,
                Some(CaseloadFilter::Sharing) => sharing,
                Some(CaseloadFilter::Flagged) => sharing && s.safety_at.is_some(),
                Some(CaseloadFilter::Due) => sharing && due_now(s, now_ms),
                Some(CaseloadFilter::Deleted) => false,
            }
        })
        .collect();
    let newest_first = |a: &Summary, b: &Summary| {
        b.issued_at
            .cmp(&a.issued_at)
            .then_with(|| a.reference.cmp(&b.reference))
    };
    let active_first = |a: &Summary, b: &Summary| {
        // `YYYY-MM-DD` compares in date order; never logged in last.
        b.last_login_on
            .cmp(&a.last_login_on)
            .then_with(|| newest_first(a, b))
    };
    match query.sort {
        CaseloadSort::Issued => rows.sort_by(|(a, _), (b, _)| newest_first(a, b)),
        CaseloadSort::LastActive => rows.sort_by(|(a, _), (b, _)| active_first(a, b)),
        CaseloadSort::Band => {
            // Only a sharing participant's band may decide their place (P5).
            let key = |s: &Summary, state: &ConsentState| {
                state
                    .allows_individual_access()
                    .then(|| severity(&s.scores))
                    .flatten()
            };
            rows.sort_by(|(a, sa), (b, sb)| {
                key(b, sb).cmp(&key(a, sa)).then_with(|| active_first(a, b))
            });
        }
    }
    let total = rows.len() as u32;
    let range = query.range(rows.len());
    let shown = rows
        .into_iter()
        .skip(range.start)
        .take(range.len())
        .map(|(s, state)| row(s, state))
        .collect();
    (shown, total)
}

/// The overview row: `latest` and `flags` only while sharing (P5), `null` otherwise.
fn row(s: Summary, state: ConsentState) -> ParticipantRow {
    let granted = state.allows_individual_access();
    ParticipantRow {
        latest: granted.then(|| latest_scores(&s.scores)),
        flags: granted.then(|| {
            let safety_on = advice::safety_day(s.safety_at.map(|at| (at, true)));
            Flags {
                safety: safety_on.is_some(),
                safety_on,
            }
        }),
        id: s.id,
        reference: s.reference,
        issued_at: time::format_ms(s.issued_at),
        tool: s.tool,
        consent: state,
        last_active: s.last_login_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Actor;
    use crate::consent::{Command, apply, evaluate};
    use crate::time::DAY_MS;

    const NOW: i64 = 1_780_000_000_000;

    fn summary(reference: &str, issued_days_ago: i64) -> Summary {
        Summary {
            id: format!("id-{reference}"),
            reference: reference.into(),
            issued_at: NOW - issued_days_ago * DAY_MS,
            tool: None,
            plan: None,
            first_login_at: None,
            last_login_on: None,
            consent: ConsentState::NotAsked,
            granted_at: None,
            scores: vec![],
            safety_at: None,
        }
    }

    fn sharing(mut s: Summary) -> Summary {
        s.consent = ConsentState::Granted;
        s.granted_at = Some(NOW - DAY_MS);
        s
    }

    fn phq9(last_total: i64, first_total: i64, count: u32) -> InstrumentSummary {
        InstrumentSummary {
            instrument: "phq9".into(),
            first_total,
            last_total,
            last_at: NOW - DAY_MS,
            count,
        }
    }

    fn refs(rows: &[ParticipantRow]) -> Vec<&str> {
        rows.iter().map(|r| r.reference.as_str()).collect()
    }

    fn query(pairs: &[(&str, &str)]) -> Query {
        Query::parse(pairs.iter().copied()).unwrap()
    }

    #[test]
    fn the_summary_consent_agrees_with_the_whole_timeline() {
        // Walk a timeline of commands and lapses; after each step the two values a summary
        // keeps give the same state as evaluating every event, now and a year on.
        let commands = [
            Command::Share(false),
            Command::Share(true),
            Command::Share(true),
            Command::Share(false),
            Command::Share(true),
        ];
        let mut events: Vec<Event> = vec![];
        let mut at = NOW;
        for cmd in commands {
            events.extend(apply(&events, at, cmd).unwrap());
            let stored = events.last().map_or(ConsentState::NotAsked, |e| e.to);
            let granted_at = events
                .iter()
                .rev()
                .find(|e| e.to == ConsentState::Granted)
                .map(|e| e.at_ms);
            for later in [at, at + 100 * DAY_MS, at + 200 * DAY_MS] {
                assert_eq!(
                    consent_now(stored, granted_at, later),
                    evaluate(&events, later).state
                );
            }
            at += 30 * DAY_MS;
        }
        // A stored lapse: expired stays expired.
        let lapse = Event {
            at_ms: NOW,
            from: ConsentState::Granted,
            to: ConsentState::Expired,
            actor: Actor::System,
            kind: EventKind::Lapse,
        };
        assert_eq!(
            consent_now(lapse.to, Some(NOW - 182 * DAY_MS), NOW),
            ConsentState::Expired
        );
    }

    #[test]
    fn a_grant_older_than_26_weeks_shows_nothing_individual() {
        let mut s = sharing(summary("AAAA", 300));
        s.granted_at = Some(NOW - 182 * DAY_MS);
        s.scores = vec![phq9(20, 20, 1)];
        s.safety_at = Some(NOW - DAY_MS);
        let (rows, _) = page(&Query::default(), vec![s], NOW);
        assert_eq!(rows[0].consent, ConsentState::Expired);
        assert_eq!(rows[0].latest, None);
        assert_eq!(rows[0].flags, None);
    }

    #[test]
    fn latest_and_flags_only_while_sharing() {
        let mut shares = sharing(summary("AAAA", 3));
        shares.scores = vec![phq9(12, 20, 2)];
        shares.safety_at = Some(NOW - 2 * DAY_MS);
        let mut not = summary("BBBB", 2);
        not.scores = vec![phq9(12, 20, 2)];
        not.safety_at = Some(NOW - 2 * DAY_MS);
        let (rows, total) = page(&Query::default(), vec![shares, not], NOW);
        assert_eq!(total, 2);
        let bbbb = &rows[0];
        assert_eq!((bbbb.latest.as_ref(), bbbb.flags.as_ref()), (None, None));
        let aaaa = &rows[1];
        let latest = aaaa.latest.as_ref().unwrap();
        assert_eq!(latest[0].band, "moderate");
        assert_eq!(latest[0].reliable, Some(scoring::ReliableChange::Improved));
        let flags = aaaa.flags.as_ref().unwrap();
        assert!(flags.safety);
        assert_eq!(flags.safety_on, Some(dates::local_day(NOW - 2 * DAY_MS)));
    }

    #[test]
    fn one_response_has_no_reliable_change() {
        let latest = latest_scores(&[phq9(5, 5, 1)]);
        assert_eq!(latest[0].reliable, None);
        assert_eq!(latest[0].band, "mild");
    }

    #[test]
    fn search_is_the_start_of_a_reference_typed_forgivingly() {
        assert_eq!(search(" ab-c").unwrap(), Some("ABC".into()));
        assert_eq!(search("o1l").unwrap(), Some("011".into()));
        assert_eq!(search("").unwrap(), None);
        assert!(search("ABCDE").is_err());
        assert!(search("A<B").is_err());
        assert!(search("U").is_err());
        let all = vec![summary("AB12", 1), summary("AC12", 2), summary("XAB1", 3)];
        let (rows, total) = page(&query(&[("q", "ab")]), all, NOW);
        assert_eq!((refs(&rows), total), (vec!["AB12"], 1));
    }

    #[test]
    fn each_filter_keeps_its_participants_and_looks_at_sharing_ones_only() {
        let plain = summary("AAAA", 1);
        let shares = sharing(summary("BBBB", 2));
        let mut flagged = sharing(summary("CCCC", 3));
        flagged.safety_at = Some(NOW - DAY_MS);
        let mut flagged_not_sharing = summary("DDDD", 4);
        flagged_not_sharing.safety_at = Some(NOW - DAY_MS);
        let mut due = sharing(summary("EEEE", 5));
        due.plan = Some(plans::all()[0].id.clone());
        let mut due_not_sharing = summary("FFFF", 6);
        due_not_sharing.plan = due.plan.clone();
        let all = vec![
            plain,
            shares,
            flagged,
            flagged_not_sharing,
            due,
            due_not_sharing,
        ];
        let run = |f: &str| refs(&page(&query(&[("filter", f)]), all.clone(), NOW).0).join(",");
        assert_eq!(run("all"), "AAAA,BBBB,CCCC,DDDD,EEEE,FFFF");
        assert_eq!(run("sharing"), "BBBB,CCCC,EEEE");
        assert_eq!(run("flagged"), "CCCC");
        assert_eq!(run("due"), "EEEE");
        assert_eq!(run("deleted"), "");
    }

    #[test]
    fn due_follows_the_plan_and_the_latest_answer() {
        let plan = plans::all()
            .iter()
            .find(|p| p.schedule.iter().any(|e| !e.optional))
            .unwrap();
        let mut s = sharing(summary("AAAA", 40));
        s.plan = Some(plan.id.clone());
        assert!(due_now(&s, NOW), "never answered: due from the start");
        s.scores = plan
            .schedule
            .iter()
            .map(|e| InstrumentSummary {
                instrument: e.instrument.clone(),
                first_total: 0,
                last_total: 0,
                last_at: NOW,
                count: 1,
            })
            .collect();
        assert!(!due_now(&s, NOW), "everything answered just now");
        s.plan = None;
        assert!(!due_now(&s, NOW + 400 * DAY_MS), "no plan, nothing due");
    }

    #[test]
    fn sorts_by_issue_last_activity_and_band() {
        let mut a = sharing(summary("AAAA", 1));
        a.scores = vec![phq9(3, 3, 1)];
        a.last_login_on = Some("2026-01-02".into());
        let mut b = sharing(summary("BBBB", 2));
        b.scores = vec![phq9(22, 22, 1)];
        b.last_login_on = Some("2026-03-01".into());
        let mut c = summary("CCCC", 3); // not sharing: its severe band must not count
        c.scores = vec![phq9(27, 27, 1)];
        let mut d = sharing(summary("DDDD", 4));
        d.scores = vec![InstrumentSummary {
            instrument: "gad7".into(),
            first_total: 12,
            last_total: 12,
            last_at: NOW,
            count: 1,
        }];
        d.last_login_on = Some("2026-02-01".into());
        let all = vec![c.clone(), a.clone(), d.clone(), b.clone()];
        let run = |s: &str| refs(&page(&query(&[("sort", s)]), all.clone(), NOW).0).join(",");
        assert_eq!(run("issued"), "AAAA,BBBB,CCCC,DDDD");
        assert_eq!(run("last_active"), "BBBB,DDDD,AAAA,CCCC");
        assert_eq!(run("band"), "BBBB,DDDD,AAAA,CCCC");
    }

    #[test]
    fn severity_puts_wellbeing_the_right_way_round() {
        let who5 = |total| InstrumentSummary {
            instrument: "who5".into(),
            first_total: total,
            last_total: total,
            last_at: NOW,
            count: 1,
        };
        assert!(severity(&[who5(2)]) > severity(&[who5(20)]));
        assert_eq!(severity(&[phq9(27, 27, 1)]), Some(1000));
        assert_eq!(severity(&[phq9(0, 0, 1)]), Some(0));
        assert_eq!(severity(&[]), None);
    }

    #[test]
    fn pages_cut_the_list_and_count_every_match() {
        let all: Vec<Summary> = (0..7).map(|i| summary(&format!("A00{i}"), i)).collect();
        let q = query(&[("per_page", "3"), ("page", "3")]);
        let (rows, total) = page(&q, all.clone(), NOW);
        assert_eq!((refs(&rows), total), (vec!["A006"], 7));
        let (rows, total) = page(&query(&[("per_page", "3"), ("page", "9")]), all, NOW);
        assert_eq!((rows.len(), total), (0, 7));
    }

    #[test]
    fn bad_parameters_are_named_never_echoed() {
        for (k, v) in [
            ("filter", "x<script>"),
            ("sort", "name"),
            ("page", "0"),
            ("page", "-1"),
            ("per_page", "201"),
            ("q", "TOOLONG"),
        ] {
            let e = Query::parse([(k, v)]).unwrap_err();
            assert!(e.contains(&format!("`{k}`")), "{e}");
            assert!(!e.contains(v), "{e}");
        }
        assert_eq!(Query::parse([("other", "x")]).unwrap(), Query::default());
    }

    #[test]
    fn the_query_string_round_trips() {
        let q = query(&[
            ("q", "ab"),
            ("filter", "due"),
            ("sort", "band"),
            ("page", "2"),
            ("per_page", "25"),
        ]);
        let s = q.to_query_string();
        assert_eq!(s, "?q=AB&filter=due&sort=band&page=2&per_page=25");
        let pairs: Vec<(&str, &str)> = s[1..]
            .split('&')
            .map(|p| p.split_once('=').unwrap())
            .collect();
        assert_eq!(Query::parse(pairs).unwrap(), q);
        assert_eq!(Query::default().to_query_string(), "");
    }
}
