//! Who holds what the user shares, and how to reach them: the business details its super user
//! keeps (`MeState.business`), shown where consent is asked and on the privacy notice.

use crate::i18n::{self, use_lang};
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn BusinessContact() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let session = use_session();
    let business = move || {
        session
            .me
            .with(|m| m.as_ref().and_then(|m| m.business.clone()))
    };
    move || {
        business().map(|b| {
            let name = b.name.clone();
            let title = {
                let name = name.clone();
                move || i18n::fill(t().business_title, &[&name])
            };
            view! {
                <section class="panel" aria-labelledby="business-title">
                    <h2 id="business-title">{title}</h2>
                    <p>{move || i18n::fill(t().business_intro, &[&name])}</p>
                    <dl class="facts">
                        {b.contact.map(|c| view! {
                            <dt>{move || t().business_contact}</dt><dd>{c}</dd>
                        })}
                        {b.address.map(|a| view! {
                            <dt>{move || t().business_address}</dt><dd>{a}</dd>
                        })}
                        {b.web.map(|w| {
                            let href = w.clone();
                            view! {
                                <dt>{move || t().business_web}</dt>
                                <dd><a href=href rel="noopener noreferrer">{w}</a></dd>
                            }
                        })}
                    </dl>
                </section>
            }
        })
    }
}
