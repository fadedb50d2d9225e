//! The history's list of registrations, newest first, each removable after a confirm step
//! (`DELETE /api/me/responses/{id}`): a wrong answer can be corrected by removing it and
//! answering again.

use crate::api;
use crate::i18n::{self, use_lang};
use content::api::{StoredResponse, endpoints};
use leptos::prelude::*;

#[component]
pub fn Registrations(
    responses: Vec<StoredResponse>,
    on_removed: Callback<()>,
    /// Kept by the page, so that it outlives this list, which is rebuilt after a removal.
    message: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let asking = RwSignal::new(None::<String>);
    let mut rows = responses;
    rows.sort_by(|a, b| b.completed_at.cmp(&a.completed_at));
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            let done = api::call(&endpoints::REMOVE_RESPONSE, &[&id]).await;
            let t = i18n::pages(lang.get_untracked());
            asking.set(None);
            if done.is_ok() {
                message.set(Some(t.removed));
                on_removed.run(());
            } else {
                message.set(Some(t.remove_failed));
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="registrations-title">
            <h2 id="registrations-title">{move || t().registrations_title}</h2>
            <p>{move || t().registrations_intro}</p>
            <ul class="list registrations">
                {rows.into_iter().map(|r| {
                    let title = move || {
                        content::instruments::get(&r.instrument)
                            .map(|i| i.title.get(lang.get()).to_owned())
                            .unwrap_or_else(|| r.instrument.clone())
                    };
                    let title = Signal::derive(title);
                    let when = r.completed_at.clone();
                    let date = Signal::derive(move || content::dates::date_of_text(&when, lang.get()));
                    let which = move || i18n::fill(t().remove_which, &[&title.get(), &date.get()]);
                    let (id, id_yes) = (r.id.clone(), r.id.clone());
                    let open = {
                        let id = r.id.clone();
                        move || asking.get().as_deref() == Some(id.as_str())
                    };
                    view! {
                        <li>
                            <span>{which}</span>
                            <Show
                                when=open
                                fallback=move || {
                                    let id = id.clone();
                                    view! {
                                        <button type="button" class="secondary"
                                            on:click=move |_| { message.set(None); asking.set(Some(id.clone())); }>
                                            {move || t().remove}
                                            <span class="visually-hidden">" " {which}</span>
                                        </button>
                                    }
                                }
                            >
                                <div class="confirm" role="group" aria-label=which>
                                    <p>{move || i18n::fill(t().remove_confirm, &[&title.get(), &date.get()])}</p>
                                    <button type="button" on:click={
                                        let id = id_yes.clone();
                                        move |_| remove(id.clone())
                                    }>{move || t().remove_yes}</button>
                                    <button type="button" class="secondary"
                                        on:click=move |_| asking.set(None)>{move || t().cancel}</button>
                                </div>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
