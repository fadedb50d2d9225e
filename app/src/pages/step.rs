//! One step of a coping tool, for every step type: reading, exercise and task (standardised
//! choices), local-only free text (sealed in the device store, never sent) and an embedded
//! questionnaire.

use crate::components::unlock::Unlock;
use crate::envelope::text_record;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use crate::store::{self, StoreError};
use content::model::{Part, Question, Step, Tool};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeMap;

#[component]
pub fn StepView(
    tool: &'static Tool,
    part: &'static Part,
    step: &'static Step,
    answers: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        match step {
            Step::Reading(s) => view! {
                <h2>{s.title.get(l).to_owned()}</h2>
                {s.paragraphs.iter().map(|p| view! { <p>{p.get(l).to_owned()}</p> }).collect_view()}
            }
            .into_any(),
            Step::Exercise(s) => view! {
                <h2>{s.title.get(l).to_owned()}</h2>
                {s.intro.as_ref().map(|i| view! { <p>{i.get(l).to_owned()}</p> })}
                <Questions step=step.id() questions=&s.questions answers=answers/>
            }
            .into_any(),
            Step::Task(s) => view! {
                <h2>{s.title.get(l).to_owned()}</h2>
                <p>{s.intro.get(l).to_owned()}</p>
                <Questions step=step.id() questions=&s.fields answers=answers/>
            }
            .into_any(),
            Step::LocalText(s) => view! {
                <h2>{s.title.get(l).to_owned()}</h2>
                <LocalText tool=tool step=step prompt=s.prompt.get(l).to_owned()
                    hint=s.hint.as_ref().map(|h| h.get(l).to_owned())/>
            }
            .into_any(),
            Step::Questionnaire(s) => {
                let title = content::instruments::get(&s.instrument)
                    .map(|i| i.title.get(l).to_owned())
                    .unwrap_or_default();
                view! {
                    <h2>{title}</h2>
                    {s.intro.as_ref().map(|i| view! { <p>{i.get(l).to_owned()}</p> })}
                    <p>
                        <A href=format!("/check/{}?from=/tools/{}/{}", s.instrument, tool.id, part.id)
                            attr:class="button">
                            {i18n::pages(l).open_questionnaire}
                        </A>
                    </p>
                }
                .into_any()
            }
        }
    }
}

#[component]
fn Questions(
    step: &'static str,
    questions: &'static [Question],
    answers: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let lang = use_lang();
    questions
        .iter()
        .map(|q| {
            let feedback = move || {
                let chosen = answers.with(|a| a.get(&q.id).cloned())?;
                let fb = q.choice(&chosen)?.feedback.as_ref()?;
                Some(view! { <p class="feedback">{fb.get(lang.get()).to_owned()}</p> })
            };
            view! {
                <fieldset>
                    <legend>{move || q.text.get(lang.get()).to_owned()}</legend>
                    {q.choices.iter().map(|c| {
                        let id = format!("{step}-{}-{}", q.id, c.id);
                        let choice = c.id.clone();
                        let key = q.id.clone();
                        let current = c.id.clone();
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name=format!("{step}-{}", q.id)
                                    id=id.clone()
                                    value=c.id.clone()
                                    prop:checked=move || answers.with(|a| a.get(&q.id) == Some(&current))
                                    on:change=move |_| answers.update(|a| {
                                        a.insert(key.clone(), choice.clone());
                                    })
                                />
                                <label for=id>{move || c.label.get(lang.get()).to_owned()}</label>
                            </div>
                        }
                    }).collect_view()}
                    <div aria-live="polite">{feedback}</div>
                </fieldset>
            }
        })
        .collect_view()
}

#[derive(Clone, Copy, PartialEq)]
enum Saved {
    No,
    Yes,
    Unreadable,
    Failed,
}

#[component]
fn LocalText(
    tool: &'static Tool,
    step: &'static Step,
    prompt: String,
    hint: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let record = text_record(&tool.id, step.id());
    let text = RwSignal::new(String::new());
    let state = RwSignal::new(Saved::No);
    {
        let record = record.clone();
        Effect::new(move |_| {
            session.revision.track();
            if !session.unlocked.get() {
                return;
            }
            let record = record.clone();
            leptos::task::spawn_local(async move {
                match store::open(&record).await {
                    Ok(Some(v)) => text.set(v),
                    Ok(None) => {}
                    Err(StoreError::Unreadable) => state.set(Saved::Unreadable),
                    Err(_) => {}
                }
            });
        });
    }
    let save = move || {
        let record = record.clone();
        leptos::task::spawn_local(async move {
            let ok = store::seal(&record, &text.get_untracked()).await.is_ok();
            state.set(if ok { Saved::Yes } else { Saved::Failed });
        });
    };
    let save_click = {
        let save = save.clone();
        move |_| save()
    };
    let field_id = format!("note-{}", step.id());
    view! {
        <p class="notice">{move || t().local_note}</p>
        <Show when=move || session.unlocked.get() fallback=|| view! { <Unlock/> }>
            <div class="field">
                <label for=field_id.clone()>{prompt.clone()}</label>
                {hint.clone().map(|h| view! { <p class="hint" id=format!("{field_id}-hint")>{h}</p> })}
                <textarea
                    id=field_id.clone()
                    aria-describedby=hint.as_ref().map(|_| format!("{field_id}-hint"))
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        state.set(Saved::No);
                    }
                    on:change={
                        let save = save.clone();
                        move |_| save()
                    }
                ></textarea>
            </div>
            <button type="button" on:click=save_click.clone()>{move || t().local_save}</button>
            <p role="status" class="status">
                {move || match state.get() {
                    Saved::Yes => Some(t().local_saved),
                    Saved::Unreadable => Some(t().local_unreadable),
                    Saved::Failed => Some(t().error_generic),
                    Saved::No => None,
                }}
            </p>
        </Show>
    }
}
