//! The private person's way in (SPEC §1): `/voucher` redeems a voucher for a fresh access code,
//! and offers a card purchase where the deployment has one; `/purchase` is where the payment
//! page sends the buyer back, with the one-time claim in the fragment. Either way the new code
//! is shown once on a printable slip, and the person types it back to show they have it, as in
//! a code change. Nothing here is linked to a business, a voucher or a payment.

use crate::api::{self, ApiError};
use crate::components::code_field::CodeField;
use crate::components::new_code::NewCodeSlip;
use crate::i18n::{self, use_lang};
use crate::login_check;
use content::api::endpoints;
use content::api::{ClaimRequest, VoucherRedeem};
use content::code::Code;
use leptos::prelude::*;

/// Whether `typed` is the same code as `shown` (forgiving about case, dashes, O/0, I/L/1).
fn same_code(typed: &str, shown: &str) -> bool {
    matches!((Code::parse(typed), Code::parse(shown)), (Ok(a), Ok(b)) if a.normalised() == b.normalised())
}

/// The new code on its slip, then "I have written it down": the person types it back.
#[component]
fn ShowOnce(code: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let typed = RwSignal::new(String::new());
    let finished = RwSignal::new(false);
    let done = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);
    let shown = StoredValue::new(code.clone());
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        finished.set(true);
        let value = typed.get_untracked();
        if login_check::is_blank(&value) {
            message.set(Some(t().code_empty));
            return;
        }
        if login_check::check(&value, true).is_some() {
            crate::browser::focus_later("#confirm-code");
            return;
        }
        if shown.with_value(|c| same_code(&value, c)) {
            message.set(None);
            done.set(true);
            crate::browser::focus_later("#code-confirmed");
        } else {
            message.set(Some(t().voucher_mismatch));
            crate::browser::focus_later("#confirm-code");
        }
    };
    view! {
        <NewCodeSlip code=code/>
        <Show
            when=move || done.get()
            fallback=move || view! {
                <form class="stack" on:submit=confirm novalidate>
                    <fieldset>
                        <legend>{move || t().voucher_written}</legend>
                        <p class="hint">{move || t().voucher_written_hint}</p>
                        <input type="text" name="username" autocomplete="username" value="Mestring" hidden readonly/>
                        <CodeField id="confirm-code" value=typed finished=finished/>
                    </fieldset>
                    <button type="submit" class="primary">{move || t().voucher_confirm}</button>
                    <p role="alert" class="message">{move || message.get()}</p>
                </form>
            }
        >
            <p id="code-confirmed" class="notice" role="status" tabindex="-1">{move || t().voucher_done}</p>
            <p><a href="/" class="button primary">{move || t().voucher_login}</a></p>
        </Show>
    }
}

/// `/voucher`: redeem a voucher; buy by card where that is offered.
#[component]
pub fn Voucher() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let voucher = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let code = RwSignal::new(None::<String>);
    let purchase = LocalResource::new(|| async {
        api::call(&endpoints::PURCHASE_INFO, &[])
            .await
            .map(|p| p.available)
            .unwrap_or(false)
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = voucher.get_untracked();
        let t = t();
        if login_check::is_blank(&value) {
            message.set(Some(t.voucher_empty.into()));
            return;
        }
        if login_check::check(&value, true).is_some() {
            message.set(Some(t.voucher_refused.into()));
            return;
        }
        message.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::send(
                &endpoints::REDEEM_VOUCHER,
                &[],
                &VoucherRedeem { voucher: value },
            )
            .await;
            let t = i18n::pages(lang.get_untracked());
            match answer {
                Ok(c) => {
                    voucher.set(String::new());
                    code.set(Some(c.code));
                    crate::browser::focus_later("#new-code");
                }
                Err(ApiError::Status {
                    status: 429,
                    retry_after,
                    ..
                }) => message.set(Some(i18n::fill(
                    t.login_throttled,
                    &[&login_check::wait_minutes(retry_after.unwrap_or(60)).to_string()],
                ))),
                Err(ApiError::Status { status: 404, .. }) => {
                    message.set(Some(t.voucher_refused.into()))
                }
                Err(ApiError::Network(_)) => message.set(Some(t.login_offline.into())),
                Err(_) => message.set(Some(t.error_generic.into())),
            }
            busy.set(false);
        });
    };

    let buy = move |_| {
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            match api::call(&endpoints::PURCHASE_CHECKOUT, &[]).await {
                Ok(c) => crate::browser::go_to(&c.url),
                Err(_) => {
                    message.set(Some(i18n::pages(lang.get_untracked()).error_generic.into()));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <h1>{move || t().voucher_title}</h1>
        {move || match code.get() {
            Some(c) => view! { <ShowOnce code=c/> }.into_any(),
            None => view! {
                <p class="lede">{move || t().voucher_intro}</p>
                <form class="stack" on:submit=submit novalidate>
                    <fieldset>
                        <legend>{move || t().voucher_title}</legend>
                        <div class="field">
                            <label for="voucher">{move || t().voucher_label}</label>
                            <p id="voucher-hint" class="hint">{move || t().voucher_hint}</p>
                            <input
                                id="voucher"
                                type="text"
                                autocomplete="off"
                                autocapitalize="characters"
                                spellcheck="false"
                                aria-describedby="voucher-hint"
                                prop:value=move || voucher.get()
                                on:input=move |ev| voucher.set(event_target_value(&ev))
                            />
                        </div>
                    </fieldset>
                    <button type="submit" class="primary" disabled=move || busy.get()>{move || t().voucher_button}</button>
                    <p role="alert" class="message">{move || message.get()}</p>
                </form>
                {move || (purchase.get() == Some(true)).then(|| view! {
                    <section class="panel" aria-labelledby="purchase-title">
                        <h2 id="purchase-title">{move || t().purchase_title}</h2>
                        <p>{move || t().purchase_intro}</p>
                        <button type="button" data-testid="purchase" on:click=buy disabled=move || busy.get()>
                            {move || t().purchase_button}
                        </button>
                    </section>
                })}
            }.into_any(),
        }}
    }
}

/// `/purchase`: back from the payment page with `#claim=…`: exchanges the claim once for a
/// code, waiting a little while the payment's confirmation is on its way.
#[component]
pub fn Purchase() -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    let code = RwSignal::new(None::<String>);
    let failed = RwSignal::new(false);
    let claim = crate::browser::fragment_param("claim");
    crate::browser::clear_fragment();
    if let Some(claim) = claim {
        leptos::task::spawn_local(async move {
            for _ in 0..20 {
                let body = ClaimRequest {
                    claim: claim.clone(),
                };
                match api::send(&endpoints::PURCHASE_CLAIM, &[], &body).await {
                    Ok(c) => {
                        code.set(Some(c.code));
                        crate::browser::focus_later("#new-code");
                        return;
                    }
                    Err(ApiError::Status { status: 409, .. }) => crate::crypto::pause(1500).await,
                    Err(_) => break,
                }
            }
            failed.set(true);
        });
    } else {
        failed.set(true);
    }
    view! {
        <h1>{move || t().purchase_title}</h1>
        {move || match (code.get(), failed.get()) {
            (Some(c), _) => view! { <ShowOnce code=c/> }.into_any(),
            (None, true) => view! { <p role="alert" class="message">{move || t().purchase_failed}</p> }.into_any(),
            (None, false) => view! {
                <div role="status" class="status">
                    <p>{move || t().purchase_waiting}</p>
                    <progress aria-label=move || t().purchase_waiting></progress>
                </div>
            }.into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::same_code;
    use content::code::Code;

    #[test]
    fn typing_the_code_back_is_forgiving_but_exact() {
        let shown = Code::generate(|b| *b = [7; 8]).to_string();
        assert!(same_code(&shown.to_lowercase().replace('-', " "), &shown));
        let other = Code::generate(|b| *b = [8; 8]).to_string();
        assert!(!same_code(&other, &shown));
        assert!(!same_code("", &shown));
    }
}
