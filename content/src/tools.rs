//! The shipped coping tools (`content/data/tools/*.toml`), validated at build time.

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use crate::model::{
    Choice, ExerciseStep, LocalTextStep, Part, Question, QuestionnaireStep, ReadingStep, Step,
    TaskStep, Tool,
};

static JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/tools.json"));
static ALL: OnceLock<Vec<Tool>> = OnceLock::new();

/// Every shipped tool, ordered by id.
pub fn all() -> &'static [Tool] {
    ALL.get_or_init(|| {
        // Written by `build.rs` from these types after validation: cannot fail at run time.
        #[allow(clippy::expect_used)]
        serde_json::from_str(JSON).expect("tools.json is written and validated by build.rs")
    })
}

/// The tool with this id (`worry`, `low_mood`).
pub fn get(id: &str) -> Option<&'static Tool> {
    all().iter().find(|t| t.id == id)
}

/// Why a progress record does not fit the tool's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error("unknown tool {tool:?}")]
    UnknownTool { tool: String },
    #[error("tool {tool} has no part {part:?}")]
    UnknownPart { tool: String, part: String },
    #[error("part {part} has no step {step:?}")]
    UnknownStep { part: String, step: String },
    #[error("step {step} has no question {question:?}")]
    UnknownQuestion { step: String, question: String },
    #[error("question {question} has no choice {choice:?}")]
    UnknownChoice { question: String, choice: String },
}

impl ProgressError {
    /// The message for an API answer: names the field and the rule, never the text sent (a
    /// choice sent as free text must not come back either, P3). Tool, part, step and question
    /// named here are ones that exist.
    pub fn api_message(&self) -> String {
        match self {
            ProgressError::UnknownTool { .. } => "`tool` is not a tool of this deployment".into(),
            ProgressError::UnknownPart { tool, .. } => {
                format!("`part` is not a part of tool {tool}")
            }
            ProgressError::UnknownStep { part, .. } => {
                format!("`step` is not a step of part {part}")
            }
            ProgressError::UnknownQuestion { step, .. } => {
                format!("`answers` names a question that step {step} does not have")
            }
            ProgressError::UnknownChoice { question, .. } => {
                format!("`answers`: question {question} takes one of its choice ids only")
            }
        }
    }
}

/// Checks a standardised progress record (`POST /api/me/progress`) against the content: the
/// tool, part and step exist, and every answer is a known question with one of its choice ids.
/// Free text can never pass, because only choice ids are accepted (SPEC P3).
pub fn check_progress(
    tool: &str,
    part: &str,
    step: &str,
    answers: Option<&BTreeMap<String, String>>,
) -> Result<(), ProgressError> {
    let t = get(tool).ok_or_else(|| ProgressError::UnknownTool { tool: tool.into() })?;
    let p = t.part(part).ok_or_else(|| ProgressError::UnknownPart {
        tool: tool.into(),
        part: part.into(),
    })?;
    let s = p
        .steps
        .iter()
        .find(|s| s.id() == step)
        .ok_or_else(|| ProgressError::UnknownStep {
            part: part.into(),
            step: step.into(),
        })?;
    for (question, choice) in answers.into_iter().flatten() {
        let q = s
            .questions()
            .iter()
            .find(|q| &q.id == question)
            .ok_or_else(|| ProgressError::UnknownQuestion {
                step: step.into(),
                question: question.clone(),
            })?;
        if q.choice(choice).is_none() {
            return Err(ProgressError::UnknownChoice {
                question: question.clone(),
                choice: choice.clone(),
            });
        }
    }
    Ok(())
}
