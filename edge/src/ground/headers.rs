//! Security headers for every API response. Static assets get the same set from `_headers`
//! (written by the app build from the same constant), because assets never run the worker.

use content::headers::SECURITY_HEADERS;
use worker::Response;

pub fn secure(resp: Response) -> Response {
    let headers = resp.headers();
    for (name, value) in SECURITY_HEADERS {
        let _ = headers.set(name, value);
    }
    if headers.get("cache-control").ok().flatten().is_none() {
        let _ = headers.set("cache-control", "no-store");
    }
    resp
}
