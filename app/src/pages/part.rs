//! `/tools/:tool/:part`: the steps of one part, one per screen. Each finished step is stored as
//! standardised progress (choice ids only), so the user resumes on any device.

use crate::browser::focus_later;
use crate::components::guard::Guarded;
use crate::i18n::{self, use_lang};
use crate::pages::step::StepView;
use crate::queue::Queued;
use crate::session::use_session;
use crate::{crypto, tool_progress};
use content::api::{ProgressSubmit, StepState};
use content::model::{Part, Tool};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

#[component]
pub fn PartPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let session = use_session();
    let page = move || {
        let (tool_id, part_id) = params.with(|p| {
            (
                p.get("tool").unwrap_or_default(),
                p.get("part").unwrap_or_default(),
            )
        });
        let found = content::tools::get(&tool_id)
            .and_then(|tool| tool.part(&part_id).map(|part| (tool, part)));
        let Some((tool, part)) = found else {
            return view! { <h1>{move || i18n::pages(lang.get()).part_unknown}</h1> }.into_any();
        };
        let steps = session.me.with_untracked(|m| {
            m.as_ref()
                .map(|m| m.progress.steps.clone())
                .unwrap_or_default()
        });
        let index = tool.parts.iter().position(|p| p.id == part.id).unwrap_or(0);
        let unlocked = tool_progress::parts(tool, &steps)
            .get(index)
            .is_some_and(|s| s.unlocked);
        if !unlocked {
            return view! {
                <h1>{move || part.title.get(lang.get()).to_owned()}</h1>
                <p>{move || i18n::pages(lang.get()).part_locked}</p>
                <p><A href=format!("/tools/{}", tool.id)>{move || i18n::pages(lang.get()).to_parts}</A></p>
            }
            .into_any();
        }
        let start = tool_progress::resume_step(tool, &steps, &part.id);
        view! { <Steps tool=tool part=part start=start/> }.into_any()
    };
    view! { <Guarded>{page}</Guarded> }
}

#[component]
fn Steps(tool: &'static Tool, part: &'static Part, start: usize) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let index = RwSignal::new(start);
    let finished = RwSignal::new(false);
    let answers = RwSignal::new(BTreeMap::<String, String>::new());
    let busy = RwSignal::new(false);
    let total = part.steps.len();
    let load_answers = move |i: usize| {
        let stored = part.steps.get(i).map(|s| {
            session.me.with_untracked(|m| {
                m.as_ref()
                    .map(|m| {
                        tool_progress::stored_answers(tool, &m.progress.steps, &part.id, s.id())
                    })
                    .unwrap_or_default()
            })
        });
        answers.set(stored.unwrap_or_default());
    };
    load_answers(start);

    let next = move |_| {
        let i = index.get_untracked();
        let Some(step) = part.steps.get(i) else {
            return;
        };
        let Some(id) = crypto::uuid() else {
            return;
        };
        let chosen = answers.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            session
                .submit(Queued::Progress(ProgressSubmit {
                    id,
                    tool: tool.id.clone(),
                    part: part.id.clone(),
                    step: step.id().to_owned(),
                    state: StepState::Completed,
                    answers: (!chosen.is_empty()).then_some(chosen),
                }))
                .await;
            busy.set(false);
            if i + 1 < total {
                load_answers(i + 1);
                index.set(i + 1);
            } else {
                finished.set(true);
            }
            focus_later("#step-position");
        });
    };
    let back = move |_| {
        let i = index.get_untracked();
        if i > 0 {
            load_answers(i - 1);
            index.set(i - 1);
            focus_later("#step-position");
        }
    };

    view! {
        <h1>{move || part.title.get(lang.get()).to_owned()}</h1>
        {move || if finished.get() {
            view! {
                <p id="step-position" class="notice" tabindex="-1" role="status">{t().part_complete}</p>
                <p><A href=format!("/tools/{}", tool.id)>{t().to_parts}</A></p>
            }.into_any()
        } else {
            let i = index.get();
            let last = i + 1 == total;
            view! {
                <p id="step-position" class="position" tabindex="-1">
                    {i18n::fill(t().step_of, &[&(i + 1).to_string(), &total.to_string()])}
                </p>
                {part.steps.get(i).map(|step| view! {
                    <StepView tool=tool part=part step=step answers=answers/>
                })}
                <div class="actions">
                    <button type="button" class="primary" on:click=next disabled=move || busy.get()>
                        {if last { t().finish_part } else { t().next }}
                    </button>
                    {(i > 0).then(|| view! { <button type="button" on:click=back>{t().back}</button> })}
                </div>
                <p><A href=format!("/tools/{}", tool.id)>{t().to_parts}</A></p>
            }.into_any()
        }}
    }
}
