//! `/staff/participants/:id`: one consenting participant (SPEC §4.4). The edge answers 403
//! unless consent is granted now, and audits every read. Score charts per instrument with
//! bands and reliable change, check-ins, progress, and sending a questionnaire or a tool part.

use super::frame::StaffFrame;
use super::i18n::{self as si, tr};
use super::{Message, body, day, error_text, status_of};
use crate::api;
use crate::chart::{self, Chart};
use crate::i18n::use_lang;
use content::api::{AssignmentKind, AssignmentRequest, ParticipantDetail, Stored, StoredResponse};
use content::model::{Instrument, TranslationStatus};
use content::scoring::ReliableChange;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn ParticipantPage() -> impl IntoView {
    view! { <StaffFrame><Participant/></StaffFrame> }
}

#[component]
fn Participant() -> impl IntoView {
    let lang = use_lang();
    let t = move |nb, en| tr(lang.get(), nb, en);
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Lives above the detail, which is drawn anew when it is fetched again after a send.
    let sent = RwSignal::new(None::<&'static str>);
    let detail = LocalResource::new(move || {
        let id = id();
        async move { api::get::<ParticipantDetail>(&format!("/api/staff/participants/{id}")).await }
    });
    view! {
        <Suspense fallback=move || view! { <h1>{move || t("Deltaker", "Participant")}</h1><p>{move || t("Laster …", "Loading …")}</p> }>
            {move || detail.get().map(|r| match r {
                Ok(d) => view! { <Detail detail=d sent=sent on_sent=move || detail.refetch()/> }.into_any(),
                Err(e) if status_of(&e) == Some(403) || status_of(&e) == Some(404) => view! {
                    <h1>{move || t("Ingen tilgang til deltakeren", "No access to this participant")}</h1>
                    <p class="notice denied">
                        {move || t(
                            "Deltakeren deler ikke registreringene sine med dere nå (samtykket er ikke gitt, er trukket tilbake eller har utløpt). Du ser bare referansen og delingsstatusen i oversikten.",
                            "The participant does not share their registrations with you now (consent not given, withdrawn or expired). You see only the reference and the sharing state in the overview.",
                        )}
                    </p>
                    <p><A href="/staff">{move || t("Tilbake til deltakerne", "Back to the participants")}</A></p>
                }.into_any(),
                Err(e) => view! {
                    <h1>{move || t("Deltaker", "Participant")}</h1>
                    <p class="message">{error_text(lang.get(), &e)}</p>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Detail(
    detail: ParticipantDetail,
    sent: RwSignal<Option<&'static str>>,
    on_sent: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |nb, en| tr(lang.get(), nb, en);
    let reference = detail.reference.clone();
    let groups: Vec<(&'static Instrument, Vec<StoredResponse>)> = content::instruments::all()
        .iter()
        .filter_map(|inst| {
            let rs: Vec<StoredResponse> = detail
                .responses
                .iter()
                .filter(|r| r.instrument == inst.id)
                .cloned()
                .collect();
            (!rs.is_empty()).then_some((inst, rs))
        })
        .collect();
    let no_responses = groups.is_empty();
    let checkins = detail.checkins.clone();
    let progress = detail.progress.clone();
    let assignments = detail.assignments.clone();
    let since = detail.consent.since.clone().unwrap_or_default();
    let tool = detail.tool.clone();
    let id = detail.id.clone();
    view! {
        <h1>{move || t("Deltaker", "Participant")} " " <span class="mono">{reference.clone()}</span></h1>
        <dl class="facts">
            <dt>{move || t("Utdelt", "Issued")}</dt><dd>{day(&detail.issued_at, lang.get_untracked())}</dd>
            <dt>{move || t("Verktøy", "Tool")}</dt>
            <dd>{move || tool.as_deref().map(|x| si::tool(lang.get(), x)).unwrap_or_else(|| "–".into())}</dd>
            <dt>{move || t("Deler siden", "Sharing since")}</dt><dd>{day(&since, lang.get_untracked())}</dd>
        </dl>
        <p class="hint">{move || t(
            "Denne visningen er loggført. Deltakeren kan se at en fagperson hos dere har sett dataene.",
            "This view is logged. The participant can see that a professional at your service viewed their data.",
        )}</p>
        <section aria-labelledby="scores-h">
            <h2 id="scores-h">{move || t("Skår over tid", "Scores over time")}</h2>
            <Show when=move || no_responses>
                <p>{move || t("Ingen spørreskjema er besvart ennå.", "No questionnaire answered yet.")}</p>
            </Show>
            {groups.into_iter().map(|(inst, rs)| view! { <ScoreFigure instrument=inst responses=rs/> }).collect_view()}
        </section>
        <section aria-labelledby="checkins-h">
            <h2 id="checkins-h">{move || t("Daglige innsjekker", "Daily check-ins")}</h2>
            {if checkins.is_empty() {
                view! { <p>{move || t("Ingen innsjekker.", "No check-ins.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t("Innsjekker, eldste først", "Check-ins, oldest first")}</caption>
                        <thead><tr>
                            <th scope="col">{move || t("Dato", "Date")}</th>
                            <th scope="col">{move || t("Sum", "Total")}</th>
                            <th scope="col">{move || t("Nivå", "Level")}</th>
                            <th scope="col">{move || t("Språk", "Language")}</th>
                        </tr></thead>
                        <tbody>
                            {checkins.into_iter().map(|c| {
                                let (inst, band) = (c.instrument.clone(), c.score.band.clone());
                                let working = content::instruments::get(&c.instrument)
                                    .is_some_and(|i| i.translation.status == TranslationStatus::Working);
                                let answered = c.lang;
                                view! { <tr>
                                    <td>{day(&c.completed_at, lang.get_untracked())}</td>
                                    <td>{c.score.total}</td>
                                    <td>{move || si::band(lang.get(), &inst, &band)}</td>
                                    <td>{move || answer_language(lang.get(), answered, working)}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="progress-h">
            <h2 id="progress-h">{move || t("Framdrift i verktøy", "Progress in tools")}</h2>
            {if progress.is_empty() {
                view! { <p>{move || t("Ingen steg registrert.", "No steps recorded.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t("Registrerte steg", "Recorded steps")}</caption>
                        <thead><tr>
                            <th scope="col">{move || t("Verktøy", "Tool")}</th>
                            <th scope="col">{move || t("Del", "Part")}</th>
                            <th scope="col">{move || t("Steg", "Step")}</th>
                            <th scope="col">{move || t("Status", "State")}</th>
                            <th scope="col">{move || t("Oppdatert", "Updated")}</th>
                        </tr></thead>
                        <tbody>
                            {progress.into_iter().map(|p| {
                                let (tool, part) = (p.tool.clone(), p.part.clone());
                                let done = p.state == content::api::StepState::Completed;
                                view! { <tr>
                                    <td>{move || si::tool(lang.get(), &tool)}</td>
                                    <td>{move || part_title(lang.get(), &p.tool, &part)}</td>
                                    <td class="mono">{p.step.clone()}</td>
                                    <td>{move || if done { t("Fullført", "Completed") } else { t("Påbegynt", "Started") }}</td>
                                    <td>{day(&p.updated_at, lang.get_untracked())}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="tasks-h">
            <h2 id="tasks-h">{move || t("Oppgaver sendt", "Tasks sent")}</h2>
            {if assignments.is_empty() {
                view! { <p>{move || t("Ingenting sendt ennå.", "Nothing sent yet.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t("Sendt til deltakeren", "Sent to the participant")}</caption>
                        <thead><tr>
                            <th scope="col">{move || t("Hva", "What")}</th>
                            <th scope="col">{move || t("Sendt", "Sent")}</th>
                            <th scope="col">{move || t("Gjort", "Done")}</th>
                        </tr></thead>
                        <tbody>
                            {assignments.into_iter().map(|a| {
                                let what = a.clone();
                                view! { <tr>
                                    <td>{move || assignment_text(lang.get(), &what)}</td>
                                    <td>{day(&a.sent_at, lang.get_untracked())}</td>
                                    <td>{a.done_at.as_deref().map(|d| day(d, lang.get_untracked())).unwrap_or_else(|| "–".into())}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
            <SendForm id=id done=sent on_sent=on_sent/>
        </section>
    }
}

fn part_title(lang: content::Lang, tool: &str, part: &str) -> String {
    content::tools::get(tool)
        .and_then(|t| t.parts.iter().find(|p| p.id == part))
        .map(|p| p.title.get(lang).to_owned())
        .unwrap_or_else(|| part.to_owned())
}

fn assignment_text(lang: content::Lang, a: &content::api::InboxItem) -> String {
    match a.kind {
        AssignmentKind::Questionnaire => a
            .instrument
            .as_deref()
            .map(si::instrument)
            .unwrap_or_default(),
        AssignmentKind::Content => {
            let tool = a.tool.as_deref().unwrap_or_default();
            match &a.part {
                Some(p) => format!("{}: {}", si::tool(lang, tool), part_title(lang, tool, p)),
                None => si::tool(lang, tool),
            }
        }
    }
}

/// The language a response was answered in, as staff see it. A Norwegian answer to a working
/// translation says so: its score is not from the validated wording.
fn answer_language(
    lang: content::Lang,
    answered: Option<content::Lang>,
    working: bool,
) -> &'static str {
    match answered {
        Some(content::Lang::Nb) if working => tr(
            lang,
            "norsk (arbeidsoversettelse)",
            "Norwegian (working translation)",
        ),
        Some(content::Lang::Nb) => tr(lang, "norsk", "Norwegian"),
        Some(content::Lang::En) => tr(lang, "engelsk", "English"),
        None => "–",
    }
}

fn change_class(r: Option<ReliableChange>) -> &'static str {
    match r {
        Some(ReliableChange::Improved) => "point reliable-improved",
        Some(ReliableChange::Deteriorated) => "point reliable-deteriorated",
        _ => "point",
    }
}

#[component]
fn ScoreFigure(instrument: &'static Instrument, responses: Vec<StoredResponse>) -> impl IntoView {
    let lang = use_lang();
    let t = move |nb, en| tr(lang.get(), nb, en);
    // The same geometry as the participant's own history: time along the x axis.
    let (entries, langs): (Vec<_>, Vec<_>) = responses
        .iter()
        .filter_map(|r| {
            let ms = content::time::parse_ms(&r.completed_at).ok()?;
            Some(((ms, r.score.clone()), r.lang))
        })
        .unzip();
    let c: Chart = chart::build(instrument, &entries);
    let id = instrument.id.clone();
    let title_id = format!("chart-{id}-t");
    let working = instrument.translation.status == TranslationStatus::Working;
    let note = instrument.translation.note.clone();
    let name = instrument.name.clone();
    // One point per response, in the same order: each row also shows its answer language.
    let table_rows: Vec<_> = c.points.iter().cloned().zip(langs).collect();
    let inst_id = instrument.id.clone();
    view! {
        <figure class="staff-chart">
            <figcaption>
                <h3 id=title_id.clone()>{move || instrument.title.get(lang.get()).to_owned()}</h3>
                <Show when=move || working>
                    <p class="working-translation">
                        <strong>{move || t("Arbeidsoversettelse – ikke validert.", "Working translation – not validated.")}</strong>
                        " "
                        {let note = note.clone(); move || note.as_ref().map(|n| n.get(lang.get()).to_owned())}
                    </p>
                </Show>
            </figcaption>
            <svg class="chart" viewBox=format!("0 0 {} {}", chart::WIDTH, chart::HEIGHT) role="img" aria-labelledby=title_id>
                {c.bands.iter().map(|b| view! {
                    <rect class=b.class() x=chart::LEFT y=b.y
                        width=chart::WIDTH - chart::LEFT - chart::RIGHT height=b.height/>
                }).collect_view()}
                {c.ticks.iter().map(|(y, v)| view! {
                    <text class="tick" x=chart::LEFT - 5.0 y=*y + 4.0 text-anchor="end">{*v}</text>
                }).collect_view()}
                {c.x_labels.iter().enumerate().map(|(i, (x, day))| {
                    let anchor = chart::x_label_anchor(i, c.x_labels.len());
                    let day = day.clone();
                    view! {
                        <text class="tick" x=*x y=chart::HEIGHT - 4.0 text-anchor=anchor>
                            {move || content::dates::date_of_text(&day, lang.get())}
                        </text>
                    }
                }).collect_view()}
                <path class="line" d=c.line.clone() fill="none"/>
                {c.points.iter().map(|p| {
                    let cls = change_class(p.reliable);
                    view! {
                        <circle class=cls cx=p.x cy=p.y r="4"/>
                        {matches!(p.reliable, Some(ReliableChange::Improved | ReliableChange::Deteriorated)).then(|| view! {
                            <circle class="reliable-ring" cx=p.x cy=p.y r="8" fill="none"/>
                        })}
                    }
                }).collect_view()}
            </svg>
            <div class="table-wrap" tabindex="0"><table class="staff-table">
                <caption>{move || format!("{name}: {}", t("skår per besvarelse", "score per response"))}</caption>
                <thead><tr>
                    <th scope="col">{move || t("Dato", "Date")}</th>
                    <th scope="col">{move || t("Sum", "Total")}</th>
                    <th scope="col">{move || t("Alvorlighet", "Severity")}</th>
                    <th scope="col">{move || t("Endring mot første", "Change from first")}</th>
                    <th scope="col">{move || t("Språk", "Language")}</th>
                </tr></thead>
                <tbody>
                    {table_rows.into_iter().map(|(p, answered)| {
                        let inst_id = inst_id.clone();
                        let band = p.band.clone();
                        view! { <tr>
                            <td>{day(&p.date, lang.get_untracked())}</td>
                            <td>{p.total}</td>
                            <td>{move || si::band(lang.get(), &inst_id, &band)}</td>
                            <td>{move || p.reliable.map(|r| si::reliable(lang.get(), r)).unwrap_or(t("Første måling", "First measurement"))}</td>
                            <td>{move || answer_language(lang.get(), answered, working)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table></div>
        </figure>
    }
}

#[component]
fn SendForm(
    id: String,
    done: RwSignal<Option<&'static str>>,
    on_sent: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |nb, en| tr(lang.get(), nb, en);
    let choice = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let value = choice.get_untracked();
        let req = if let Some(inst) = value.strip_prefix("q:") {
            AssignmentRequest {
                kind: AssignmentKind::Questionnaire,
                tool: None,
                part: None,
                instrument: Some(inst.into()),
            }
        } else if let Some(rest) = value.strip_prefix("c:") {
            let (tool, part) = match rest.split_once('/') {
                Some((t, p)) => (t.to_owned(), Some(p.to_owned())),
                None => (rest.to_owned(), None),
            };
            AssignmentRequest {
                kind: AssignmentKind::Content,
                tool: Some(tool),
                part,
                instrument: None,
            }
        } else {
            message.set(Some(
                tr(lang, "Velg hva du vil sende.", "Choose what to send.").into(),
            ));
            return;
        };
        busy.set(true);
        message.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let path = format!("/api/staff/participants/{}/assignments", id.get_value());
            match api::request::<Stored>("POST", &path, body(&req)).await {
                Ok(_) => {
                    done.set(Some(tr(
                        lang,
                        "Sendt. Deltakeren ser det i innboksen sin.",
                        "Sent. The participant sees it in their inbox.",
                    )));
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
                <legend>{move || t("Send et spørreskjema eller en verktøydel", "Send a questionnaire or a tool part")}</legend>
                <div class="field">
                    <label for="assign-what">{move || t("Hva vil du sende?", "What do you want to send?")}</label>
                    <select id="assign-what" on:change=move |ev| choice.set(event_target_value(&ev)) prop:value=move || choice.get()>
                        <option value="">{move || t("Velg …", "Choose …")}</option>
                        <optgroup label=move || t("Spørreskjema", "Questionnaires")>
                            {content::instruments::all().iter().map(|i| view! {
                                <option value=format!("q:{}", i.id)>{move || i.title.get(lang.get()).to_owned()}</option>
                            }).collect_view()}
                        </optgroup>
                        {content::tools::all().iter().map(|tool| view! {
                            <optgroup label=move || tool.title.get(lang.get()).to_owned()>
                                <option value=format!("c:{}", tool.id)>{move || t("Hele verktøyet", "The whole tool")}</option>
                                {tool.parts.iter().map(|p| view! {
                                    <option value=format!("c:{}/{}", tool.id, p.id)>{move || p.title.get(lang.get()).to_owned()}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
            </fieldset>
            <button type="submit" class="primary" disabled=move || busy.get()>{move || t("Send", "Send")}</button>
            <p role="status" class="ok">{move || done.get()}</p>
            <Message text=message/>
        </form>
    }
}
