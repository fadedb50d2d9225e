use crate::api;
use crate::i18n::{self, use_lang};
use content::api::endpoints;
use leptos::prelude::*;

#[component]
pub fn AccessLog() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let log = LocalResource::new(|| api::call(&endpoints::ACCESS_LOG, &[]));
    view! {
        <section class="panel" aria-labelledby="access-title">
            <h2 id="access-title">{move || t().access_title}</h2>
            <Suspense fallback=move || view! { <p>{t().loading}</p> }>
                {move || log.get().map(|r| match r {
                    Ok(l) if l.entries.is_empty() => view! { <p>{t().access_none}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="list">
                            {l.entries.into_iter().map(|e| view! {
                                <li>{i18n::fill(t().access_entry, &[&content::dates::date_of_text(&e.date, lang.get_untracked()), &e.business])}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <p class="message">{t().error_generic}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
