//! The content data model: instruments (mapping tools), coping tools and repeat plans.
//!
//! The same types read the TOML sources in `content/data/` at build time (with
//! `deny_unknown_fields`, so a misspelt key fails the build) and the JSON that `build.rs` embeds
//! into the crate. This file is compiled into `build.rs` too (via `#[path]`), so it may depend on
//! `serde` and `crate::i18n` only.
//!
//! Optional fields use `#[serde(default, skip_serializing_if = ...)]` in pairs, so that what
//! `build.rs` writes parses back with the same strict rules.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

fn is_false(b: &bool) -> bool {
    !*b
}

// ---------------------------------------------------------------------------------------------
// Instruments
// ---------------------------------------------------------------------------------------------

/// A validated questionnaire (mapping tool), e.g. PHQ-9. One TOML file per instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable canonical id (`phq9`, `gad7`, …): part of the API, never renamed.
    pub id: String,
    /// Semantic version of this definition; a response names the version it answered.
    pub version: String,
    /// Short, untranslated name as printed in the literature, e.g. `PHQ-9`.
    pub name: String,
    pub title: Text,
    /// The stem shown above the items, e.g. "Over the last 2 weeks, …".
    pub instructions: Text,
    /// Whether a high total means more symptoms (PHQ, GAD) or better wellbeing (WHO-5). Decides
    /// the direction of caseness and of reliable improvement.
    pub direction: Direction,
    /// LOINC code of the whole panel, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc_panel: Option<String>,
    /// LOINC code of the total score, where one exists (used for the FHIR Observation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc_total: Option<String>,
    pub scoring: Scoring,
    /// Severity bands over the raw total, in ascending order; together they cover exactly the
    /// instrument's score range (checked at build time).
    pub bands: Vec<Band>,
    /// When a total counts as a "case" (clinical range). Absent for our own check-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caseness: Option<Caseness>,
    /// Smallest change of the raw total that counts as reliable (NHS Talking Therapies:
    /// PHQ-9 6, GAD-7 4). Absent where no threshold is established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliable_change: Option<i64>,
    pub translation: Translation,
    /// Copyright holder, permission and attribution, shown wherever the instrument is shown.
    pub licence: Text,
    pub items: Vec<Item>,
}

/// Which end of the scale is the good end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More points, more symptoms (PHQ-9, GAD-7, PHQ-2, GAD-2).
    HigherIsWorse,
    /// More points, better wellbeing (WHO-5, the daily check-in).
    HigherIsBetter,
}

/// How the total is computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub rule: ScoringRule,
    /// When present, `percent = total × percent_multiplier` is reported too (WHO-5: 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_multiplier: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoringRule {
    /// The total is the sum of the values of every scored item; all scored items are required.
    Sum,
}

/// A severity band over the raw total, inclusive at both ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Stable band id (SPEC §5), e.g. `moderately_severe`.
    pub id: String,
    pub min: i64,
    pub max: i64,
    pub label: Text,
}

/// The caseness cut-off, written as the side of the cut-off that is "a case".
/// TOML: `caseness = { at_least = 10 }` or `caseness = { below = 13 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Caseness {
    /// A case when `total >= n` (symptom scales).
    AtLeast(i64),
    /// A case when `total < n` (wellbeing scales).
    Below(i64),
}

impl Caseness {
    pub fn is_case(self, total: i64) -> bool {
        match self {
            Caseness::AtLeast(n) => total >= n,
            Caseness::Below(n) => total < n,
        }
    }
}

/// Provenance of the Norwegian (and English) wording. Staff UI and the deployer guide show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Translation {
    pub status: TranslationStatus,
    /// Why the status is what it is and what a deployer should do about it. Required unless the
    /// status is `official`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TranslationStatus {
    /// The validated, licensed translation.
    Official,
    /// Our careful working translation of a validated instrument: not validated; deployers
    /// should replace it with the official text.
    Working,
    /// Text written for Mestring in both languages (our own check-in); nothing to validate
    /// against.
    Original,
}

impl Instrument {
    /// The items that count towards the total.
    pub fn scored_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.scored)
    }

    /// The item with this `linkId`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The lowest and highest possible total (sums of the scored items' scales).
    pub fn score_range(&self) -> (i64, i64) {
        self.scored_items()
            .fold((0, 0), |(lo, hi), i| (lo + i.min, hi + i.max))
    }

    /// The band containing `total`, if any.
    pub fn band_for(&self, total: i64) -> Option<&Band> {
        self.bands.iter().find(|b| b.min <= total && total <= b.max)
    }

    /// True when the Norwegian wording is not the validated official one.
    pub fn is_working_translation(&self) -> bool {
        self.translation.status == TranslationStatus::Working
    }
}

/// One question of an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable FHIR `linkId`, `<instrument>.<n>`, e.g. `phq9.9`.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loinc: Option<String>,
    pub text: Text,
    /// Unscored items (PHQ-9's difficulty question) are optional and do not count.
    #[serde(default = "default_true")]
    pub scored: bool,
    /// Any answer above the scale's minimum is a safety signal (PHQ-9 item 9): the app shows
    /// crisis resources at once and staff see a flag.
    #[serde(default, skip_serializing_if = "is_false")]
    pub safety: bool,
    /// The item's scale, inclusive.
    pub min: i64,
    pub max: i64,
    /// One option per value of the scale, in ascending order (checked at build time).
    pub options: Vec<AnswerOption>,
}

fn default_true() -> bool {
    true
}

/// An answer option; the answer stored is its integer `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub value: i64,
    pub label: Text,
}

// ---------------------------------------------------------------------------------------------
// Coping tools
// ---------------------------------------------------------------------------------------------

/// A guided self-help programme: parts that unlock in order, each a sequence of steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Stable id (`worry`, `low_mood`), stored with progress and bound to codes.
    pub id: String,
    pub version: String,
    pub title: Text,
    pub summary: Text,
    /// Plan suggested when a code is bound to this tool without an explicit plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_plan: Option<String>,
    pub parts: Vec<Part>,
}

impl Tool {
    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// The step with this id and the part holding it (step ids are unique within a tool).
    pub fn step(&self, id: &str) -> Option<(&Part, &Step)> {
        self.parts
            .iter()
            .find_map(|p| p.steps.iter().find(|s| s.id() == id).map(|s| (p, s)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Stable id, unique within the tool.
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub steps: Vec<Step>,
}

/// One screen of a part. TOML: `[[parts.steps]]` with `type = "reading"` etc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Step {
    Reading(ReadingStep),
    Exercise(ExerciseStep),
    Task(TaskStep),
    LocalText(LocalTextStep),
    Questionnaire(QuestionnaireStep),
}

impl Step {
    /// The stable step id, unique within the tool.
    pub fn id(&self) -> &str {
        match self {
            Step::Reading(s) => &s.id,
            Step::Exercise(s) => &s.id,
            Step::Task(s) => &s.id,
            Step::LocalText(s) => &s.id,
            Step::Questionnaire(s) => &s.id,
        }
    }

    /// The `type` tag as written in the data.
    pub fn kind(&self) -> &'static str {
        match self {
            Step::Reading(_) => "reading",
            Step::Exercise(_) => "exercise",
            Step::Task(_) => "task",
            Step::LocalText(_) => "local_text",
            Step::Questionnaire(_) => "questionnaire",
        }
    }

    /// The questions whose answers (choice ids) may be stored as standardised progress.
    /// Reading, local-text and questionnaire steps have none.
    pub fn questions(&self) -> &[Question] {
        match self {
            Step::Exercise(s) => &s.questions,
            Step::Task(s) => &s.fields,
            _ => &[],
        }
    }
}

/// Psychoeducation: a title and a few short paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReadingStep {
    pub id: String,
    pub title: Text,
    pub paragraphs: Vec<Text>,
}

/// Reflection with standardised answer choices; the chosen ids are stored as progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExerciseStep {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    pub questions: Vec<Question>,
}

/// A plan the user commits to (e.g. an activity and a day), from standardised options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskStep {
    pub id: String,
    pub title: Text,
    pub intro: Text,
    pub fields: Vec<Question>,
}

/// A question (exercise) or a field of a plan (task) with a closed set of choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, unique within the step; the key in `ProgressSubmit.answers`.
    pub id: String,
    pub text: Text,
    pub choices: Vec<Choice>,
}

impl Question {
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id, unique within the question; the value stored as progress.
    pub id: String,
    pub label: Text,
    /// Shown after the choice is made (exercises): a gentle, normalising response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Text>,
}

/// A prompt for free text that is only ever stored encrypted on the device (SPEC P3). The step
/// holds the prompt only; the text never reaches the edge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalTextStep {
    pub id: String,
    pub title: Text,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
}

/// Embeds an instrument (by id, at its current version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireStep {
    pub id: String,
    pub instrument: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
}

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

/// A repeat plan for mapping tools (SPEC §3.5): which instruments are due how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Stable id (`standard`, `checkin_daily`), bound to codes at issue time.
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub schedule: Vec<PlanEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanEntry {
    /// Instrument id; it must exist.
    pub instrument: String,
    /// Due again this many days after the last completed response (the first is due at once).
    pub every_days: u32,
    /// Optional entries are offered, never nagged about (the daily check-in).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
}

// ---------------------------------------------------------------------------------------------
// The whole catalogue
// ---------------------------------------------------------------------------------------------

/// Everything under `content/data/`, validated together (cross-references resolve).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub instruments: Vec<Instrument>,
    pub tools: Vec<Tool>,
    pub plans: Vec<Plan>,
}
