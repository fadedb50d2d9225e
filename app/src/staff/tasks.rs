//! The tasks part of `/staff/participants/:id`: what staff have sent the participant, each done
//! (with its date) or open; an open one can be withdrawn (`DELETE …/assignments/{assignment}`:
//! 204, or 409 once it is done); and the form that sends a questionnaire or a tool part.

use super::i18n as si;
use super::shared::{Message, code_of, day, error_text};
use crate::api;
use crate::i18n::{fill, use_lang};
use content::api::endpoints::{ASSIGN, WITHDRAW};
use content::api::{AssignmentKind, AssignmentRequest, InboxItem};
use leptos::prelude::*;

/// What the tasks part says after a send or a withdrawal. It lives above the participant's
/// detail, which is drawn anew when it is fetched again.
#[derive(Clone, Copy)]
pub struct Notes {
    /// What went well ("Sent.", "Withdrawn.").
    pub ok: RwSignal<Option<&'static str>>,
    /// What went wrong.
    pub problem: RwSignal<Option<String>>,
    /// Focus the tasks' heading once the detail is drawn again (the button pressed is gone).
    pub refocus: RwSignal<bool>,
}

impl Default for Notes {
    fn default() -> Notes {
        Notes {
            ok: RwSignal::new(None),
            problem: RwSignal::new(None),
            refocus: RwSignal::new(false),
        }
    }
}

impl Notes {
    fn clear(&self) {
        self.ok.set(None);
        self.problem.set(None);
    }
}

#[component]
pub fn Tasks(
    id: String,
    assignments: Vec<InboxItem>,
    notes: Notes,
    on_change: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let participant = StoredValue::new(id.clone());
    Effect::new(move |_| {
        if notes.refocus.get_untracked() {
            notes.refocus.set(false);
            crate::browser::focus_later("#tasks-h");
        }
    });
    let withdraw = move |assignment: String| {
        let lang = lang.get_untracked();
        notes.clear();
        leptos::task::spawn_local(async move {
            let id = participant.get_value();
            match api::call(&WITHDRAW, &[&id, &assignment]).await {
                Ok(_) => notes.ok.set(Some(si::ui(lang).task_withdrawn)),
                Err(e) => notes.problem.set(Some(match code_of(&e) {
                    Some("assignment_done") => si::ui(lang).task_already_done.into(),
                    _ if e.status() == Some(404) => si::ui(lang).task_gone.into(),
                    _ => error_text(lang, &e).into(),
                })),
            }
            notes.refocus.set(true);
            on_change();
        });
    };
    let empty = assignments.is_empty();
    view! {
        <section aria-labelledby="tasks-h">
            <h2 id="tasks-h" tabindex="-1">{move || t().tasks_title}</h2>
            <p role="status" class="ok">{move || notes.ok.get()}</p>
            <Message text=notes.problem/>
            {if empty {
                view! { <p>{move || t().tasks_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t().tasks_caption}</caption>
                        <thead><tr>
                            <th scope="col">{move || t().col_what}</th>
                            <th scope="col">{move || t().col_sent}</th>
                            <th scope="col">{move || t().col_state}</th>
                            <th scope="col">{move || t().col_action}</th>
                        </tr></thead>
                        <tbody>
                            {assignments.into_iter().map(|a| view! { <Row item=a withdraw=withdraw/> }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
            <SendForm id=id notes=notes on_sent=on_change/>
        </section>
    }
}

#[component]
fn Row(item: InboxItem, withdraw: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let what = StoredValue::new(item.clone());
    let label = move || what.with_value(|a| assignment_text(lang.get(), a));
    let done_at = item.done_at.clone();
    let open = done_at.is_none();
    let assignment = item.id.clone();
    view! {
        <tr>
            <td>{label}</td>
            <td>{day(&item.sent_at, lang.get_untracked())}</td>
            <td>{move || match &done_at {
                Some(d) => fill(t().task_done_on, &[&day(d, lang.get())]),
                None => t().task_open.to_owned(),
            }}</td>
            <td>{open.then(|| view! {
                <button type="button" class="danger"
                    aria-label=move || format!("{} {}", t().task_withdraw, label())
                    on:click=move |_| withdraw(assignment.clone())>
                    {move || t().task_withdraw}
                </button>
            })}</td>
        </tr>
    }
}

fn assignment_text(lang: content::Lang, a: &InboxItem) -> String {
    match a.kind {
        AssignmentKind::Questionnaire => a
            .instrument
            .as_deref()
            .map(si::instrument)
            .unwrap_or_default(),
        AssignmentKind::Content => {
            let tool = a.tool.as_deref().unwrap_or_default();
            match &a.part {
                Some(p) => format!("{}: {}", si::tool(lang, tool), si::part(lang, tool, p)),
                None => si::tool(lang, tool),
            }
        }
    }
}

/// The chosen option of the form as a request: `q:<instrument>`, `c:<tool>` or
/// `c:<tool>/<part>`; `None` while nothing is chosen.
fn request_of(choice: &str) -> Option<AssignmentRequest> {
    if let Some(inst) = choice.strip_prefix("q:") {
        return Some(AssignmentRequest {
            kind: AssignmentKind::Questionnaire,
            tool: None,
            part: None,
            instrument: Some(inst.into()),
        });
    }
    let rest = choice.strip_prefix("c:")?;
    let (tool, part) = match rest.split_once('/') {
        Some((t, p)) => (t.to_owned(), Some(p.to_owned())),
        None => (rest.to_owned(), None),
    };
    Some(AssignmentRequest {
        kind: AssignmentKind::Content,
        tool: Some(tool),
        part,
        instrument: None,
    })
}

#[component]
fn SendForm(id: String, notes: Notes, on_sent: impl Fn() + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let choice = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let Some(req) = request_of(&choice.get_untracked()) else {
            message.set(Some(si::ui(lang).send_choose_first.into()));
            return;
        };
        busy.set(true);
        message.set(None);
        notes.clear();
        leptos::task::spawn_local(async move {
            match api::send(&ASSIGN, &[&id.get_value()], &req).await {
                Ok(_) => {
                    notes.ok.set(Some(si::ui(lang).send_done));
                    choice.set(String::new());
                    on_sent();
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="stack" on:submit=submit novalidate>
            <fieldset>
                <legend>{move || t().send_legend}</legend>
                <div class="field">
                    <label for="assign-what">{move || t().send_what}</label>
                    <select id="assign-what" on:change=move |ev| choice.set(event_target_value(&ev)) prop:value=move || choice.get()>
                        <option value="">{move || t().send_choose}</option>
                        <optgroup label=move || t().send_questionnaires>
                            {content::instruments::all().iter().map(|i| view! {
                                <option value=format!("q:{}", i.id)>{move || i.title.get(lang.get()).to_owned()}</option>
                            }).collect_view()}
                        </optgroup>
                        {content::tools::all().iter().map(|tool| view! {
                            <optgroup label=move || tool.title.get(lang.get()).to_owned()>
                                <option value=format!("c:{}", tool.id)>{move || t().send_whole_tool}</option>
                                {tool.parts.iter().map(|p| view! {
                                    <option value=format!("c:{}/{}", tool.id, p.id)>{move || p.title.get(lang.get()).to_owned()}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
            </fieldset>
            <button type="submit" class="primary" disabled=move || busy.get()>{move || t().send_button}</button>
            <Message text=message/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_becomes_the_request() {
        assert_eq!(request_of(""), None);
        let q = request_of("q:gad7").unwrap();
        assert_eq!(
            (q.kind, q.instrument.as_deref()),
            (AssignmentKind::Questionnaire, Some("gad7"))
        );
        let c = request_of("c:worry/understanding_worry").unwrap();
        assert_eq!(
            (c.kind, c.tool.as_deref(), c.part.as_deref()),
            (
                AssignmentKind::Content,
                Some("worry"),
                Some("understanding_worry")
            )
        );
        assert_eq!(request_of("c:worry").unwrap().part, None);
    }
}
