//! `/home`: what is due, the tool's progress, what staff sent, and the way to tools and history.

use crate::components::guard::Guarded;
use crate::components::unlock::Unlock;
use crate::i18n::{self, use_lang};
use crate::session::{today, use_session};
use crate::{queue, tool_progress};
use content::api::AssignmentKind;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

#[component]
pub fn Home() -> impl IntoView {
    view! { <Guarded><Overview/></Guarded> }
}

fn instrument_title(id: &str, lang: content::Lang) -> String {
    content::instruments::get(id)
        .map(|i| i.title.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

#[component]
fn Overview() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.landing() == "/consent" {
            navigate("/consent", Default::default());
        }
    });
    let me = move || session.me.get();

    let due = move || {
        let today = today();
        let lang = lang.get();
        me().map(|m| m.due).unwrap_or_default().into_iter().map(|d| {
            let title = instrument_title(&d.instrument, lang);
            let now = d.due_on <= today;
            let label = if d.optional {
                format!("{title} ({})", t().optional)
            } else {
                title
            };
            view! {
                <li>
                    {if now || d.optional {
                        view! { <A href=format!("/check/{}", d.instrument)>{label}</A> }.into_any()
                    } else {
                        view! { <span>{label}</span> }.into_any()
                    }}
                    " "
                    <span class="hint">
                        {if now { t().due_now.to_owned() } else { i18n::fill(t().due_next, &[&content::dates::date_of_text(&d.due_on, lang)]) }}
                    </span>
                </li>
            }
        }).collect_view()
    };

    let tool = move || {
        let lang = lang.get();
        let m = me()?;
        let tool = content::tools::get(m.progress.tool.as_deref()?)?;
        let (done, total) = tool_progress::totals(tool, &m.progress.steps);
        Some(view! {
            <section aria-labelledby="tool-title">
                <h2 id="tool-title">{t().tool_title}</h2>
                <p>
                    <A href=format!("/tools/{}", tool.id)>{tool.title.get(lang).to_owned()}</A>
                </p>
                <p>{i18n::fill(t().tool_progress, &[&done.to_string(), &total.to_string()])}</p>
                <progress max=total.to_string() value=done.to_string()
                    aria-label=tool.title.get(lang).to_owned()></progress>
            </section>
        })
    };

    let inbox = move || {
        let lang = lang.get();
        let items = me().map(|m| m.inbox).unwrap_or_default();
        if items.is_empty() {
            return view! { <p>{t().inbox_empty}</p> }.into_any();
        }
        view! {
            <ul class="list">
                {items.into_iter().map(|item| {
                    let (href, label) = match item.kind {
                        AssignmentKind::Questionnaire => {
                            let id = item.instrument.clone().unwrap_or_default();
                            (format!("/check/{id}"), instrument_title(&id, lang))
                        }
                        AssignmentKind::Content => {
                            let tool_id = item.tool.clone().unwrap_or_default();
                            let tool = content::tools::get(&tool_id);
                            let part = tool.and_then(|tl| item.part.as_deref().and_then(|p| tl.part(p)));
                            match (tool, part) {
                                (Some(tl), Some(p)) => (
                                    format!("/tools/{}/{}", tl.id, p.id),
                                    format!("{}: {}", tl.title.get(lang), p.title.get(lang)),
                                ),
                                (Some(tl), None) => (format!("/tools/{}", tl.id), tl.title.get(lang).to_owned()),
                                _ => ("/tools".to_owned(), tool_id),
                            }
                        }
                    };
                    let sent = i18n::fill(t().inbox_sent, &[&content::dates::date_of_text(&item.sent_at, lang)]);
                    view! {
                        <li>
                            <A href=href>{label}</A>
                            " "
                            <span class="hint">
                                {sent}
                                {item.done_at.is_some().then(|| format!(" · {}", t().inbox_done))}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };

    let locked_queue = move || {
        session.pending.get();
        !session.unlocked.get() && queue::sealed_waiting()
    };

    view! {
        <h1>{move || t().home_title}</h1>
        {move || (session.pending.get() > 0).then(|| view! {
            <p class="notice" role="status">
                {i18n::fill(t().pending_notice, &[&session.pending.get().to_string()])}
            </p>
        })}
        {move || session.stale.get().then(|| view! { <p class="notice">{t().stale_notice}</p> })}
        <Show when=locked_queue><Unlock/></Show>
        <section aria-labelledby="due-title">
            <h2 id="due-title">{move || t().due_title}</h2>
            {move || {
                let empty = me().is_none_or(|m| m.due.is_empty());
                if empty {
                    view! { <p>{t().due_none}</p> }.into_any()
                } else {
                    view! { <ul class="list">{due()}</ul> }.into_any()
                }
            }}
        </section>
        {tool}
        <section aria-labelledby="inbox-title">
            <h2 id="inbox-title">{move || t().inbox_title}</h2>
            {inbox}
        </section>
        <section aria-labelledby="more-title">
            <h2 id="more-title">{move || t().more_title}</h2>
            <ul class="list">
                <li><A href="/tools">{move || t().all_tools}</A></li>
                <li><A href="/history">{move || t().history_link}</A></li>
            </ul>
        </section>
    }
}
