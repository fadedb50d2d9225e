//! `/tools`: both coping programmes, the one bound to the code first.

use crate::components::guard::Guarded;
use crate::i18n::{self, use_lang};
use crate::session::use_session;
use crate::tool_progress;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Tools() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let list = move || {
        let lang = lang.get();
        let me = session.me.get();
        let assigned = me.as_ref().and_then(|m| m.progress.tool.clone());
        let steps = me.map(|m| m.progress.steps).unwrap_or_default();
        let mut tools: Vec<_> = content::tools::all().iter().collect();
        tools.sort_by_key(|tl| Some(&tl.id) != assigned.as_ref());
        tools
            .into_iter()
            .map(|tool| {
                let (done, total) = tool_progress::totals(tool, &steps);
                let recommended = Some(&tool.id) == assigned.as_ref();
                view! {
                    <li class="card">
                        <h2><A href=format!("/tools/{}", tool.id)>{tool.title.get(lang).to_owned()}</A></h2>
                        {recommended.then(|| view! { <p class="badge">{t().recommended}</p> })}
                        <p>{tool.summary.get(lang).to_owned()}</p>
                        <p class="hint">{i18n::fill(t().tool_progress, &[&done.to_string(), &total.to_string()])}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Guarded>
            <h1>{move || t().tools_title}</h1>
            <p>{move || t().tools_intro}</p>
            <ul class="cards">{list}</ul>
        </Guarded>
    }
}
