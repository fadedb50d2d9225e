//! The one error type of the edge, mapped once to an HTTP status and the JSON error shape of SPEC §6.

use content::api::ErrorBody;
use worker::Response;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("No such endpoint.")]
    NotFound,
    #[error("This endpoint does not accept that method.")]
    MethodNotAllowed,
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
    /// The password was right; the account also needs its authenticator code.
    #[error("Type the six-digit code from your authenticator app.")]
    TotpRequired,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("Too many attempts. Please wait {retry_after} seconds and try again.")]
    TooManyRequests { retry_after: u32 },
    /// Storage or runtime failure. The detail is logged without request data, never sent.
    #[error("Something went wrong on our side. Please try again.")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound => 404,
            ApiError::MethodNotAllowed => 405,
            ApiError::MalformedJson(_) => 400,
            ApiError::InvalidBody(_) | ApiError::Unprocessable { .. } => 422,
            ApiError::Unauthorized | ApiError::TotpRequired => 401,
            ApiError::Forbidden(_) => 403,
            ApiError::Conflict { .. } => 409,
            ApiError::TooManyRequests { .. } => 429,
            ApiError::UnsupportedMediaType => 415,
            ApiError::PayloadTooLarge { .. } => 413,
            ApiError::Internal(_) => 500,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::InvalidBody(_) => "invalid_body",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::Unprocessable { code, .. } | ApiError::Conflict { code, .. } => code,
            ApiError::Unauthorized => "unauthorized",
            ApiError::TotpRequired => "totp_required",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody::new(self.code(), self.to_string())
    }

    pub fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            // Only the error kind and the runtime's message: never a request body, code or IP.
            worker::console_error!("internal error: {detail}");
        }
        let resp = crate::http::json_response(self.status(), &self.body());
        if let ApiError::TooManyRequests { retry_after } = self {
            let _ = resp
                .headers()
                .set("retry-after", &retry_after.max(1).to_string());
        }
        resp
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
