//! Rules every content file must satisfy. `build.rs` runs them on `content/data/` and refuses to
//! build on any failure, so the runtime can trust the embedded catalogue; the tests run them on
//! the broken fixtures in `content/tests/fixtures/`.
//!
//! Every error names the file, the item (or band, part, step, …) and the field, so an author can
//! fix it without reading this code. This file is compiled into `build.rs` too (via `#[path]`),
//! so it may depend on `serde` and the sibling modules `i18n` and `model` only.

use std::collections::BTreeSet;
use std::fmt;

use crate::i18n::Text;
use crate::model::{
    Caseness, Catalog, Direction, Instrument, Item, Plan, Step, Tool, TranslationStatus,
};

/// One broken rule, e.g.
/// `content/data/instruments/phq9.toml: item phq9.3: field options[2].value: 7 is outside the scale 0..=3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub file: String,
    /// What holds the field: `instrument phq9`, `item phq9.3`, `band mild`, `part p1 step s2`, …
    pub location: String,
    /// Path of the field inside `location`, e.g. `options[2].value`, `text.nb`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: field {}: {}",
            self.file, self.location, self.field, self.message
        )
    }
}

/// All broken rules found (at least one), one per line when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl ValidationErrors {
    /// `Ok(())` when empty.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// One parsed content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Instrument(Box<Instrument>),
    Tool(Tool),
    Plan(Plan),
}

impl Document {
    pub fn id(&self) -> &str {
        match self {
            Document::Instrument(i) => &i.id,
            Document::Tool(t) => &t.id,
            Document::Plan(p) => &p.id,
        }
    }
}

/// Collects errors for one file.
struct Checker<'a> {
    file: &'a str,
    errors: Vec<ValidationError>,
}

impl<'a> Checker<'a> {
    fn new(file: &'a str) -> Self {
        Self {
            file,
            errors: Vec::new(),
        }
    }

    fn err(&mut self, location: &str, field: &str, message: impl Into<String>) {
        self.errors.push(ValidationError {
            file: self.file.to_owned(),
            location: location.to_owned(),
            field: field.to_owned(),
            message: message.into(),
        });
    }

    fn text(&mut self, location: &str, field: &str, text: &Text) {
        if text.nb.trim().is_empty() {
            self.err(
                location,
                &format!("{field}.nb"),
                "Norwegian (nb) text is empty",
            );
        }
        if text.en.trim().is_empty() {
            self.err(
                location,
                &format!("{field}.en"),
                "English (en) text is empty",
            );
        }
    }

    /// Stable ids: lowercase ASCII letters, digits, `_`, and (`dots` allowed) `.`; starting with
    /// a letter. They end up in URLs, database rows and FHIR `linkId`s.
    fn id(&mut self, location: &str, field: &str, id: &str, dots: bool) {
        let ok = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (dots && c == '.')
            })
            && !id.ends_with('.');
        if !ok {
            let allowed = if dots {
                "a-z, 0-9, _ and ."
            } else {
                "a-z, 0-9 and _"
            };
            self.err(
                location,
                field,
                format!("{id:?} is not a stable id (start with a-z; use only {allowed})"),
            );
        }
    }

    fn version(&mut self, location: &str, version: &str) {
        let parts: Vec<&str> = version.split('.').collect();
        let ok = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            self.err(
                location,
                "version",
                format!("{version:?} is not MAJOR.MINOR.PATCH"),
            );
        }
    }

    fn loinc(&mut self, location: &str, field: &str, code: &str) {
        if !loinc_is_valid(code) {
            self.err(
                location,
                field,
                format!("{code:?} is not a LOINC code with a valid check digit"),
            );
        }
    }

    fn unique<'s>(
        &mut self,
        seen: &mut BTreeSet<&'s str>,
        id: &'s str,
        location: &str,
        field: &str,
    ) {
        if !seen.insert(id) {
            self.err(location, field, format!("duplicate id {id:?}"));
        }
    }

    fn finish(self) -> Result<(), ValidationErrors> {
        ValidationErrors(self.errors).into_result()
    }
}

/// LOINC codes are `NNNN-C` where C is a mod-10 (Luhn) check digit; checking it catches typos
/// in the codes we export to FHIR.
pub fn loinc_is_valid(code: &str) -> bool {
    let Some((body, check)) = code.split_once('-') else {
        return false;
    };
    if body.is_empty()
        || body.len() > 7
        || check.len() != 1
        || !body.bytes().all(|b| b.is_ascii_digit())
        || !check.bytes().all(|b| b.is_ascii_digit())
    {
        return false;
    }
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let dd = d * 2;
                dd / 10 + dd % 10
            } else {
                d
            }
        })
        .sum();
    let expected = (10 - sum % 10) % 10;
    u32::from(check.as_bytes()[0] - b'0') == expected
}

/// Rules of one instrument file on its own.
pub fn check_instrument(file: &str, inst: &Instrument) -> Result<(), ValidationErrors> {
    let mut c = Checker::new(file);
    let here = format!("instrument {}", inst.id);
    c.id(&here, "id", &inst.id, false);
    c.version(&here, &inst.version);
    if inst.name.trim().is_empty() {
        c.err(&here, "name", "is empty");
    }
    c.text(&here, "title", &inst.title);
    c.text(&here, "instructions", &inst.instructions);
    c.text(&here, "licence", &inst.licence);
    match (&inst.translation.status, &inst.translation.note) {
        (TranslationStatus::Official, _) => {}
        (_, None) => c.err(
            &here,
            "translation.note",
            "is required unless translation.status is \"official\" (say what the wording is)",
        ),
        (_, Some(note)) => c.text(&here, "translation.note", note),
    }
    if let Some(code) = &inst.loinc_panel {
        c.loinc(&here, "loinc_panel", code);
    }
    if let Some(code) = &inst.loinc_total {
        c.loinc(&here, "loinc_total", code);
    }
    if let Some(m) = inst.scoring.percent_multiplier
        && m <= 0
    {
        c.err(
            &here,
            "scoring.percent_multiplier",
            format!("{m} must be positive"),
        );
    }

    // Items.
    if inst.items.is_empty() {
        c.err(&here, "items", "an instrument needs at least one item");
    }
    if inst.scored_items().next().is_none() {
        c.err(
            &here,
            "items",
            "an instrument needs at least one scored item",
        );
    }
    let prefix = format!("{}.", inst.id);
    let mut item_ids = BTreeSet::new();
    for item in &inst.items {
        check_item(&mut c, &prefix, item);
        let loc = format!("item {}", item.id);
        c.unique(&mut item_ids, &item.id, &loc, "id");
    }

    // Bands: ascending, contiguous, covering exactly min..=max of the score range.
    let (lo, hi) = inst.score_range();
    if inst.bands.is_empty() {
        c.err(
            &here,
            "bands",
            format!("no bands: they must cover the score range {lo}..={hi}"),
        );
    }
    let mut band_ids = BTreeSet::new();
    let mut expected_min = lo;
    for (i, band) in inst.bands.iter().enumerate() {
        let loc = format!("band {}", band.id);
        c.id(&loc, "id", &band.id, false);
        c.unique(&mut band_ids, &band.id, &loc, "id");
        c.text(&loc, "label", &band.label);
        if band.min > band.max {
            c.err(
                &loc,
                "max",
                format!("{} is below min {}", band.max, band.min),
            );
        }
        if band.min != expected_min {
            let what = if band.min > expected_min {
                "a gap"
            } else {
                "an overlap"
            };
            let message = if i == 0 {
                format!("{} leaves {what}: the score range starts at {lo}", band.min)
            } else {
                format!(
                    "{} leaves {what}: the previous band ends at {}, so this one must start at {expected_min}",
                    band.min,
                    expected_min - 1
                )
            };
            c.err(&loc, "min", message);
        }
        expected_min = band.max + 1;
    }
    if let Some(last) = inst.bands.last()
        && last.max != hi
    {
        c.err(
            &format!("band {}", last.id),
            "max",
            format!("{} does not end the score range {lo}..={hi}", last.max),
        );
    }

    // Caseness: inside the range, so both sides are reachable; on the bad end of the scale.
    if let Some(caseness) = inst.caseness {
        let (n, side_ok) = match caseness {
            Caseness::AtLeast(n) => (n, inst.direction == Direction::HigherIsWorse),
            Caseness::Below(n) => (n, inst.direction == Direction::HigherIsBetter),
        };
        if n <= lo || n > hi {
            c.err(
                &here,
                "caseness",
                format!(
                    "cut-off {n} must lie in {}..={hi} so that both sides can occur",
                    lo + 1
                ),
            );
        }
        if !side_ok {
            c.err(
                &here,
                "caseness",
                "at_least goes with direction higher_is_worse, below with higher_is_better",
            );
        }
    }
    if let Some(rc) = inst.reliable_change
        && (rc < 1 || rc > hi - lo)
    {
        c.err(
            &here,
            "reliable_change",
            format!(
                "{rc} must lie in 1..={} (the width of the score range)",
                hi - lo
            ),
        );
    }
    c.finish()
}

fn check_item(c: &mut Checker<'_>, prefix: &str, item: &Item) {
    let loc = format!("item {}", item.id);
    c.id(&loc, "id", &item.id, true);
    if !item.id.starts_with(prefix) || item.id.len() == prefix.len() {
        c.err(&loc, "id", format!("item ids must start with {prefix:?}"));
    }
    c.text(&loc, "text", &item.text);
    if let Some(code) = &item.loinc {
        c.loinc(&loc, "loinc", code);
    }
    if item.min >= item.max {
        c.err(
            &loc,
            "max",
            format!(
                "scale {}..={} is empty or a single value",
                item.min, item.max
            ),
        );
        return;
    }
    let scale = format!("{}..={}", item.min, item.max);
    // Options list every value of the scale once, in presentation order: ascending (PHQ, GAD)
    // or descending (WHO-5 lists "All of the time" first).
    let descending = item.options.first().is_some_and(|o| o.value == item.max);
    let step = if descending { -1 } else { 1 };
    let mut expected = if descending { item.max } else { item.min };
    for (i, opt) in item.options.iter().enumerate() {
        let field = format!("options[{i}]");
        c.text(&loc, &format!("{field}.label"), &opt.label);
        if opt.value < item.min || opt.value > item.max {
            c.err(
                &loc,
                &format!("{field}.value"),
                format!("{} is outside the scale {scale}", opt.value),
            );
        } else if opt.value != expected {
            c.err(
                &loc,
                &format!("{field}.value"),
                format!(
                    "{} is out of order: list every value of the scale {scale} once, ascending or descending (expected {expected})",
                    opt.value
                ),
            );
        }
        expected += step;
    }
    if item.options.len() as i64 != item.max - item.min + 1 {
        c.err(
            &loc,
            "options",
            format!(
                "{} options for the scale {scale}: list every value once",
                item.options.len()
            ),
        );
    }
}

/// Rules of one tool file on its own (references are checked by [`check_catalog`]).
pub fn check_tool(file: &str, tool: &Tool) -> Result<(), ValidationErrors> {
    let mut c = Checker::new(file);
    let here = format!("tool {}", tool.id);
    c.id(&here, "id", &tool.id, false);
    c.version(&here, &tool.version);
    c.text(&here, "title", &tool.title);
    c.text(&here, "summary", &tool.summary);
    if tool.parts.is_empty() {
        c.err(&here, "parts", "a tool needs at least one part");
    }
    let mut part_ids = BTreeSet::new();
    let mut step_ids = BTreeSet::new();
    for part in &tool.parts {
        let ploc = format!("part {}", part.id);
        c.id(&ploc, "id", &part.id, false);
        c.unique(&mut part_ids, &part.id, &ploc, "id");
        c.text(&ploc, "title", &part.title);
        c.text(&ploc, "summary", &part.summary);
        if part.steps.is_empty() {
            c.err(&ploc, "steps", "a part needs at least one step");
        }
        for step in &part.steps {
            let sloc = format!("part {} step {}", part.id, step.id());
            c.id(&sloc, "id", step.id(), false);
            c.unique(&mut step_ids, step.id(), &sloc, "id");
            check_step(&mut c, &sloc, step);
        }
    }
    c.finish()
}

fn check_step(c: &mut Checker<'_>, loc: &str, step: &Step) {
    match step {
        Step::Reading(s) => {
            c.text(loc, "title", &s.title);
            if s.paragraphs.is_empty() || s.paragraphs.len() > 6 {
                c.err(
                    loc,
                    "paragraphs",
                    format!(
                        "{} paragraphs: keep reading steps to 1–6 short paragraphs",
                        s.paragraphs.len()
                    ),
                );
            }
            for (i, p) in s.paragraphs.iter().enumerate() {
                c.text(loc, &format!("paragraphs[{i}]"), p);
            }
        }
        Step::Exercise(s) => {
            c.text(loc, "title", &s.title);
            if let Some(intro) = &s.intro {
                c.text(loc, "intro", intro);
            }
            check_questions(c, loc, "questions", &s.questions);
        }
        Step::Task(s) => {
            c.text(loc, "title", &s.title);
            c.text(loc, "intro", &s.intro);
            check_questions(c, loc, "fields", &s.fields);
        }
        Step::LocalText(s) => {
            c.text(loc, "title", &s.title);
            c.text(loc, "prompt", &s.prompt);
            if let Some(hint) = &s.hint {
                c.text(loc, "hint", hint);
            }
        }
        Step::Questionnaire(s) => {
            if let Some(intro) = &s.intro {
                c.text(loc, "intro", intro);
            }
        }
    }
}

fn check_questions(
    c: &mut Checker<'_>,
    loc: &str,
    name: &str,
    questions: &[crate::model::Question],
) {
    if questions.is_empty() {
        c.err(loc, name, "needs at least one question");
    }
    let mut ids = BTreeSet::new();
    for (i, q) in questions.iter().enumerate() {
        let field = format!("{name}[{i}]");
        c.id(loc, &format!("{field}.id"), &q.id, false);
        c.unique(&mut ids, &q.id, loc, &format!("{field}.id"));
        c.text(loc, &format!("{field}.text"), &q.text);
        if q.choices.len() < 2 {
            c.err(
                loc,
                &format!("{field}.choices"),
                "needs at least two choices",
            );
        }
        let mut choice_ids = BTreeSet::new();
        for (j, ch) in q.choices.iter().enumerate() {
            let cf = format!("{field}.choices[{j}]");
            c.id(loc, &format!("{cf}.id"), &ch.id, false);
            c.unique(&mut choice_ids, &ch.id, loc, &format!("{cf}.id"));
            c.text(loc, &format!("{cf}.label"), &ch.label);
            if let Some(fb) = &ch.feedback {
                c.text(loc, &format!("{cf}.feedback"), fb);
            }
        }
    }
}

/// Rules of one plan file on its own (instrument references are checked by [`check_catalog`]).
pub fn check_plan(file: &str, plan: &Plan) -> Result<(), ValidationErrors> {
    let mut c = Checker::new(file);
    let here = format!("plan {}", plan.id);
    c.id(&here, "id", &plan.id, false);
    c.text(&here, "title", &plan.title);
    c.text(&here, "description", &plan.description);
    if plan.schedule.is_empty() {
        c.err(&here, "schedule", "a plan needs at least one entry");
    }
    let mut seen = BTreeSet::new();
    for (i, e) in plan.schedule.iter().enumerate() {
        let field = format!("schedule[{i}]");
        c.unique(
            &mut seen,
            &e.instrument,
            &here,
            &format!("{field}.instrument"),
        );
        if e.every_days == 0 {
            c.err(&here, &format!("{field}.every_days"), "must be at least 1");
        }
    }
    c.finish()
}

/// Rules of one file on its own.
pub fn check_document(file: &str, doc: &Document) -> Result<(), ValidationErrors> {
    match doc {
        Document::Instrument(i) => check_instrument(file, i),
        Document::Tool(t) => check_tool(file, t),
        Document::Plan(p) => check_plan(file, p),
    }
}

/// Checks every file on its own, then across files (unique ids, references resolve), and
/// assembles the catalogue. `files` pairs a display name (for messages) with the parsed file.
pub fn check_catalog(files: Vec<(String, Document)>) -> Result<Catalog, ValidationErrors> {
    let mut errors = Vec::new();
    for (file, doc) in &files {
        if let Err(e) = check_document(file, doc) {
            errors.extend(e.0);
        }
    }

    // Ids unique per kind; instrument ids known before references are checked.
    let mut instruments = BTreeSet::new();
    let mut tools = BTreeSet::new();
    let mut plans = BTreeSet::new();
    for (file, doc) in &files {
        let (set, kind) = match doc {
            Document::Instrument(_) => (&mut instruments, "instrument"),
            Document::Tool(_) => (&mut tools, "tool"),
            Document::Plan(_) => (&mut plans, "plan"),
        };
        if !set.insert(doc.id().to_owned()) {
            errors.push(ValidationError {
                file: file.clone(),
                location: format!("{kind} {}", doc.id()),
                field: "id".into(),
                message: format!("another {kind} file already uses the id {:?}", doc.id()),
            });
        }
    }

    for (file, doc) in &files {
        let mut c = Checker::new(file);
        match doc {
            Document::Instrument(_) => {}
            Document::Tool(tool) => {
                if let Some(plan) = &tool.default_plan
                    && !plans.contains(plan)
                {
                    c.err(
                        &format!("tool {}", tool.id),
                        "default_plan",
                        format!("no plan has the id {plan:?}"),
                    );
                }
                for part in &tool.parts {
                    for step in &part.steps {
                        if let Step::Questionnaire(q) = step
                            && !instruments.contains(&q.instrument)
                        {
                            c.err(
                                &format!("part {} step {}", part.id, q.id),
                                "instrument",
                                format!("no instrument has the id {:?}", q.instrument),
                            );
                        }
                    }
                }
            }
            Document::Plan(plan) => {
                for (i, e) in plan.schedule.iter().enumerate() {
                    if !instruments.contains(&e.instrument) {
                        c.err(
                            &format!("plan {}", plan.id),
                            &format!("schedule[{i}].instrument"),
                            format!("no instrument has the id {:?}", e.instrument),
                        );
                    }
                }
            }
        }
        errors.extend(c.errors);
    }

    ValidationErrors(errors).into_result()?;
    let mut catalog = Catalog::default();
    for (_, doc) in files {
        match doc {
            Document::Instrument(i) => catalog.instruments.push(*i),
            Document::Tool(t) => catalog.tools.push(t),
            Document::Plan(p) => catalog.plans.push(p),
        }
    }
    Ok(catalog)
}
