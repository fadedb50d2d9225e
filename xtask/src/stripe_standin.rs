//! A local stand-in for the one Stripe call the edge makes (`POST /v1/checkout/sessions`), for
//! the test run only: Stripe itself cannot be reached from here. It checks what the edge must
//! send (a bearer key, a form with a price, a client reference and the two URLs, and no
//! customer or e-mail) and answers like Stripe with a session whose `url` is a page of its own.
//! `GET /last` gives the last form body received, so a test can see exactly what left the edge.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    sync::{Arc, Mutex},
    thread,
};

/// The values the test run gives the worker (`wrangler dev --var`) and the tests.
pub const SECRET_KEY: &str = "sk_test_mestring_local_standin";
pub const PRICE: &str = "price_test_mestring_local";

pub struct StandIn {
    pub port: u16,
    pub webhook_secret: String,
}

/// Listens on a free loopback port for as long as the process lives.
pub fn start(webhook_secret: String) -> Result<StandIn, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let last = Arc::new(Mutex::new(String::new()));
    thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let last = Arc::clone(&last);
            thread::spawn(move || {
                let _ = serve(conn, port, &last);
            });
        }
    });
    Ok(StandIn {
        port,
        webhook_secret,
    })
}

fn serve(conn: TcpStream, port: u16, last: &Mutex<String>) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut length = 0usize;
    let mut bearer = false;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        let (name, value) = h.split_once(':').unwrap_or((&h, ""));
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "authorization" => bearer = value.trim() == format!("Bearer {SECRET_KEY}"),
            _ => {}
        }
    }
    let mut body = vec![0u8; length.min(64 * 1024)];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8_lossy(&body).to_string();
    let (status, answer) = match (method, path) {
        ("POST", "/v1/checkout/sessions") if !bearer => (
            401,
            r#"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}"#
                .to_string(),
        ),
        ("POST", "/v1/checkout/sessions") => {
            let fields: Vec<(&str, &str)> = body
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .collect();
            let has = |k: &str| fields.iter().any(|(n, v)| *n == k && !v.is_empty());
            let ok = has("mode")
                && has("line_items%5B0%5D%5Bprice%5D")
                && has("client_reference_id")
                && has("success_url")
                && has("cancel_url")
                && !body.contains("customer")
                && !body.contains("email");
            if let Ok(mut l) = last.lock() {
                *l = body.clone();
            }
            if ok {
                let id = format!("cs_test_{}", fields.len() * 7919 + body.len());
                (
                    200,
                    format!(
                        r#"{{"id":"{id}","object":"checkout.session","url":"http://127.0.0.1:{port}/pay/{id}"}}"#
                    ),
                )
            } else {
                (
                    400,
                    r#"{"error":{"type":"invalid_request_error","message":"bad form"}}"#.into(),
                )
            }
        }
        ("GET", "/last") => (200, last.lock().map(|l| l.clone()).unwrap_or_default()),
        ("GET", p) if p.starts_with("/pay/") => (
            200,
            "<!doctype html><title>Stand-in payment page</title><p>Stand-in payment page".into(),
        ),
        _ => (404, "{}".into()),
    };
    let mut out = conn;
    write!(
        out,
        "HTTP/1.1 {status} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        if answer.starts_with('<') {
            "text/html"
        } else {
            "application/json"
        },
        answer.len()
    )?;
    out.flush()
}
