//! The end user's own data: `GET /api/me`, code change, device link, export, access log and
//! "delete everything".

use crate::{
    clock, codes, consent,
    crypto::{self, Secret},
    db,
    error::ApiError,
    http,
    participant::{self, Participant},
    registrations,
    router::Ctx,
    session::{self, Kind},
};
use content::{
    api::{
        AccessLog, AccessLogEntry, AssignmentKind, BusinessView, CodeChanged, CodeConfirm,
        DeviceLink, Export, InboxItem, MeState,
    },
    code::Code,
    due, plans,
    retention::{self, DEVICE_LINK_TTL_MS},
    time::{date_of, format_ms},
};
use futures_util::future::try_join5;
use serde::Deserialize;
use worker::Response;

/// The state of `GET /api/me`, also the answer to login and consent changes.
pub async fn state(ctx: &Ctx, p: &Participant, now: i64) -> Result<MeState, ApiError> {
    // Five independent reads, in flight together: one D1 round trip of waiting, not five.
    let business = async {
        Ok::<_, ApiError>(match &p.business_id {
            Some(id) => ctx
                .db()?
                .prepare("SELECT name FROM businesses WHERE id = ?1")
                .bind(&[db::s(id)])?
                .first::<String>(Some("name"))
                .await?
                .map(|name| BusinessView { name }),
            None => None,
        })
    };
    let due = async {
        Ok::<_, ApiError>(match p.plan.as_deref().and_then(plans::get) {
            Some(plan) => {
                let done = registrations::completion_times(ctx, &p.id).await?;
                due::due(plan, p.first_login_at.unwrap_or(p.issued_at), &done, now)
            }
            None => Vec::new(),
        })
    };
    let (consent, business, progress, due, inbox) = try_join5(
        consent::current(ctx, &p.id, now),
        business,
        registrations::progress_view(ctx, p),
        due,
        inbox(ctx, &p.id),
    )
    .await?;
    Ok(MeState {
        consent: consent.view(),
        business,
        progress,
        due,
        inbox,
    })
}

#[derive(Deserialize)]
struct AssignmentRow {
    id: String,
    kind: String,
    tool: Option<String>,
    part: Option<String>,
    instrument: Option<String>,
    sent_at: i64,
    done_at: Option<i64>,
}

pub async fn inbox(ctx: &Ctx, participant_id: &str) -> Result<Vec<InboxItem>, ApiError> {
    let rows = ctx
        .db()?
        .prepare(
            "SELECT id, kind, tool, part, instrument, sent_at, done_at FROM assignments \
             WHERE participant_id = ?1 ORDER BY sent_at DESC",
        )
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<AssignmentRow>()?;
    Ok(rows
        .into_iter()
        .map(|r| InboxItem {
            id: r.id,
            kind: if r.kind == "questionnaire" {
                AssignmentKind::Questionnaire
            } else {
                AssignmentKind::Content
            },
            tool: r.tool,
            part: r.part,
            instrument: r.instrument,
            sent_at: format_ms(r.sent_at),
            done_at: r.done_at.map(format_ms),
        })
        .collect())
}

pub async fn get(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&state(&ctx, &p, now).await?)
}

/// Step one of a code change: a new code, shown once, stored only as its keyed hash in
/// `pending_codes` (a second call replaces it). Nothing else changes: the old code and every
/// session keep working, so a person who closes the tab before writing the new code down is
/// not locked out. The reference stays, so the business keeps recognising the participant.
pub async fn change_code(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let code = codes::generate()?;
    ctx.db()?
        .prepare(
            "INSERT INTO pending_codes (participant_id, code_hash, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (participant_id) DO UPDATE SET code_hash = excluded.code_hash, \
             created_at = excluded.created_at",
        )
        .bind(&[db::s(&p.id), db::s(&codes::hash(&ctx, &code)?), db::n(now)])?
        .run()
        .await?;
    http::ok(&CodeChanged {
        code: code.to_string(),
        expires_at: format_ms(retention::pending_code_expires_at_ms(now)),
    })
}

#[derive(Deserialize)]
struct PendingRow {
    code_hash: String,
    created_at: i64,
}

fn code_expired() -> ApiError {
    ApiError::unprocessable(
        "code_expired",
        format!(
            "There is no new code to confirm, or it has expired: a new code must be confirmed \
             within {} minutes. The old code still works; make a new code to try again.",
            retention::PENDING_CODE_TTL_MS / content::time::MINUTE_MS
        ),
    )
}

fn code_mismatch() -> ApiError {
    ApiError::unprocessable(
        "code_mismatch",
        "`code` must be the new code made by POST /api/me/code, typed back to confirm it.",
    )
}

/// Step two: the pending code typed back (normalised like a login code) before it expires.
/// Then, in one batch, the pending code becomes the code, and every session and device-link
/// code of the participant ends; a new session starts for this device (204 with its cookie).
pub async fn confirm_code(mut ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    // Authenticate before reading the body: an anonymous caller learns nothing about it.
    let p = participant::current(&ctx, now).await?;
    let body: CodeConfirm = http::read_json(&mut ctx.req).await?;
    let db = ctx.db()?;
    let pending = db
        .prepare("SELECT code_hash, created_at FROM pending_codes WHERE participant_id = ?1")
        .bind(&[db::s(&p.id)])?
        .first::<PendingRow>(None)
        .await?;
    let Some(pending) = pending else {
        return Err(code_expired());
    };
    if !retention::pending_code_valid(pending.created_at, now) {
        // Never usable again: drop it now rather than wait for the daily job.
        db.prepare("DELETE FROM pending_codes WHERE participant_id = ?1 AND created_at = ?2")
            .bind(&[db::s(&p.id), db::n(pending.created_at)])?
            .run()
            .await?;
        return Err(code_expired());
    }
    let typed = match Code::parse(&body.code) {
        Ok(code) => Some(codes::hash(&ctx, &code)?),
        Err(_) => None,
    };
    if !typed.is_some_and(|hash| crypto::ct_eq(&hash, &pending.code_hash)) {
        return Err(code_mismatch());
    }
    let id = db::s(&p.id);
    db.batch(vec![
        db.prepare("UPDATE participants SET code_hash = ?2 WHERE id = ?1")
            .bind(&[id.clone(), db::s(&pending.code_hash)])?,
        db.prepare("DELETE FROM pending_codes WHERE participant_id = ?1")
            .bind(std::slice::from_ref(&id))?,
        session::end_all_statement(&db, Kind::Participant, &p.id)?,
        // A link code made before the change would otherwise still open the account.
        db.prepare("DELETE FROM device_links WHERE participant_id = ?1")
            .bind(std::slice::from_ref(&id))?,
    ])
    .await?;
    let cookie = session::start(&ctx, Kind::Participant, &p.id, now).await?;
    let resp = Response::empty()?.with_status(204);
    Ok(session::with_cookie(resp, &cookie))
}

/// Link codes: 10 Crockford symbols shown as `XXXXX-XXXXX` (50 bits, 15 minutes, single use,
/// throttled like codes).
fn new_link_code() -> Result<String, ApiError> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = crypto::random::<10>()?;
    let symbols: String = bytes
        .iter()
        .map(|b| ALPHABET[(b & 31) as usize] as char)
        .collect();
    Ok(format!("{}-{}", &symbols[..5], &symbols[5..]))
}

/// Forgiving like access codes: case, spaces and dashes, O→0, I/L→1.
pub fn normalise_link_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .take(32)
        .collect()
}

pub async fn device_link(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let link = new_link_code()?;
    let hash = crypto::keyed(
        &ctx,
        Secret::Code,
        &format!("link:{}", normalise_link_code(&link)),
    )?;
    ctx.db()?
        .prepare(
            "INSERT INTO device_links (link_hash, participant_id, created_at) VALUES (?1, ?2, ?3)",
        )
        .bind(&[db::s(&hash), db::s(&p.id), db::n(now)])?
        .run()
        .await?;
    http::ok(&DeviceLink {
        link_code: link,
        expires_at: format_ms(now + DEVICE_LINK_TTL_MS),
    })
}

#[derive(Deserialize)]
struct AccessRow {
    at: i64,
    business: String,
}

async fn access_entries(ctx: &Ctx, participant_id: &str) -> Result<Vec<AccessLogEntry>, ApiError> {
    let rows = ctx
        .db()?
        .prepare(
            "SELECT a.at AS at, b.name AS business FROM audit a JOIN businesses b ON b.id = a.business_id \
             WHERE a.participant_id = ?1 ORDER BY a.at DESC",
        )
        .bind(&[db::s(participant_id)])?
        .all()
        .await?
        .results::<AccessRow>()?;
    Ok(rows
        .into_iter()
        .map(|r| AccessLogEntry {
            date: date_of(r.at),
            business: r.business,
        })
        .collect())
}

pub async fn access_log(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    http::ok(&AccessLog {
        entries: access_entries(&ctx, &p.id).await?,
    })
}

pub async fn export(ctx: Ctx) -> Result<Response, ApiError> {
    let format = http::query(&ctx.req, "format").unwrap_or_else(|| "json".into());
    let lang = http::query(&ctx.req, "lang")
        .and_then(|l| content::Lang::from_tag(&l))
        .unwrap_or_default();
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let responses = registrations::stored_responses(&ctx, &p.id).await?;
    let resp = match format.as_str() {
        "json" => {
            let consent_now = consent::current(&ctx, &p.id, now).await?;
            let events = consent::events(&ctx, &p.id).await?;
            http::json_response(
                200,
                &Export {
                    exported_at: format_ms(now),
                    consent: consent_now.view(),
                    consent_events: events.iter().map(|e| e.to_api()).collect(),
                    progress: registrations::progress_view(&ctx, &p).await?,
                    responses,
                    access_log: access_entries(&ctx, &p.id).await?,
                },
            )
        }
        "fhir" => {
            let bundle = content::fhir::export_bundle(&responses, lang, Some(&format_ms(now)))
                .map_err(|e| ApiError::Internal(format!("fhir: {e}")))?;
            let resp = http::json_response(200, &bundle);
            let _ = resp
                .headers()
                .set("content-type", "application/fhir+json; charset=utf-8");
            resp
        }
        _ => {
            return Err(ApiError::unprocessable(
                "invalid_format",
                "format must be json or fhir",
            ));
        }
    };
    let _ = resp.headers().set(
        "content-disposition",
        &format!(
            "attachment; filename=\"mestring-{format}-{}.json\"",
            date_of(now)
        ),
    );
    Ok(resp)
}

/// P8: every row of the participant goes, in one atomic batch; a deletion registration
/// (reference + date) stays for the business, and staff audit rows lose the participant id.
pub fn erase_statements(
    db: &worker::D1Database,
    p: &Participant,
    now: i64,
    reason: &str,
) -> Result<Vec<worker::D1PreparedStatement>, ApiError> {
    let id = db::s(&p.id);
    let mut statements = vec![db
        .prepare("INSERT INTO deletions (business_id, reference, deleted_at, reason) VALUES (?1, ?2, ?3, ?4)")
        .bind(&[db::opt(p.business_id.as_deref()), db::s(&p.reference), db::n(now), db::s(reason)])?];
    for table in [
        "responses",
        "progress",
        "consent_events",
        "assignments",
        "device_links",
        "pending_codes",
        "feedback",
    ] {
        statements.push(
            db.prepare(format!("DELETE FROM {table} WHERE participant_id = ?1"))
                .bind(std::slice::from_ref(&id))?,
        );
    }
    statements.push(
        db.prepare("UPDATE audit SET participant_id = NULL WHERE participant_id = ?1")
            .bind(std::slice::from_ref(&id))?,
    );
    statements.push(session::end_all_statement(db, Kind::Participant, &p.id)?);
    statements.push(
        db.prepare("DELETE FROM participants WHERE id = ?1")
            .bind(&[id])?,
    );
    Ok(statements)
}

pub async fn delete(ctx: Ctx) -> Result<Response, ApiError> {
    let now = clock::now_ms(&ctx).await?;
    let p = participant::current(&ctx, now).await?;
    let db = ctx.db()?;
    db.batch(erase_statements(&db, &p, now, "user")?).await?;
    let resp = http::json_response(200, &serde_json::json!({ "deleted": true }));
    Ok(session::with_cookie(
        resp,
        &session::clear_cookie(Kind::Participant),
    ))
}

#[cfg(test)]
mod tests {
    use super::normalise_link_code;

    #[test]
    fn link_codes_are_forgiving() {
        assert_eq!(normalise_link_code("abcd0-oil12"), "ABCD001112");
        assert_eq!(normalise_link_code(" 12345 - 6789A "), "123456789A");
    }
}
