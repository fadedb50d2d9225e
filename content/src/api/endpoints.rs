//! Every `/api` endpoint once: method, path, who may call it, and the request and response
//! types. The edge's route table is built from these constants, the app calls through them, and
//! the OpenAPI document is generated from them, so a path or a body type cannot differ between
//! the three.

pub use super::endpoint::{Access, Endpoint, Param, Route, operation_id};
use super::*;
use crate::model::Instrument;

const LANG: Param = Param {
    name: "lang",
    required: false,
    values: &["nb", "en"],
    pattern: "",
    description: "Language of the texts in a FHIR answer (default nb).",
};

const FORMAT: Param = Param {
    name: "format",
    required: false,
    values: &["json", "fhir"],
    pattern: "",
    description: "`fhir` answers a FHIR R4 resource (application/fhir+json) instead.",
};

// --- Anyone ----------------------------------------------------------------------------------

pub const HEALTH: Endpoint<Empty, Health> =
    Endpoint::get("/health", Access::Anyone).says("The edge is up; the D1 schema version.");
pub const OPENAPI: Endpoint<Empty, Document> =
    Endpoint::get("/openapi.json", Access::Anyone).says("This document.");
pub const INSTRUMENTS: Endpoint<Empty, InstrumentList> =
    Endpoint::get("/instruments", Access::Anyone).says("Every instrument at its current version.");
pub const INSTRUMENT: Endpoint<Empty, Instrument> =
    Endpoint::get("/instruments/{id}", Access::Anyone)
        .says("One instrument, as JSON or as a FHIR Questionnaire.")
        .query(&[FORMAT, LANG]);

// --- The end user ----------------------------------------------------------------------------

pub const LOGIN: Endpoint<LoginRequest, MeState> = Endpoint::post("/session", Access::Anyone)
    .says("Log in with an access code; sets the session cookie.")
    .errors(&[401, 429]);
pub const LOGOUT: Endpoint<Empty, LoggedOut> =
    Endpoint::delete("/session", Access::Anyone).says("End the end-user session, if any.");
pub const LINK: Endpoint<LinkRequest, MeState> = Endpoint::post("/session/link", Access::Anyone)
    .says("Log in on another device with a one-time link code.")
    .errors(&[401, 429]);
pub const ME: Endpoint<Empty, MeState> =
    Endpoint::get("/me", Access::User).says("The user's consent, progress, due items and inbox.");
pub const DELETE_ME: Endpoint<Empty, Deleted> =
    Endpoint::delete("/me", Access::User).says("Delete everything stored about the user.");
pub const CONSENT: Endpoint<ConsentRequest, MeState> = Endpoint::post("/me/consent", Access::User)
    .says("Share registrations with the business, or stop sharing.")
    .errors(&[409]);
pub const RENEWAL: Endpoint<RenewalRequest, MeState> =
    Endpoint::post("/me/consent/renewal", Access::User)
        .says("Answer \"are you still followed up by …?\".")
        .errors(&[409]);
pub const SUBMIT_RESPONSE: Endpoint<ResponseSubmit, ResponseStored> =
    Endpoint::post("/me/responses", Access::User)
        .says("Store a completed questionnaire (idempotent on its id).")
        .errors(&[409]);
pub const REMOVE_RESPONSE: Endpoint<Empty, Empty> =
    Endpoint::delete("/me/responses/{id}", Access::User)
        .ok(&[204])
        .says("Remove one of the user's registrations (idempotent; 404 if never theirs).");
pub const RESPONSES: Endpoint<Empty, ResponseHistory> =
    Endpoint::get("/me/responses", Access::User).says("The user's own responses, oldest first.");
pub const PROGRESS: Endpoint<ProgressSubmit, Stored> = Endpoint::post("/me/progress", Access::User)
    .says("Store progress of one tool step (idempotent on its id).")
    .errors(&[409]);
pub const CHANGE_CODE: Endpoint<Empty, CodeChanged> =
    Endpoint::post("/me/code", Access::User).says("Make a new pending code, shown once.");
pub const CONFIRM_CODE: Endpoint<CodeConfirm, Empty> =
    Endpoint::post("/me/code/confirm", Access::User)
        .ok(&[204])
        .says("Type the pending code back to make it the code.");
pub const DEVICE_LINK: Endpoint<Empty, DeviceLink> =
    Endpoint::post("/me/device-link", Access::User).says("Make a one-time link code.");
pub const EXPORT: Endpoint<Empty, Export> = Endpoint::get("/me/export", Access::User)
    .says("Everything stored about the user, as JSON or a FHIR Bundle.")
    .query(&[FORMAT, LANG]);
pub const ACCESS_LOG: Endpoint<Empty, AccessLog> =
    Endpoint::get("/me/access-log", Access::User).says("When staff read the user's data.");
pub const FEEDBACK: Endpoint<FeedbackRequest, Received> = Endpoint::post("/feedback", Access::User)
    .ok(&[201])
    .says("Send a suggestion or an evaluation.");

pub const MY_FEEDBACK: Endpoint<Empty, MyFeedback> = Endpoint::get("/me/feedback", Access::User)
    .says("The user's messages to the feedback desk and whether each is handled.");

// --- The private person (no session) ------------------------------------------------------

pub const REDEEM_VOUCHER: Endpoint<VoucherRedeem, NewCode> =
    Endpoint::post("/vouchers/redeem", Access::Anyone)
        .says("Redeem a voucher once for a fresh private access code, shown once.")
        .errors(&[404, 429]);
pub const PURCHASE_INFO: Endpoint<Empty, PurchaseInfo> = Endpoint::get("/purchase", Access::Anyone)
    .says("Whether card purchase is configured on this deployment.");
pub const PURCHASE_CHECKOUT: Endpoint<Empty, Checkout> =
    Endpoint::post("/purchase/checkout", Access::Anyone)
        .says("Start a card purchase: Stripe's payment page and a one-time claim token.")
        .errors(&[404, 429, 502]);
pub const PURCHASE_WEBHOOK: Endpoint<StripeEvent, WebhookReceived> =
    Endpoint::post("/purchase/webhook", Access::Anyone)
        .says("Stripe's checkout.session.completed event (authenticated by Stripe-Signature).")
        .errors(&[401, 404, 409]);
pub const PURCHASE_CLAIM: Endpoint<ClaimRequest, NewCode> =
    Endpoint::post("/purchase/claim", Access::Anyone)
        .says("Exchange a paid claim once for a fresh private access code.")
        .errors(&[404, 409, 429]);

// --- Staff -----------------------------------------------------------------------------------

pub const STAFF_PRELOGIN: Endpoint<StaffPrelogin, PreloginParams> =
    Endpoint::post("/staff/prelogin", Access::Anyone)
        .says("The Argon2id parameters for an e-mail (the same shape for any e-mail).")
        .errors(&[429]);
pub const STAFF_LOGIN: Endpoint<StaffLogin, StaffSession> =
    Endpoint::post("/staff/session", Access::Anyone)
        .says(
            "Staff login; sets the staff session cookie. 403 `totp_enrolment_required` when the \
             business requires an authenticator the account has not set up: the cookie then \
             opens only enrolment (`POST /staff/totp`, `/staff/totp/confirm`).",
        )
        .errors(&[401, 403, 429]);
pub const STAFF_SESSION: Endpoint<Empty, StaffSession> =
    Endpoint::get("/staff/session", Access::Staff).says("Who is logged in.");
pub const STAFF_LOGOUT: Endpoint<Empty, LoggedOut> =
    Endpoint::delete("/staff/session", Access::Anyone).says("End the staff session, if any.");
pub const TOTP_ENROL: Endpoint<TotpReauth, TotpEnrolment> =
    Endpoint::post("/staff/totp", Access::Staff)
        .says("Start setting up an authenticator (the password, and a current code if one is on).")
        .errors(&[429]);
pub const TOTP_CONFIRM: Endpoint<TotpCode, TotpStatus> =
    Endpoint::post("/staff/totp/confirm", Access::Staff)
        .says("Switch the authenticator on with its first code.")
        .errors(&[409]);
pub const TOTP_DISABLE: Endpoint<TotpReauth, TotpStatus> =
    Endpoint::post("/staff/totp/disable", Access::Staff)
        .says("Switch the authenticator off with the password and a current code.")
        .errors(&[429]);
pub const INVITE_INFO: Endpoint<InviteToken, InviteInfo> =
    Endpoint::post("/staff/invite/info", Access::Anyone)
        .says("The invited e-mail and the password parameters.")
        .errors(&[404]);
pub const INVITE_ACCEPT: Endpoint<AcceptInvite, StaffSession> =
    Endpoint::post("/staff/invite/accept", Access::Anyone)
        .says(
            "Set the password of an invited (or reset) account and log in; 403 \
             `totp_enrolment_required` as at login when the business requires an authenticator.",
        )
        .errors(&[403, 404, 409]);
pub const ISSUE_CODES: Endpoint<IssueCodes, IssuedCodes> =
    Endpoint::post("/staff/codes", Access::Role)
        .ok(&[201])
        .says("Issue access codes (professionals and super users).")
        .errors(&[409]);
pub const PARTICIPANTS: Endpoint<Empty, ParticipantsList> =
    Endpoint::get("/staff/participants", Access::Role)
        .says(
            "One page of the business's participants (professionals and super users); showing \
             a sharing participant's latest band or flags is audited.",
        )
        .query(&[
            Param {
                name: "q",
                required: false,
                values: &[],
                pattern: "^[0-9A-Za-z -]{0,12}$",
                description: "The start of a reference (1–4 symbols; case, spaces, dashes, O/0 and I/L/1 forgiven).",
            },
            Param {
                name: "filter",
                required: false,
                values: &["all", "sharing", "flagged", "due", "deleted"],
                pattern: "",
                description: "Only those sharing now, those sharing with the safety flag, those sharing with a questionnaire due, or the deletion registrations (default all).",
            },
            Param {
                name: "sort",
                required: false,
                values: &["issued", "last_active", "band"],
                pattern: "",
                description: "Newest code first (default), most recently active first, or most severe latest band first (sharing participants).",
            },
            Param {
                name: "page",
                required: false,
                values: &[],
                pattern: "^[1-9][0-9]{0,5}$",
                description: "The page, from 1 (default 1).",
            },
            Param {
                name: "per_page",
                required: false,
                values: &[],
                pattern: "^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$",
                description: "Rows a page, 1–200 (default 50).",
            },
        ]);
pub const PARTICIPANT: Endpoint<Empty, ParticipantDetail> =
    Endpoint::get("/staff/participants/{id}", Access::Role)
        .says("One consenting participant's registrations (audited).");
pub const ASSIGN: Endpoint<AssignmentRequest, Stored> =
    Endpoint::post("/staff/participants/{id}/assignments", Access::Role)
        .ok(&[201])
        .says("Send a tool or a questionnaire to a consenting participant.");
pub const WITHDRAW: Endpoint<Empty, Empty> = Endpoint::delete(
    "/staff/participants/{id}/assignments/{assignment}",
    Access::Role,
)
.ok(&[204])
.says("Withdraw an open assignment (409 once it is done).")
.errors(&[409]);
pub const STATS: Endpoint<Empty, Stats> = Endpoint::get("/staff/stats", Access::Role)
    .says("Suppressed statistics of a period.")
    .query(&[
        Param {
            name: "period",
            required: false,
            values: &[],
            pattern: r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$",
            description: "`YYYY-MM` or `YYYY-Qn` (default: this month).",
        },
        Param {
            name: "business",
            required: false,
            values: &[],
            pattern: "",
            description: "A tool manager: one business of their programme (default: the programme's report); 403 for any other.",
        },
    ]);
pub const STAFF_USERS: Endpoint<Empty, StaffUsers> =
    Endpoint::get("/staff/users", Access::Role).says("The business's staff (super users).");
pub const CHANGE_STAFF_USER: Endpoint<StaffUserRequest, StaffUserChanged> =
    Endpoint::post("/staff/users", Access::Role)
        .ok(&[200, 201])
        .says(
            "Invite (201), or deactivate, reactivate or reset (200) a staff account (super users).",
        )
        .errors(&[404, 409]);
pub const BUSINESS: Endpoint<Empty, BusinessView> = Endpoint::get("/staff/business", Access::Role)
    .says("The business's details as its patients see them (professionals and super users).");
pub const CHANGE_BUSINESS: Endpoint<BusinessDetails, BusinessView> =
    Endpoint::post("/staff/business", Access::Role)
        .says("Set the business's name, patient contact, address and web address (super users).");
pub const TOTP_POLICY: Endpoint<TotpPolicy, TotpPolicy> =
    Endpoint::post("/staff/business/totp", Access::Role)
        .says("Require an authenticator for every account of the business, or not (super users).")
        .errors(&[409]);
pub const STAFF_ME: Endpoint<Empty, StaffAccountData> = Endpoint::get("/staff/me", Access::Staff)
    .says("What is stored about the logged-in staff account, and the audit rows it caused.");
pub const STAFF_DELETE_ME: Endpoint<TotpReauth, Deleted> =
    Endpoint::post("/staff/me/delete", Access::Role)
        .says(
            "Delete the logged-in account (professionals and super users; the password and a \
             current code if one is on). 409 `last_super_user` for the business's last one.",
        )
        .errors(&[409, 429]);
pub const AUDIT: Endpoint<Empty, AuditLog> = Endpoint::get("/staff/audit", Access::Role)
    .says("Staff reads of individual data (super users).");

pub const STAFF_FEEDBACK: Endpoint<FeedbackRequest, Received> =
    Endpoint::post("/staff/feedback", Access::Staff)
        .ok(&[201])
        .says("Send a suggestion or an evaluation from staff (the e-mail is never attached).");
pub const FEEDBACK_DESK: Endpoint<Empty, FeedbackDesk> =
    Endpoint::get("/staff/feedback", Access::Role).says("Unhandled feedback (support; audited).");
pub const FEEDBACK_HANDLED: Endpoint<Empty, Empty> =
    Endpoint::post("/staff/feedback/{id}/handled", Access::Role)
        .ok(&[204])
        .says("Mark feedback handled: its text is erased at once (support).");

// --- Development only ------------------------------------------------------------------------

pub const DEV_CLOCK: Endpoint<DevClock, ClockState> = Endpoint::post("/dev/clock", Access::Dev);
pub const DEV_SEED: Endpoint<DevSeedRequest, DevSeed> = Endpoint::post("/dev/seed", Access::Dev);
pub const DEV_RETENTION: Endpoint<Empty, RetentionRun> =
    Endpoint::post("/dev/retention", Access::Dev);

/// Every endpoint, in the order of SPEC §6.
pub static ALL: &[&dyn Route] = &[
    &HEALTH,
    &OPENAPI,
    &INSTRUMENTS,
    &INSTRUMENT,
    &LOGIN,
    &LOGOUT,
    &LINK,
    &ME,
    &DELETE_ME,
    &CONSENT,
    &RENEWAL,
    &SUBMIT_RESPONSE,
    &REMOVE_RESPONSE,
    &RESPONSES,
    &PROGRESS,
    &CHANGE_CODE,
    &CONFIRM_CODE,
    &DEVICE_LINK,
    &EXPORT,
    &ACCESS_LOG,
    &FEEDBACK,
    &MY_FEEDBACK,
    &REDEEM_VOUCHER,
    &PURCHASE_INFO,
    &PURCHASE_CHECKOUT,
    &PURCHASE_WEBHOOK,
    &PURCHASE_CLAIM,
    &STAFF_PRELOGIN,
    &STAFF_LOGIN,
    &STAFF_SESSION,
    &STAFF_LOGOUT,
    &TOTP_ENROL,
    &TOTP_CONFIRM,
    &TOTP_DISABLE,
    &INVITE_INFO,
    &INVITE_ACCEPT,
    &ISSUE_CODES,
    &PARTICIPANTS,
    &PARTICIPANT,
    &ASSIGN,
    &WITHDRAW,
    &STATS,
    &STAFF_USERS,
    &CHANGE_STAFF_USER,
    &BUSINESS,
    &CHANGE_BUSINESS,
    &TOTP_POLICY,
    &STAFF_ME,
    &STAFF_DELETE_ME,
    &AUDIT,
    &STAFF_FEEDBACK,
    &FEEDBACK_DESK,
    &FEEDBACK_HANDLED,
    &DEV_CLOCK,
    &DEV_SEED,
    &DEV_RETENTION,
];

/// Whether a call to `url` (`/api/…`, with or without a query) with `method` is one that needs
/// a session (an end user's or a professional's). A 401 from such a call means the session has
/// ended; from any other call (a login) it means the code or password was wrong.
pub fn needs_session(method: &str, url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let Some(path) = path.strip_prefix("/api") else {
        return false;
    };
    ALL.iter().any(|route| {
        route.method() == method
            && matches!(route.access(), Access::User | Access::Staff | Access::Role)
            && path_matches(route.path(), path)
    })
}

/// `/me/responses/{id}` matches `/me/responses/abc`, not `/me/responses` or `/me/responses/a/b`.
fn path_matches(template: &str, path: &str) -> bool {
    let (mut t, mut p) = (template.split('/'), path.split('/'));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.starts_with('{') && !b.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_401_means_an_ended_session_only_where_a_session_is_needed() {
        assert!(needs_session("GET", "/api/me"));
        assert!(needs_session("POST", "/api/me/responses"));
        assert!(needs_session(
            "DELETE",
            "/api/me/responses/1b4e28ba-2fa1-11d2-883f-0016d3cca427"
        ));
        assert!(needs_session(
            "GET",
            "/api/staff/participants?filter=due&page=2"
        ));
        assert!(needs_session("GET", "/api/staff/session"));
        // Logins answer 401 for a wrong code or password: not an ended session.
        assert!(!needs_session("POST", "/api/session"));
        assert!(!needs_session("POST", "/api/session/link"));
        assert!(!needs_session("POST", "/api/staff/session"));
        assert!(!needs_session("POST", "/api/staff/prelogin"));
        assert!(!needs_session("GET", "/api/health"));
        assert!(!needs_session("GET", "/api/me/responses/x/y"));
        assert!(!needs_session("GET", "/me"));
    }

    #[test]
    fn url_fills_path_parameters_in_order() {
        assert_eq!(ME.url(&[]), "/api/me");
        assert_eq!(
            ASSIGN.url(&["p-1"]),
            "/api/staff/participants/p-1/assignments"
        );
        assert_eq!(PARTICIPANT.url(&["x"]), "/api/staff/participants/x");
    }

    #[test]
    fn operation_ids_are_method_and_path_words() {
        assert_eq!(operation_id("GET", "/me"), "GET_me");
        assert_eq!(
            operation_id("POST", "/me/code/confirm"),
            "POST_me_code_confirm"
        );
        assert_eq!(
            operation_id("POST", "/staff/participants/{id}/assignments"),
            "POST_staff_participants_id_assignments"
        );
        assert_eq!(operation_id("GET", "/openapi.json"), "GET_openapi_json");
    }

    #[test]
    fn every_endpoint_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for route in ALL {
            assert!(
                seen.insert((route.method(), route.path())),
                "{} {} twice",
                route.method(),
                route.path()
            );
            assert!(route.path().starts_with('/'));
        }
        assert_eq!(seen.len(), 56);
    }
}
