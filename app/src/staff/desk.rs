//! The feedback desk (support only): unhandled feedback from participants and staff, oldest
//! first (`GET /api/staff/feedback`, audited by the edge), each marked handled on its own
//! (`POST /api/staff/feedback/{id}/handled`), which erases its text at once.

use super::i18n as si;
use super::shared::{Message, error_text};
use crate::api;
use crate::i18n::{fill, use_lang};
use content::api::FeedbackItem;
use content::api::endpoints::{FEEDBACK_DESK, FEEDBACK_HANDLED};
use leptos::prelude::*;

#[component]
pub fn Desk() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let desk = LocalResource::new(|| api::call(&FEEDBACK_DESK, &[]));
    // Handled here: gone from the list without asking the desk again.
    let handled = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(None::<&'static str>);
    let message = RwSignal::new(None::<String>);
    let handle = move |id: String| {
        let lang = lang.get_untracked();
        done.set(None);
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::call(&FEEDBACK_HANDLED, &[&id]).await {
                Ok(_) => {
                    handled.update(|h| h.push(id));
                    done.set(Some(si::ui(lang).desk_handled));
                    // The button pressed is gone: back to the list's heading.
                    crate::browser::focus_later("#desk-h");
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    view! {
        <section aria-labelledby="desk-h">
            <h2 id="desk-h" tabindex="-1">{move || t().desk_title}</h2>
            <p>{move || t().desk_intro}</p>
            <p class="warning">{move || t().desk_erase}</p>
            <p class="hint">{move || t().desk_logged}</p>
            <p role="status" class="ok">{move || done.get()}</p>
            <Message text=message/>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || desk.get().map(|r| match r {
                    Err(e) => view! { <p class="message">{error_text(lang.get(), &e)}</p> }.into_any(),
                    Ok(d) => {
                        let items = StoredValue::new(d.feedback);
                        let open = move || {
                            handled.with(|h| items.with_value(|all| {
                                all.iter().filter(|i| !h.contains(&i.id)).cloned().collect::<Vec<_>>()
                            }))
                        };
                        view! {
                            <Show when=move || !open().is_empty() fallback=move || view! {
                                <p>{move || t().desk_none}</p>
                            }>
                                <ul class="desk">
                                    <For each=open key=|i| i.id.clone() let:item>
                                        <Item item=item handle=handle/>
                                    </For>
                                </ul>
                            </Show>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Item(item: FeedbackItem, handle: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let heading = format!("feedback-{}", item.id);
    let kind = item.kind;
    let sent = item.sent_at.clone();
    let sender = item.sender.clone();
    let id = item.id.clone();
    view! {
        <li class="desk-item">
            <h3 id=heading.clone()>
                {move || si::feedback_kind(lang.get(), kind)} " · "
                {move || content::dates::date_time_of_text(&sent, lang.get())}
            </h3>
            <p class="hint">{move || fill(t().desk_from, &[&sender])}</p>
            <p class="desk-text">{item.text}</p>
            <button type="button" aria-describedby=heading on:click=move |_| handle(id.clone())>
                {move || t().desk_handle}
            </button>
        </li>
    }
}
