//! The local front of the dev server: a small HTTP/1.1 relay on the public port, in front of
//! `wrangler dev` on a private one, doing for local runs what Cloudflare does in production.
//!
//! `wrangler dev` keeps a `CF-Connecting-IP` that the client sent (it sets one from the socket
//! only when none is there) and lets a client choose `request.cf` through `MF-CF-Blob`, so a
//! caller could pick its own throttle key. The front takes every `CF-*` and `MF-*` header (and
//! the other client-address headers) off the request, sets `CF-Connecting-IP` to the address
//! the connection really comes from, and adds `X-Mestring-Front` with the key the worker has
//! in `MESTRING_FRONT_KEY` (`.dev.vars`), so the worker believes only addresses the front set
//! (`edge/src/records/throttle.rs::source`). One request per connection (`Connection: close`
//! both ways), so no later request on a connection passes unrewritten.

use std::{
    io::{self, BufRead, BufReader, Read, Write},
    net::{Shutdown, TcpListener, TcpStream},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    thread,
    time::Duration,
};

/// The header that carries the front's key to the worker.
pub const KEY_HEADER: &str = "x-mestring-front";
/// A request or response head larger than this is refused.
const MAX_HEAD: usize = 64 * 1024;

pub struct Front {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl Front {
    pub fn stop(&self) {
        if !self.stop.swap(true, Ordering::SeqCst) {
            // Wake the accept loop so it sees the flag.
            let _ = TcpStream::connect(("127.0.0.1", self.port));
        }
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Listens on `127.0.0.1:port` and relays every request to `127.0.0.1:upstream`.
pub fn start(port: u16, upstream: u16, key: String) -> Result<Front, String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("the dev server's front on port {port}: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let key = Arc::new(key);
    thread::spawn(move || {
        for conn in listener.incoming() {
            if flag.load(Ordering::SeqCst) {
                break;
            }
            let Ok(client) = conn else { continue };
            let key = Arc::clone(&key);
            thread::spawn(move || {
                let _ = relay(client, upstream, &key);
            });
        }
    });
    Ok(Front { port, stop })
}

/// How the request body ends.
#[derive(Debug, PartialEq)]
enum Body {
    None,
    Length(u64),
    Chunked,
}

/// The request head as it goes upstream, and how its body is framed.
#[derive(Debug)]
struct Head {
    text: String,
    body: Body,
}

/// Whether a client's header is taken off before the request goes on: client-address claims,
/// the runtime's own control headers, the front's key, and hop-by-hop headers.
fn dropped(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("cf-")
        || name.starts_with("mf-")
        || name == KEY_HEADER
        || [
            "x-forwarded-for",
            "x-real-ip",
            "true-client-ip",
            "forwarded",
            "connection",
            "keep-alive",
            "proxy-connection",
            "upgrade",
            "expect",
            "te",
        ]
        .contains(&name.as_str())
}

/// Pure: the rewritten request head, from the client's head (without its blank line).
fn rewrite_request(head: &str, peer: &str, key: &str) -> Result<Head, &'static str> {
    let mut lines = head.split("\r\n");
    let request_line = lines.next().ok_or("no request line")?;
    if request_line.split(' ').count() != 3 {
        return Err("bad request line");
    }
    let mut out = format!("{request_line}\r\n");
    let mut length = None;
    let mut chunked = false;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or("bad header line")?;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err("bad header name");
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n: u64 = value.parse().map_err(|_| "bad content-length")?;
            if length.is_some_and(|m| m != n) {
                return Err("two content-lengths");
            }
            length = Some(n);
        }
        if name.eq_ignore_ascii_case("transfer-encoding") {
            if !value.eq_ignore_ascii_case("chunked") {
                return Err("unsupported transfer-encoding");
            }
            chunked = true;
        }
        if !dropped(name) {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    let body = match (length, chunked) {
        (Some(_), true) => return Err("both content-length and chunked"),
        (Some(0) | None, false) => Body::None,
        (Some(n), false) => Body::Length(n),
        (None, true) => Body::Chunked,
    };
    out.push_str(&format!(
        "cf-connecting-ip: {peer}\r\n{KEY_HEADER}: {key}\r\nconnection: close\r\n\r\n"
    ));
    Ok(Head { text: out, body })
}

/// Pure: the response head as it goes back to the client, with `Connection: close`.
fn rewrite_response(head: &str) -> String {
    let mut out = String::new();
    for (i, line) in head.split("\r\n").enumerate() {
        let name = line
            .split_once(':')
            .map(|(n, _)| n.trim().to_ascii_lowercase());
        if i > 0 && matches!(name.as_deref(), Some("connection" | "keep-alive")) {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("connection: close\r\n\r\n");
    out
}

/// Reads up to the blank line that ends a head; the head (without it) and what followed.
fn read_head(stream: &mut impl Read) -> io::Result<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buf.split_off(end + 4);
            buf.truncate(end);
            let head = String::from_utf8(buf)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "head is not UTF-8"))?;
            return Ok((head, rest));
        }
        if buf.len() > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too large"));
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Copies exactly one body of the given framing from `from` to `to`.
fn copy_body(from: &mut impl BufRead, to: &mut impl Write, body: &Body) -> io::Result<()> {
    match body {
        Body::None => Ok(()),
        Body::Length(n) => {
            let copied = io::copy(&mut from.take(*n), to)?;
            if copied == *n {
                Ok(())
            } else {
                Err(io::Error::new(io::ErrorKind::UnexpectedEof, "short body"))
            }
        }
        Body::Chunked => loop {
            let mut line = String::new();
            if from.read_line(&mut line)? == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "short chunk"));
            }
            to.write_all(line.as_bytes())?;
            let size = line.trim_end().split(';').next().unwrap_or("").trim();
            let size = u64::from_str_radix(size, 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
            if size == 0 {
                // Trailers, up to the blank line.
                loop {
                    let mut trailer = String::new();
                    if from.read_line(&mut trailer)? == 0 {
                        return Ok(());
                    }
                    to.write_all(trailer.as_bytes())?;
                    if trailer == "\r\n" || trailer == "\n" {
                        return Ok(());
                    }
                }
            }
            // The data and its CRLF.
            let want = size + 2;
            if io::copy(&mut from.take(want), to)? != want {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "short chunk"));
            }
        },
    }
}

fn refuse(client: &mut TcpStream, status: &str) {
    let _ = write!(
        client,
        "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    );
}

fn relay(mut client: TcpStream, upstream: u16, key: &str) -> io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(60)))?;
    let peer = client.peer_addr()?.ip().to_string();
    let (head, rest) = match read_head(&mut client) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            refuse(&mut client, "400 Bad Request");
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let head = match rewrite_request(&head, &peer, key) {
        Ok(head) => head,
        Err(_) => {
            refuse(&mut client, "400 Bad Request");
            return Ok(());
        }
    };
    let mut server = match TcpStream::connect(("127.0.0.1", upstream)) {
        Ok(s) => s,
        Err(_) => {
            refuse(&mut client, "502 Bad Gateway");
            return Ok(());
        }
    };
    server.set_read_timeout(Some(Duration::from_secs(300)))?;
    server.write_all(head.text.as_bytes())?;
    // The body goes up on its own thread, so an early answer never waits for it.
    let mut body_in = BufReader::new(io::Cursor::new(rest).chain(client.try_clone()?));
    let mut body_out = server.try_clone()?;
    let body = head.body;
    let uploader = thread::spawn(move || copy_body(&mut body_in, &mut body_out, &body));

    let (response_head, response_rest) = read_head(&mut server)?;
    client.write_all(rewrite_response(&response_head).as_bytes())?;
    client.write_all(&response_rest)?;
    io::copy(&mut server, &mut client)?;
    client.flush()?;
    let _ = client.shutdown(Shutdown::Both);
    let _ = server.shutdown(Shutdown::Both);
    let _ = uploader.join();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_address_claims_are_replaced_by_the_socket_address() {
        let head = "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nCF-Connecting-IP: 1.2.3.4\r\n\
                    MF-CF-Blob: {\"clientIp\":\"9.9.9.9\"}\r\nX-Forwarded-For: 5.6.7.8\r\n\
                    X-Mestring-Front: guess\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n\
                    Content-Length: 12";
        let out = rewrite_request(head, "127.0.0.9", "k3y").expect("a head");
        assert_eq!(out.body, Body::Length(12));
        let text = out.text.to_ascii_lowercase();
        for gone in ["1.2.3.4", "9.9.9.9", "5.6.7.8", "guess", "keep-alive"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert!(text.starts_with("post /api/session http/1.1\r\n"));
        assert!(text.contains("\r\ncf-connecting-ip: 127.0.0.9\r\n"));
        assert!(text.contains("\r\nx-mestring-front: k3y\r\n"));
        assert!(text.contains("\r\ncontent-type: application/json\r\n"));
        assert!(text.ends_with("connection: close\r\n\r\n"));
    }

    #[test]
    fn ambiguous_framing_is_refused() {
        let both = "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked";
        assert!(rewrite_request(both, "127.0.0.1", "k").is_err());
        let two = "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4";
        assert!(rewrite_request(two, "127.0.0.1", "k").is_err());
        let gzip = "POST / HTTP/1.1\r\nTransfer-Encoding: gzip";
        assert!(rewrite_request(gzip, "127.0.0.1", "k").is_err());
        let chunked = "POST / HTTP/1.1\r\ntransfer-encoding: chunked";
        assert_eq!(
            rewrite_request(chunked, "127.0.0.1", "k").expect("ok").body,
            Body::Chunked
        );
        // Any method token passes: the runtime decides what it knows.
        assert!(rewrite_request("FOO /api/me HTTP/1.1\r\nHost: x", "127.0.0.1", "k").is_ok());
    }

    #[test]
    fn a_chunked_body_is_copied_to_its_end_and_no_further() {
        let input = b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n";
        let mut from = BufReader::new(&input[..]);
        let mut to = Vec::new();
        copy_body(&mut from, &mut to, &Body::Chunked).expect("a body");
        assert_eq!(to, b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n");
        let mut to = Vec::new();
        copy_body(
            &mut BufReader::new(&b"abcdef"[..]),
            &mut to,
            &Body::Length(4),
        )
        .expect("4");
        assert_eq!(to, b"abcd");
    }

    #[test]
    fn the_response_closes_the_connection() {
        let out =
            rewrite_response("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2");
        assert_eq!(
            out,
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nconnection: close\r\n\r\n"
        );
    }
}
