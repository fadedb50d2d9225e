//! The one error type of the edge, and what it means in HTTP: status, `code`, message and any
//! header it needs. The JSON error shape of SPEC §6 is [`ApiError::body`]; the response itself
//! is built by `http::error_response`, so this module imports no other.

use content::api::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("No such endpoint.")]
    NotFound,
    /// The path is an endpoint, but what it names does not exist (or is not the caller's to
    /// see): the message says what.
    #[error("{0}")]
    NoSuch(&'static str),
    /// A known path with another method; `allow` is the value of the `Allow` header.
    #[error("This endpoint does not accept that method.")]
    MethodNotAllowed { allow: String },
    #[error("The request body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("The request body does not have the expected shape: {0}")]
    InvalidBody(String),
    #[error("The request body must be JSON (Content-Type: application/json).")]
    UnsupportedMediaType,
    #[error("The request body is too large (at most {limit} bytes).")]
    PayloadTooLarge { limit: usize },
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    /// One answer for unknown, deactivated and deleted codes and for missing or expired
    /// sessions, so that nothing can be learnt about which codes exist.
    #[error("The code is not valid, or the session has ended. Please log in again.")]
    Unauthorized,
    /// Staff: one answer for a wrong password or authenticator code, an unknown e-mail, a
    /// deactivated account and a missing or expired staff session. Staff have no access code,
    /// so it does not speak of one.
    #[error("The login is not valid, or the session has ended. Please log in again.")]
    StaffUnauthorized,
    /// The password was right; the account also needs its authenticator code.
    #[error("Type the six-digit code from your authenticator app.")]
    TotpRequired,
    /// The password was right, but the account's business requires an authenticator and the
    /// account has none yet: the session that comes with this answer opens only enrolment.
    #[error("Your workplace requires an authenticator app. Set one up to continue.")]
    TotpEnrolmentRequired,
    #[error("{0}")]
    Forbidden(&'static str),
    /// An unsafe request whose `Origin` or `Sec-Fetch-Site` names another site
    /// (`content::origin`).
    #[error("This request came from another site. Use Mestring from its own address.")]
    CrossSite,
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A refusal with its own status and code where the generic ones do not fit (the one
    /// answer for an unusable voucher, a purchase path that is not configured, the payment
    /// provider failing).
    #[error("{message}")]
    Refused {
        status: u16,
        code: &'static str,
        message: &'static str,
    },
    #[error("Too many attempts. Please wait {retry_after} seconds and try again.")]
    TooManyRequests { retry_after: u32 },
    /// Storage or runtime failure. The detail is logged without request data, never sent.
    #[error("Something went wrong on our side. Please try again.")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound | ApiError::NoSuch(_) => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::MalformedJson(_) => 400,
            ApiError::InvalidBody(_) | ApiError::Unprocessable { .. } => 422,
            ApiError::Unauthorized | ApiError::StaffUnauthorized | ApiError::TotpRequired => 401,
            ApiError::Forbidden(_) | ApiError::CrossSite | ApiError::TotpEnrolmentRequired => 403,
            ApiError::Conflict { .. } => 409,
            ApiError::Refused { status, .. } => *status,
            ApiError::TooManyRequests { .. } => 429,
            ApiError::UnsupportedMediaType => 415,
            ApiError::PayloadTooLarge { .. } => 413,
            ApiError::Internal(_) => 500,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound | ApiError::NoSuch(_) => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::InvalidBody(_) => "invalid_body",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::Unprocessable { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Refused { code, .. } => code,
            ApiError::Unauthorized | ApiError::StaffUnauthorized => "unauthorized",
            ApiError::TotpRequired => "totp_required",
            ApiError::TotpEnrolmentRequired => "totp_enrolment_required",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::CrossSite => "cross_site",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::Internal(_) => "internal",
        }
    }

    /// `{"error": {"code", "message"}}`.
    pub fn body(&self) -> ErrorBody {
        ErrorBody::new(self.code(), self.to_string())
    }

    /// Headers the answer needs besides the JSON body: `Retry-After` on 429, `Allow` on 405.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        match self {
            ApiError::TooManyRequests { retry_after } => {
                vec![("retry-after", retry_after.max(&1).to_string())]
            }
            ApiError::MethodNotAllowed { allow } => vec![("allow", allow.clone())],
            _ => Vec::new(),
        }
    }

    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Unprocessable {
            code,
            message: message.into(),
        }
    }
}

impl From<worker::Error> for ApiError {
    fn from(e: worker::Error) -> Self {
        match e {
            worker::Error::D1(d1) => ApiError::Internal(format!("d1: {}", d1.cause())),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_and_participant_401s_share_the_code_but_only_one_speaks_of_codes() {
        for e in [ApiError::Unauthorized, ApiError::StaffUnauthorized] {
            assert_eq!((e.status(), e.code()), (401, "unauthorized"));
        }
        assert!(
            !ApiError::StaffUnauthorized
                .to_string()
                .to_lowercase()
                .contains("code")
        );
    }

    #[test]
    fn headers_carry_retry_after_and_allow() {
        assert_eq!(
            ApiError::TooManyRequests { retry_after: 0 }.headers(),
            vec![("retry-after", "1".to_string())]
        );
        assert_eq!(
            ApiError::MethodNotAllowed {
                allow: "GET, DELETE".into()
            }
            .headers(),
            vec![("allow", "GET, DELETE".to_string())]
        );
        assert!(ApiError::NotFound.headers().is_empty());
    }

    #[test]
    fn no_such_names_what_is_missing_and_is_a_404() {
        let e = ApiError::NoSuch("There is no such participant in your business.");
        assert_eq!((e.status(), e.code()), (404, "not_found"));
        assert!(e.body().error.message.contains("participant"));
    }
}
