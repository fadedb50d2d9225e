//! `/check/:instrument`: one question per screen, a review, then the result (SPEC §3.5). Scored
//! in the browser with `content::scoring`; the edge re-scores. The safety path shows crisis
//! resources the moment a safety item is answered above 0.

use crate::browser::focus_later;
use crate::components::crisis::Crisis;
use crate::components::guard::Guarded;
use crate::crypto;
use crate::i18n::{self, use_lang};
use crate::questionnaire::{Flow, Screen};
use crate::queue::{Queued, Sent};
use crate::session::{now_rfc3339, use_session};
use content::advice::{Advice, advice};
use content::api::ResponseSubmit;
use content::scoring::Score;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Questionnaire() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    view! {
        <Guarded>
            {move || {
                let id = params.with(|p| p.get("instrument").unwrap_or_default());
                match content::instruments::get(&id) {
                    Some(instrument) => view! { <Run instrument=instrument/> }.into_any(),
                    None => view! { <h1>{move || i18n::pages(lang.get()).unknown_instrument}</h1> }.into_any(),
                }
            }}
        </Guarded>
    }
}

#[derive(Clone, PartialEq)]
struct Done {
    score: Score,
    sent: Sent,
}

#[component]
fn Run(instrument: &'static content::model::Instrument) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let query = use_query_map();
    let from = move || {
        query
            .with(|q| q.get("from"))
            .filter(|f| f.starts_with("/tools/"))
    };
    let flow = RwSignal::new(Flow::new(instrument));
    let screen = Memo::new(move |_| flow.with(|f| f.screen));
    let done = RwSignal::new(None::<Done>);
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);
    let safety = Memo::new(move |_| flow.with(|f| f.safety()));

    let go_next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut moved = false;
        flow.update(|f| moved = f.advance());
        if moved {
            message.set(None);
            focus_later("#q-position");
        } else {
            message.set(Some(t().choose_first));
        }
    };
    let go_back = move |_| {
        message.set(None);
        flow.update(|f| {
            f.back();
        });
        focus_later("#q-position");
    };
    let submit = move |_| {
        let Ok(score) = flow.with_untracked(|f| f.score()) else {
            return;
        };
        let Some(id) = crypto::uuid() else {
            message.set(Some(t().error_generic));
            return;
        };
        busy.set(true);
        let answers = flow.with_untracked(|f| f.answers.clone());
        leptos::task::spawn_local(async move {
            let sent = session
                .submit(Queued::Response(ResponseSubmit {
                    id,
                    instrument: instrument.id.clone(),
                    version: instrument.version.clone(),
                    answers,
                    completed_at: now_rfc3339(),
                    lang: Some(lang.get_untracked()),
                }))
                .await;
            busy.set(false);
            done.set(Some(Done { score, sent }));
            focus_later("#result-title");
        });
    };

    let question = move |i: usize| {
        let Some(item) = instrument.items.get(i) else {
            return ().into_any();
        };
        let lang_now = lang.get();
        let (n, m) = flow
            .with_untracked(|f| f.position())
            .unwrap_or((i + 1, instrument.items.len()));
        let optional = flow.with_untracked(|f| f.optional(i));
        view! {
            <p id="q-position" class="position" tabindex="-1">
                {i18n::fill(t().question_of, &[&n.to_string(), &m.to_string()])}
            </p>
            {(i == 0).then(|| view! { <p class="hint">{instrument.instructions.get(lang_now).to_owned()}</p> })}
            <form class="stack" on:submit=go_next novalidate>
                <fieldset>
                    <legend>
                        {item.text.get(lang_now).to_owned()}
                        {optional.then(|| view! { <span class="hint">" ("{t().optional}")"</span> })}
                    </legend>
                    {item.options.iter().map(|o| {
                        let id = format!("{}-{}", item.id.replace('.', "-"), o.value);
                        let value = o.value;
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name=item.id.clone()
                                    id=id.clone()
                                    value=value.to_string()
                                    prop:checked=move || flow.with(|f| f.current_answer() == Some(value))
                                    on:change=move |_| {
                                        message.set(None);
                                        flow.update(|f| f.choose(value));
                                    }
                                />
                                <label for=id>{o.label.get(lang_now).to_owned()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <p role="alert" class="message">{move || message.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary">{t().next}</button>
                    {if i == 0 {
                        view! { <A href="/home" attr:class="button">{t().cancel}</A> }.into_any()
                    } else {
                        view! { <button type="button" on:click=go_back>{t().back}</button> }.into_any()
                    }}
                </div>
            </form>
        }
        .into_any()
    };

    let review = move || {
        let lang_now = lang.get();
        let answers = flow.with_untracked(|f| f.answers.clone());
        let asked = flow.with_untracked(|f| f.asked_items());
        view! {
            <h2 id="q-position" tabindex="-1">{t().review_title}</h2>
            <p>{t().review_intro}</p>
            <ol class="review">
                {instrument.items.iter().enumerate().filter(|(i, _)| asked.contains(i)).map(|(i, item)| {
                    let chosen = answers
                        .get(&item.id)
                        .and_then(|v| item.options.iter().find(|o| o.value == *v))
                        .map(|o| o.label.get(lang_now).to_owned())
                        .unwrap_or_else(|| t().not_answered.to_owned());
                    view! {
                        <li>
                            <p class="review-q">{item.text.get(lang_now).to_owned()}</p>
                            <p class="review-a"><strong>{chosen}</strong></p>
                            <button
                                type="button"
                                aria-label=i18n::fill(t().change_label, &[&(i + 1).to_string()])
                                on:click=move |_| {
                                    flow.update(|f| f.edit(i));
                                    focus_later("#q-position");
                                }
                            >
                                {t().change}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <div class="actions">
                <button type="button" class="primary" on:click=submit disabled=move || busy.get()>
                    {move || if busy.get() { t().sending } else { t().submit }}
                </button>
                <button type="button" on:click=go_back>{t().back}</button>
            </div>
        }
        .into_any()
    };

    let result = move |d: Done| {
        let lang_now = lang.get();
        let (_, max) = instrument.score_range();
        let band = instrument
            .bands
            .iter()
            .find(|b| b.id == d.score.band)
            .map(|b| b.label.get(lang_now).to_owned())
            .unwrap_or_default();
        let graded = instrument.bands.len() > 1;
        view! {
            <h2 id="result-title" tabindex="-1">{t().result_title}</h2>
            <p class="score">{i18n::fill(t().result_score, &[&d.score.total.to_string(), &max.to_string()])}</p>
            {graded.then(|| view! { <p class="score">{i18n::fill(t().result_band, &[&band])}</p> })}
            {advice(instrument, &d.score).into_iter().map(|a| {
                let text = match a {
                    Advice::SafetyFirst => t().result_safety,
                    Advice::AtOrAboveCutoff => t().result_case,
                    Advice::BelowCutoff => t().result_not_case,
                    Advice::LowWellbeing => t().result_low_wellbeing,
                    Advice::GoodWellbeing => t().result_good_wellbeing,
                    Advice::ContactGpSoon => t().result_contact_soon,
                };
                view! { <p class="advice">{text}</p> }
            }).collect_view()}
            {graded.then(|| view! { <p>{t().result_about}</p> })}
            <p role="status" class=if d.sent == Sent::Rejected { "message" } else { "notice" }>
                {match d.sent {
                    Sent::Stored => t().result_saved,
                    Sent::Queued => t().result_queued,
                    Sent::Rejected => t().result_rejected,
                }}
            </p>
            <ul class="list">
                {from().map(|f| view! { <li><A href=f>{t().to_parts}</A></li> })}
                <li><A href="/history">{t().history_link}</A></li>
                <li><A href="/home">{t().nav_overview}</A></li>
            </ul>
        }
        .into_any()
    };

    view! {
        <h1>{move || instrument.title.get(lang.get()).to_owned()}</h1>
        // Only the Norwegian wording is a working translation; the English is the published one.
        {move || (instrument.is_working_translation() && lang.get() == i18n::Lang::Nb).then(|| view! {
            <p class="hint">{t().working_translation}</p>
        })}
        <div aria-live="assertive">
            <Show when=move || safety.get()><Crisis/></Show>
        </div>
        {move || match (done.get(), screen.get()) {
            (Some(d), _) => result(d),
            (None, Screen::Question(i)) => question(i),
            (None, Screen::Review) => review(),
        }}
    }
}
