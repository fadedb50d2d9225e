//! `/staff/account`: what Mestring stores about the logged-in account (the same JSON
//! `GET /api/staff/me` answers, which the page also offers as a download), and deleting it,
//! confirmed with the password (and a current code while the authenticator is on).

use super::hash;
use super::i18n::{self as si, role};
use super::shared::{Message, code_of, error_text};
use super::who::use_staff;
use crate::api;
use crate::i18n::use_lang;
use content::api::{StaffPrelogin, TotpReauth, endpoints};
use leptos::prelude::*;

#[component]
pub fn Account() -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let staff = use_staff();
    let data = LocalResource::new(|| api::call(&endpoints::STAFF_ME, &[]));
    let when = move |at: &str| content::dates::date_time_of_text(at, lang.get_untracked());
    view! {
        <h1>{move || t().account_title}</h1>
        <p>{move || t().account_intro}</p>
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || data.get().map(|r| match r {
                Err(e) => view! { <p class="message">{error_text(lang.get(), &e)}</p> }.into_any(),
                Ok(d) => view! {
                    <dl class="facts" data-testid="account-data">
                        <dt>{move || t().email}</dt><dd>{d.email.clone()}</dd>
                        <dt>{move || t().col_role}</dt><dd>{move || role(lang.get(), d.role)}</dd>
                        <dt>{move || t().account_business}</dt>
                        <dd>{d.business.as_ref().map(|b| b.name.clone()).unwrap_or_else(|| "–".into())}</dd>
                        <dt>{move || t().account_created}</dt><dd>{when(&d.created_at)}</dd>
                        <dt>{move || t().account_last_login}</dt>
                        <dd>{d.last_login.as_deref().map(when).unwrap_or_else(|| t().account_never.into())}</dd>
                        <dt>{move || t().account_totp}</dt>
                        <dd>{move || if d.totp { t().account_on } else { t().account_off }}</dd>
                    </dl>
                    <p><a href=endpoints::STAFF_ME.url(&[]) download="mestring-account.json">{move || t().account_download}</a></p>
                    <h2>{move || t().account_audit}</h2>
                    <div class="table-wrap" tabindex="0"><table class="staff-table">
                        <caption>{move || t().account_audit}</caption>
                        <thead><tr>
                            <th scope="col">{move || t().col_time}</th>
                            <th scope="col">{move || t().participant}</th>
                            <th scope="col">{move || t().col_what}</th>
                        </tr></thead>
                        <tbody>
                            {d.audit.into_iter().map(|e| view! { <tr>
                                <td>{when(&e.at)}</td>
                                <td class="mono">{e.participant}</td>
                                <td>{e.action}</td>
                            </tr> }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any(),
            })}
        </Suspense>
        <Delete totp=move || staff.session.with(|s| s.as_ref().is_some_and(|s| s.totp))/>
    }
}

#[component]
fn Delete(totp: impl Fn() -> bool + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let t = move || si::ui(lang.get());
    let staff = use_staff();
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let Some(email) = staff
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.email.clone()))
        else {
            return;
        };
        let (pw, typed) = (
            password.get_untracked(),
            code.get_untracked().trim().to_owned(),
        );
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = async {
                let pre =
                    api::send(&endpoints::STAFF_PRELOGIN, &[], &StaffPrelogin { email }).await?;
                let password_hash = hash::password_hash(&pw, &pre)
                    .await
                    .map_err(|_| crate::api::ApiError::Network(String::new()))?;
                let body = TotpReauth {
                    password_hash,
                    totp: (!typed.is_empty()).then_some(typed),
                };
                api::send(&endpoints::STAFF_DELETE_ME, &[], &body).await
            }
            .await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    staff.session.set(None);
                    staff.notice.set(Some(si::ui(lang).account_deleted));
                }
                Err(e) if code_of(&e) == Some("reauth_failed") => {
                    message.set(Some(si::ui(lang).totp_reauth_wrong.into()))
                }
                Err(e) if code_of(&e) == Some("last_super_user") => {
                    message.set(Some(si::ui(lang).account_delete_last.into()))
                }
                Err(e) => message.set(Some(error_text(lang, &e).into())),
            }
        });
    };
    view! {
        <section aria-labelledby="delete-account-h">
            <h2 id="delete-account-h">{move || t().account_delete_title}</h2>
            <p>{move || t().account_delete_intro}</p>
            <form class="stack" on:submit=submit novalidate>
                <fieldset>
                    <legend>{move || t().account_delete_legend}</legend>
                    <div class="field">
                        <label for="delete-password">{move || t().password}</label>
                        <input id="delete-password" type="password" autocomplete="current-password" bind:value=password/>
                    </div>
                    {move || totp().then(|| view! {
                        <div class="field">
                            <label for="delete-code">{move || t().totp_code}</label>
                            <input id="delete-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                                maxlength="7" bind:value=code/>
                        </div>
                    })}
                </fieldset>
                <button type="submit" class="danger" disabled=move || busy.get()>{move || t().account_delete_button}</button>
                <Message text=message/>
            </form>
        </section>
    }
}
