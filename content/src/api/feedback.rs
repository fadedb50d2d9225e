//! The feedback desk: what the sender sees of their messages, what the export holds, and what
//! the support role reads.

use serde::{Deserialize, Serialize};

use super::FeedbackKind;

/// One message the user sent, as they see it (`GET /api/me/feedback`): never the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackReceipt {
    pub id: String,
    pub kind: FeedbackKind,
    pub sent_at: String,
    /// When the desk handled it (and erased its text); `null` until then.
    #[serde(default)]
    pub handled_at: Option<String>,
}

/// `GET /api/me/feedback`: what the user sent and is still kept, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MyFeedback {
    pub feedback: Vec<FeedbackReceipt>,
}

/// Feedback in the export: the receipt and, until it is handled, the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackRecord {
    #[serde(flatten)]
    pub receipt: FeedbackReceipt,
    /// `null` once handled.
    #[serde(default)]
    pub text: Option<String>,
}

/// One unhandled message at the feedback desk (`GET /api/staff/feedback`, support only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackItem {
    pub id: String,
    pub kind: FeedbackKind,
    pub text: String,
    pub sent_at: String,
    /// A pseudonym of the sender, the same for every message of one participant (`P-…`) or one
    /// staff account (`S-…`), and never the reference staff see.
    pub sender: String,
}

/// `GET /api/staff/feedback`: unhandled messages, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackDesk {
    pub feedback: Vec<FeedbackItem>,
}
