//! `/tools/:tool`: the parts of one programme; a part opens when the one before is finished.

use crate::components::guard::Guarded;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use crate::tool_progress;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ToolPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let params = use_params_map();
    let page = move || {
        let lang = lang.get();
        let id = params.with(|p| p.get("tool").unwrap_or_default());
        let Some(tool) = content::tools::get(&id) else {
            return view! { <h1>{t().not_found_title}</h1> }.into_any();
        };
        let steps = session.me.with(|m| {
            m.as_ref()
                .map(|m| m.progress.steps.clone())
                .unwrap_or_default()
        });
        let status = tool_progress::parts(tool, &steps);
        view! {
            <h1>{tool.title.get(lang).to_owned()}</h1>
            <p class="lede">{tool.summary.get(lang).to_owned()}</p>
            <ol class="parts">
                {tool.parts.iter().zip(status).map(|(part, s)| {
                    let title = part.title.get(lang).to_owned();
                    let state = if s.complete() {
                        t().part_done.to_owned()
                    } else if s.unlocked {
                        i18n::fill(t().part_steps, &[&s.done.to_string(), &s.total.to_string()])
                    } else {
                        t().part_locked.to_owned()
                    };
                    view! {
                        <li class=if s.unlocked { "card" } else { "card locked" }>
                            <h2>
                                {if s.unlocked {
                                    view! { <A href=format!("/tools/{}/{}", tool.id, part.id)>{title}</A> }.into_any()
                                } else {
                                    view! { <span>{title}</span> }.into_any()
                                }}
                            </h2>
                            <p>{part.summary.get(lang).to_owned()}</p>
                            <p class="hint">{state}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! { <Guarded>{page}</Guarded> }
}
