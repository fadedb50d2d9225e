//! A new access code shown once, as a slip that can be printed: the code change (settings), a
//! redeemed voucher and a card purchase all show a new code this one way.

use crate::i18n::{self, use_lang};
use leptos::prelude::*;

#[component]
pub fn NewCodeSlip(code: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || i18n::pages(lang.get());
    view! {
        <div class="code-slip" data-testid="code-slip">
            <p class="slip-heading">{move || t().slip_heading}</p>
            <p id="new-code" tabindex="-1">{move || t().code_new}": "<strong class="code">{code}</strong></p>
            <p>{move || t().code_once}</p>
            <p class="slip-keep">{move || t().slip_keep}</p>
            <button type="button" class="print" on:click=move |_| crate::browser::print()>
                {move || t().slip_print}
            </button>
        </div>
    }
}
