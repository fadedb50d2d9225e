//! The private person's way in (SPEC §1): a voucher redeemed for a code, or a card purchase
//! (Stripe Checkout) claimed once for a code. Neither leaves a link from the voucher or the
//! payment to the code.

use serde::{Deserialize, Serialize};

/// `POST /api/vouchers/redeem`: a voucher as typed (normalised like a code). 200 with
/// [`NewCode`] once; one uniform 404 `voucher_not_valid` for a spent, unknown or expired voucher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoucherRedeem {
    pub voucher: String,
}

/// A fresh private access code (`XXXX-XXXX-XXXX-X`), shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewCode {
    pub code: String,
}

/// `GET /api/purchase`: whether card purchase is configured on this deployment (the app shows
/// the purchase button only then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PurchaseInfo {
    pub available: bool,
}

/// `POST /api/purchase/checkout`: Stripe's payment page to send the browser to, and the
/// one-time claim token the browser keeps to exchange for a code once paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Checkout {
    pub url: String,
    pub claim: String,
}

/// `POST /api/purchase/claim`: the claim token of a paid checkout. 200 with [`NewCode`] once;
/// 409 `not_paid` while the payment is not confirmed; 404 `claim_not_valid` otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    pub claim: String,
}

/// `POST /api/purchase/webhook`: the parts of Stripe's event that are read (Stripe sends many
/// more fields; they are ignored). Accepted only with a valid `Stripe-Signature`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StripeEvent {
    #[serde(rename = "type")]
    pub kind: String,
    pub data: StripeEventData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StripeEventData {
    pub object: StripeSession,
}

/// The Checkout Session of the event: only our own claim reference and the payment status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct StripeSession {
    #[serde(default)]
    pub client_reference_id: Option<String>,
    #[serde(default)]
    pub payment_status: Option<String>,
}

/// The 200 of the webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WebhookReceived {
    pub received: bool,
}
