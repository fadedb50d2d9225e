//! Where a person is in a coping tool (SPEC §3.4): parts unlock in order, a step counts once it
//! is completed, and the user resumes at the first step not yet completed. Pure.

use content::api::{StepProgress, StepState};
use content::model::Tool;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartStatus {
    pub done: usize,
    pub total: usize,
    pub unlocked: bool,
}

impl PartStatus {
    pub fn complete(&self) -> bool {
        self.done >= self.total
    }
}

fn completed(tool: &Tool, steps: &[StepProgress], part: &str, step: &str) -> bool {
    steps.iter().any(|s| {
        s.tool == tool.id && s.part == part && s.step == step && s.state == StepState::Completed
    })
}

pub fn parts(tool: &Tool, steps: &[StepProgress]) -> Vec<PartStatus> {
    let mut previous_complete = true;
    tool.parts
        .iter()
        .map(|p| {
            let done = p
                .steps
                .iter()
                .filter(|s| completed(tool, steps, &p.id, s.id()))
                .count();
            let status = PartStatus {
                done,
                total: p.steps.len(),
                unlocked: previous_complete,
            };
            previous_complete = previous_complete && status.complete();
            status
        })
        .collect()
}

/// Index of the step to resume at in a part (the first not completed; 0 when all are done).
pub fn resume_step(tool: &Tool, steps: &[StepProgress], part: &str) -> usize {
    tool.part(part)
        .and_then(|p| {
            p.steps
                .iter()
                .position(|s| !completed(tool, steps, part, s.id()))
        })
        .unwrap_or(0)
}

/// Choices stored earlier for one step (question id → choice id), to pre-fill on any device.
pub fn stored_answers(
    tool: &Tool,
    steps: &[StepProgress],
    part: &str,
    step: &str,
) -> BTreeMap<String, String> {
    steps
        .iter()
        .find(|s| s.tool == tool.id && s.part == part && s.step == step)
        .and_then(|s| s.answers.clone())
        .unwrap_or_default()
}

/// (completed steps, all steps) over the whole tool.
pub fn totals(tool: &Tool, steps: &[StepProgress]) -> (usize, usize) {
    parts(tool, steps)
        .iter()
        .fold((0, 0), |(d, t), p| (d + p.done, t + p.total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(tool: &Tool, part: usize, step: usize) -> StepProgress {
        let p = &tool.parts[part];
        StepProgress {
            tool: tool.id.clone(),
            part: p.id.clone(),
            step: p.steps[step].id().into(),
            state: StepState::Completed,
            answers: None,
            updated_at: "2026-01-01T00:00:00.000Z".into(),
        }
    }

    #[test]
    fn only_the_first_part_is_open_at_the_start() {
        let tool = content::tools::get("worry").unwrap();
        let status = parts(tool, &[]);
        assert_eq!(status.len(), 6);
        assert!(status[0].unlocked);
        assert!(status[1..].iter().all(|s| !s.unlocked));
        assert_eq!(resume_step(tool, &[], &tool.parts[0].id), 0);
    }

    #[test]
    fn completing_a_part_opens_the_next_and_resume_skips_done_steps() {
        let tool = content::tools::get("worry").unwrap();
        let first = &tool.parts[0];
        let mut steps: Vec<_> = (0..first.steps.len() - 1)
            .map(|i| done(tool, 0, i))
            .collect();
        assert_eq!(resume_step(tool, &steps, &first.id), first.steps.len() - 1);
        assert!(!parts(tool, &steps)[1].unlocked);
        steps.push(done(tool, 0, first.steps.len() - 1));
        let status = parts(tool, &steps);
        assert!(status[0].complete() && status[1].unlocked && !status[2].unlocked);
        assert_eq!(totals(tool, &steps).0, first.steps.len());
    }

    #[test]
    fn progress_of_another_tool_does_not_count() {
        let worry = content::tools::get("worry").unwrap();
        let low = content::tools::get("low_mood").unwrap();
        let steps = vec![done(low, 0, 0)];
        assert_eq!(totals(worry, &steps).0, 0);
        assert_eq!(totals(low, &steps).0, 1);
    }
}
