//! `/staff/participants/:id`: one consenting participant (SPEC §4.4). The edge answers 403
//! unless consent is granted now, and audits every read. Score charts per instrument with
//! bands and reliable change, check-ins, registrations the participant removed (when, never
//! what), progress, and the tasks sent (`tasks`: done or open, withdraw, send).

use super::i18n as si;
use super::shared::{day, error_text, status_of};
use super::tasks::{Notes, Tasks};
use crate::api;
use crate::chart::{self, Chart};
use crate::i18n::{fill, use_lang};
use content::api::endpoints;
use content::api::{ParticipantDetail, Removal, StoredResponse};
use content::model::{Instrument, TranslationStatus};
use content::scoring::ReliableChange;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn Participant() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Lives above the detail, which is drawn anew when it is fetched again after a change.
    let notes = Notes::default();
    let detail = LocalResource::new(move || {
        let id = id();
        async move { api::call(&endpoints::PARTICIPANT, &[&id]).await }
    });
    view! {
        <Suspense fallback=move || view! { <h1>{move || t().participant}</h1><p>{move || t().loading}</p> }>
            {move || detail.get().map(|r| match r {
                Ok(d) => view! { <Detail detail=d notes=notes on_change=move || detail.refetch()/> }.into_any(),
                Err(e) if status_of(&e) == Some(403) || status_of(&e) == Some(404) => view! {
                    <h1>{move || t().participant_denied_title}</h1>
                    <p class="notice denied">
                        {move || t().participant_denied}
                    </p>
                    <p><A href="/staff">{move || t().participant_back}</A></p>
                }.into_any(),
                Err(e) => view! {
                    <h1>{move || t().participant}</h1>
                    <p class="message">{error_text(lang.get(), &e)}</p>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Detail(
    detail: ParticipantDetail,
    notes: Notes,
    on_change: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
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
    let removals = detail.removals.clone();
    let since = detail.consent.since.clone().unwrap_or_default();
    let tool = detail.tool.clone();
    let id = detail.id.clone();
    view! {
        <h1>{move || t().participant} " " <span class="mono">{reference.clone()}</span></h1>
        <dl class="facts">
            <dt>{move || t().col_issued}</dt><dd>{day(&detail.issued_at, lang.get_untracked())}</dd>
            <dt>{move || t().col_tool}</dt>
            <dd>{move || tool.as_deref().map(|x| si::tool(lang.get(), x)).unwrap_or_else(|| "–".into())}</dd>
            <dt>{move || t().participant_sharing_since}</dt><dd>{day(&since, lang.get_untracked())}</dd>
        </dl>
        <p class="hint">{move || t().participant_logged}</p>
        <section aria-labelledby="scores-h">
            <h2 id="scores-h">{move || t().scores_title}</h2>
            <Show when=move || no_responses>
                <p>{move || t().scores_none}</p>
            </Show>
            {groups.into_iter().map(|(inst, rs)| view! { <ScoreFigure instrument=inst responses=rs/> }).collect_view()}
        </section>
        <section aria-labelledby="checkins-h">
            <h2 id="checkins-h">{move || t().checkins_title}</h2>
            {if checkins.is_empty() {
                view! { <p>{move || t().checkins_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t().checkins_caption}</caption>
                        <thead><tr>
                            <th scope="col">{move || t().col_date}</th>
                            <th scope="col">{move || t().col_total}</th>
                            <th scope="col">{move || t().col_level}</th>
                            <th scope="col">{move || t().col_language}</th>
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
        <Removals removals=removals/>
        <section aria-labelledby="progress-h">
            <h2 id="progress-h">{move || t().progress_title}</h2>
            {if progress.is_empty() {
                view! { <p>{move || t().progress_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t().progress_caption}</caption>
                        <thead><tr>
                            <th scope="col">{move || t().col_tool}</th>
                            <th scope="col">{move || t().col_part}</th>
                            <th scope="col">{move || t().col_step}</th>
                            <th scope="col">{move || t().col_state}</th>
                            <th scope="col">{move || t().col_updated}</th>
                        </tr></thead>
                        <tbody>
                            {progress.into_iter().map(|p| {
                                let (tool, part) = (p.tool.clone(), p.part.clone());
                                let done = p.state == content::api::StepState::Completed;
                                view! { <tr>
                                    <td>{move || si::tool(lang.get(), &tool)}</td>
                                    <td>{move || si::part(lang.get(), &p.tool, &part)}</td>
                                    <td class="mono">{p.step.clone()}</td>
                                    <td>{move || if done { t().step_completed } else { t().step_started }}</td>
                                    <td>{day(&p.updated_at, lang.get_untracked())}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        <Tasks id=id assignments=assignments notes=notes on_change=on_change/>
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
        Some(content::Lang::Nb) if working => si::ui(lang).answered_nb_working,
        Some(content::Lang::Nb) => si::ui(lang).answered_nb,
        Some(content::Lang::En) => si::ui(lang).answered_en,
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
    let t = move || si::ui(lang.get());
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
                        <strong>{move || t().working_translation}</strong>
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
                <caption>{move || format!("{name}: {}", t().scores_caption)}</caption>
                <thead><tr>
                    <th scope="col">{move || t().col_date}</th>
                    <th scope="col">{move || t().col_total}</th>
                    <th scope="col">{move || t().col_severity}</th>
                    <th scope="col">{move || t().col_change}</th>
                    <th scope="col">{move || t().col_language}</th>
                </tr></thead>
                <tbody>
                    {table_rows.into_iter().map(|(p, answered)| {
                        let inst_id = inst_id.clone();
                        let band = p.band.clone();
                        view! { <tr>
                            <td>{day(&p.date, lang.get_untracked())}</td>
                            <td>{p.total}</td>
                            <td>{move || si::band(lang.get(), &inst_id, &band)}</td>
                            <td>{move || p.reliable.map(|r| si::reliable(lang.get(), r)).unwrap_or(t().change_first)}</td>
                            <td>{move || answer_language(lang.get(), answered, working)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table></div>
        </figure>
    }
}

/// Registrations the participant removed: when each was from and when it went, never what it
/// held. Nothing at all while there is none.
#[component]
fn Removals(removals: Vec<Removal>) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    (!removals.is_empty()).then(|| {
        view! {
            <section aria-labelledby="removals-h">
                <h2 id="removals-h">{move || t().removals_title}</h2>
                <ul class="list">
                    {removals.into_iter().map(|r| view! {
                        <li>{move || {
                            let lang = lang.get();
                            fill(t().removal_text, &[&day(&r.completed_at, lang), &day(&r.removed_at, lang)])
                        }}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
