//! `/history`: one chart per instrument (score over time, severity bands shaded, reliable
//! change against the first answer marked) with a data table as the accessible alternative.

use crate::api;
use crate::chart::{self, Chart};
use crate::components::guard::Guarded;
use crate::i18n::{self, use_lang};
use crate::pages::registrations::Registrations;
use crate::session::use_session;
use content::api::endpoints;
use content::model::Instrument;
use content::scoring::{ReliableChange, Score};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn History() -> impl IntoView {
    view! { <Guarded><Charts/></Guarded> }
}

#[component]
fn Charts() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let history = LocalResource::new(|| api::call(&endpoints::RESPONSES, &[]));
    let on_removed = Callback::new(move |_| history.refetch());
    let removal = RwSignal::new(None::<&'static str>);
    // Any questionnaire of the code's plan can be filled in again, due or not.
    let fill_in = move || {
        let lang = lang.get();
        let plan = session
            .me
            .with(|m| m.as_ref().and_then(|m| m.progress.plan.clone()));
        let ids: Vec<String> = plan
            .as_deref()
            .and_then(content::plans::get)
            .map(|p| p.schedule.iter().map(|e| e.instrument.clone()).collect())
            .unwrap_or_else(|| vec!["phq9".into(), "gad7".into()]);
        ids.into_iter()
            .filter_map(|id| content::instruments::get(&id))
            .map(|inst| view! {
                <li><A href=format!("/check/{}", inst.id)>{inst.title.get(lang).to_owned()}</A></li>
            })
            .collect_view()
    };
    view! {
        <h1>{move || t().history_title}</h1>
        <section aria-labelledby="fill-title">
            <h2 id="fill-title">{move || t().fill_in_title}</h2>
            <ul class="list">{fill_in}</ul>
        </section>
        <p role="status" class="status">{move || removal.get()}</p>
        <Suspense fallback=move || view! { <p>{t().loading}</p> }>
            {move || history.get().map(|h| match h {
                Err(_) => view! { <p class="message">{t().error_generic}</p> }.into_any(),
                Ok(h) => {
                    let groups: Vec<(&'static Instrument, Vec<(i64, Score)>)> = content::instruments::all()
                        .iter()
                        .filter_map(|inst| {
                            let entries: Vec<(i64, Score)> = h.responses.iter()
                                .filter(|r| r.instrument == inst.id)
                                .filter_map(|r| content::time::parse_ms(&r.completed_at).ok().map(|ms| (ms, r.score.clone())))
                                .collect();
                            (!entries.is_empty()).then_some((inst, entries))
                        })
                        .collect();
                    if groups.is_empty() {
                        view! { <p>{t().history_empty}</p> }.into_any()
                    } else {
                        let charts = groups.into_iter().map(|(inst, mut entries)| {
                            entries.sort_by_key(|e| e.0);
                            view! { <InstrumentChart instrument=inst entries=entries/> }
                        }).collect_view();
                        view! {
                            {charts}
                            <Registrations responses=h.responses on_removed=on_removed message=removal/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn change_text(t: &i18n::Pages, r: Option<ReliableChange>) -> &'static str {
    match r {
        None => t.change_first,
        Some(ReliableChange::Improved) => t.change_improved,
        Some(ReliableChange::Deteriorated) => t.change_deteriorated,
        Some(_) => t.change_none,
    }
}

#[component]
fn InstrumentChart(instrument: &'static Instrument, entries: Vec<(i64, Score)>) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let c: Chart = chart::build(instrument, &entries);
    let id = instrument.id.clone();
    let title_id = format!("chart-{id}-title");
    let desc_id = format!("chart-{id}-desc");
    let band_label = move |band: &str| {
        instrument
            .bands
            .iter()
            .find(|b| b.id == band)
            .map(|b| b.label.get(lang.get()).to_owned())
            .unwrap_or_default()
    };
    let (title_a, title_b, desc_a) = (title_id.clone(), title_id.clone(), desc_id.clone());
    let latest = c.points.last().cloned();
    let count = c.points.len();
    let plot_w = chart::WIDTH - chart::LEFT - chart::RIGHT;
    let points = c.points.clone();
    view! {
        <section class="chart-section" aria-labelledby=title_a>
            <h2 id=title_b>{move || instrument.title.get(lang.get()).to_owned()}</h2>
            <p id=desc_a>
                {move || latest.as_ref().map(|p| i18n::fill(t().chart_desc, &[
                    &count.to_string(), &p.total.to_string(), &band_label(&p.band),
                ]))}
            </p>
            <svg
                class="chart"
                viewBox=format!("0 0 {} {}", chart::WIDTH, chart::HEIGHT)
                role="img"
                aria-labelledby=title_id
                aria-describedby=desc_id
            >
                {c.bands.iter().map(|b| view! {
                    <rect x=chart::LEFT.to_string() y=b.y.to_string() width=plot_w.to_string()
                        height=b.height.to_string() class=b.class()/>
                }).collect_view()}
                {c.ticks.iter().map(|(y, v)| view! {
                    <text x=(chart::LEFT - 5.0).to_string() y=(y + 4.0).to_string() class="tick" text-anchor="end">
                        {v.to_string()}
                    </text>
                }).collect_view()}
                {c.x_labels.iter().enumerate().map(|(i, (x, day))| {
                    let anchor = chart::x_label_anchor(i, c.x_labels.len());
                    let day = day.clone();
                    view! {
                        <text x=x.to_string() y=(chart::HEIGHT - 4.0).to_string() class="tick"
                            text-anchor=anchor>
                            {move || content::dates::date_of_text(&day, lang.get())}
                        </text>
                    }
                }).collect_view()}
                <path d=c.line.clone() class="line"/>
                {c.points.iter().map(|p| {
                    let ring = match p.reliable {
                        Some(ReliableChange::Improved) => Some("ring improved"),
                        Some(ReliableChange::Deteriorated) => Some("ring deteriorated"),
                        _ => None,
                    };
                    view! {
                        {ring.map(|class| view! {
                            <circle cx=p.x.to_string() cy=p.y.to_string() r="8" class=class/>
                        })}
                        <circle cx=p.x.to_string() cy=p.y.to_string() r="4" class="point"/>
                    }
                }).collect_view()}
            </svg>
            <div class="table-wrap" tabindex="0"><table>
                <caption>{move || i18n::fill(t().table_caption, &[instrument.title.get(lang.get())])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_date}</th>
                        <th scope="col">{move || t().col_score}</th>
                        <th scope="col">{move || t().col_band}</th>
                        <th scope="col">{move || t().col_change}</th>
                    </tr>
                </thead>
                <tbody>
                    {points.into_iter().map(|p| {
                        let band = p.band.clone();
                        view! {
                            <tr>
                                <td>{content::dates::date_of_text(&p.date, lang.get_untracked())}</td>
                                <td>{p.total}</td>
                                <td>{move || band_label(&band)}</td>
                                <td>{move || change_text(t(), p.reliable)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        </section>
    }
}
