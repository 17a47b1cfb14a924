//! The HTTP side of `kepu serve`: hyper (HTTP/1.1) on tokio serves the
//! in-memory site. Each connection is its own task, so slow or stalled
//! clients never hold up others, and a client that does not finish its
//! request headers in time is dropped. Only GET and HEAD are answered.
//!
//! A request path is resolved against the map of output files, never
//! against the file system: `..`, encoded slashes or dots, backslashes and
//! NUL bytes are refused outright, and anything not in the map is a 404.

use super::live::{EVENTS_PATH, LiveReload};
use super::served::{Served, ServedFile};
use crate::files;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How long a client may take to send its request headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the server shares with the rebuild loop.
pub struct SiteState {
    pub site: RwLock<Arc<Served>>,
    pub live: LiveReload,
    /// Only files under this folder (canonical) are ever read from disk.
    pub root: PathBuf,
    /// The `Host` values answered (this machine's, on a loopback address).
    pub hosts: super::host::AllowedHosts,
}

impl SiteState {
    pub fn current(&self) -> Arc<Served> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn publish(&self, site: Served) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
    }

    /// Puts `outputs` into the served site, in place unless a request is
    /// reading it; returns the paths whose files changed.
    pub fn put(&self, outputs: Vec<files::Output>) -> Vec<String> {
        let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
        Arc::make_mut(&mut site).put(outputs)
    }

    /// Notes the new versions of the served copies of `files`; returns the
    /// paths whose files changed.
    pub fn refresh(&self, files: &[PathBuf]) -> Vec<String> {
        let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
        Arc::make_mut(&mut site).refresh(files)
    }
}

type Body = BoxBody<Bytes, Infallible>;

/// Accepts connections until the future is dropped.
pub async fn run(listener: tokio::net::TcpListener, state: Arc<SiteState>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors and the like: wait, then go on.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let state = Arc::clone(&state);
        let connection = http.serve_connection(
            TokioIo::new(stream),
            hyper::service::service_fn(move |request| {
                let state = Arc::clone(&state);
                async move { Ok::<_, Infallible>(respond(&state, request).await) }
            }),
        );
        tokio::spawn(async move {
            // A client going away mid-request is not the server's problem.
            let _ = connection.await;
        });
    }
}

async fn respond(state: &SiteState, request: Request<Incoming>) -> Response<Body> {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if !state.hosts.allows(host) {
        return plain(StatusCode::FORBIDDEN, state.hosts.refusal(host));
    }
    // hyper leaves out the body of answers to HEAD itself.
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    if request.uri().path() == EVENTS_PATH {
        return state.live.subscribe();
    }
    let site = state.current();
    match resolve(&site, request.uri().path()) {
        Resolved::File(path) => file_response(state, &site, &path, StatusCode::OK).await,
        Resolved::Redirect(location) => redirect(&location),
        Resolved::NotFound => not_found(state, &site).await,
    }
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// An output path of the site (`tips/a/index.html`).
    File(String),
    /// A folder asked for without its trailing slash, or the bare host of
    /// a site under a sub-path.
    Redirect(String),
    NotFound,
}

/// Resolves a raw (still percent-encoded) request path against the site.
pub fn resolve(site: &Served, raw_path: &str) -> Resolved {
    let Some(segments) = decode_segments(raw_path) else {
        return Resolved::NotFound;
    };
    let joined = segments.join("/");
    let base = site.base_path.trim_matches('/');
    let rest = if base.is_empty() {
        Some(joined.as_str())
    } else if joined == base {
        if !raw_path.ends_with('/') {
            return Resolved::Redirect(site.base_path.clone());
        }
        Some("")
    } else {
        joined.strip_prefix(base).and_then(|r| r.strip_prefix('/'))
    };
    let Some(rest) = rest else {
        return if joined.is_empty() {
            Resolved::Redirect(site.base_path.clone())
        } else {
            Resolved::NotFound
        };
    };
    let wants_folder = rest.is_empty() || raw_path.ends_with('/');
    let file = if wants_folder && !rest.is_empty() {
        format!("{rest}/index.html")
    } else if rest.is_empty() {
        "index.html".to_string()
    } else {
        rest.to_string()
    };
    if site.files.contains_key(&file) {
        Resolved::File(file)
    } else if !wants_folder && site.files.contains_key(&format!("{rest}/index.html")) {
        Resolved::Redirect(format!("{raw_path}/"))
    } else {
        Resolved::NotFound
    }
}

/// The decoded path segments, or `None` for anything that could step
/// outside the site or alias another path: `.`/`..` (plain or encoded),
/// encoded slashes, backslashes, NUL bytes, empty segments, bad UTF-8.
fn decode_segments(raw_path: &str) -> Option<Vec<String>> {
    let inner = raw_path.strip_prefix('/')?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner
        .split('/')
        .map(|segment| {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8().ok()?;
            let unsafe_segment = decoded.is_empty()
                || decoded == "."
                || decoded == ".."
                || decoded.contains(['/', '\\', '\0']);
            (!unsafe_segment).then(|| decoded.into_owned())
        })
        .collect()
}

async fn file_response(state: &SiteState, site: &Served, path: &str, status: StatusCode) -> Response<Body> {
    let bytes = match site.files.get(path) {
        Some(ServedFile::Bytes(bytes)) => Some(Bytes::from_owner(Arc::clone(bytes))),
        Some(ServedFile::Copy { from, .. }) => read_inside(&state.root, from).await,
        None => None,
    };
    let Some(bytes) = bytes else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let mut response = Response::new(Full::new(bytes).boxed());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(path)));
    // A preview must always show the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Reads a copied file, unless it (or a symlink on the way) leads outside
/// the site folder.
async fn read_inside(root: &Path, file: &Path) -> Option<Bytes> {
    let real = tokio::fs::canonicalize(file).await.ok()?;
    if !real.starts_with(root) {
        return None;
    }
    tokio::fs::read(real).await.ok().map(Bytes::from)
}

async fn not_found(state: &SiteState, site: &Served) -> Response<Body> {
    if site.files.contains_key("404.html") {
        file_response(state, site, "404.html", StatusCode::NOT_FOUND).await
    } else {
        plain(StatusCode::NOT_FOUND, "not found\n")
    }
}

fn redirect(location: &str) -> Response<Body> {
    let mut response = plain(StatusCode::MOVED_PERMANENTLY, "");
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn plain(status: StatusCode, text: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Full::new(text.into()).boxed());
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The `Content-Type` of a file by its extension; text types say UTF-8.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        // Event calendars (event.ics, events.ics): calendar apps open them.
        "ics" => "text/calendar; charset=utf-8",
        // The theme's feed.xsl, which browsers show feeds with.
        "xsl" | "xslt" => "text/xsl; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Output;

    fn site(base_path: &str) -> Served {
        Served::new(
            vec![
                Output::bytes("index.html", "home"),
                Output::bytes("tips/index.html", "tips"),
                Output::bytes("tips/喝水/index.html", "tip"),
                Output::bytes("css/style.css", "css"),
            ],
            base_path,
        )
    }

    #[test]
    fn folders_index_files_and_redirects() {
        let s = site("/");
        assert_eq!(resolve(&s, "/"), Resolved::File("index.html".into()));
        assert_eq!(resolve(&s, "/tips/"), Resolved::File("tips/index.html".into()));
        assert_eq!(resolve(&s, "/tips"), Resolved::Redirect("/tips/".into()));
        assert_eq!(
            resolve(&s, "/css/style.css"),
            Resolved::File("css/style.css".into())
        );
        assert_eq!(
            resolve(&s, "/tips/%E5%96%9D%E6%B0%B4/"),
            Resolved::File("tips/喝水/index.html".into())
        );
        assert_eq!(resolve(&s, "/nope/"), Resolved::NotFound);
        assert_eq!(resolve(&s, "/css/style.css/"), Resolved::NotFound);
    }

    #[test]
    fn sub_path_sites_live_under_their_base_path() {
        let s = site("/kexie/");
        assert_eq!(
            resolve(&s, "/kexie/tips/"),
            Resolved::File("tips/index.html".into())
        );
        assert_eq!(resolve(&s, "/kexie/"), Resolved::File("index.html".into()));
        assert_eq!(resolve(&s, "/kexie"), Resolved::Redirect("/kexie/".into()));
        assert_eq!(resolve(&s, "/"), Resolved::Redirect("/kexie/".into()));
        assert_eq!(resolve(&s, "/tips/"), Resolved::NotFound);
        assert_eq!(resolve(&s, "/kexietips/"), Resolved::NotFound);
    }

    #[test]
    fn paths_that_could_leave_the_site_are_not_found() {
        let s = site("/");
        for path in [
            "/../etc/passwd",
            "/tips/../css/style.css",
            "/%2e%2e/etc/passwd",
            "/tips/%2E%2E/css/style.css",
            "/css%2fstyle.css",
            "/css%2Fstyle.css",
            "/css\\style.css",
            "/css%5cstyle.css",
            "/css/style.css%00",
            "/css/%00",
            "//etc/passwd",
            "/./css/style.css",
            "/%ff/",
            "etc/passwd",
        ] {
            assert_eq!(resolve(&s, path), Resolved::NotFound, "{path}");
        }
    }

    #[test]
    fn text_types_say_utf8() {
        for (path, expected) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("s.CSS", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("search.json", "application/json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("a.webp", "image/webp"),
            ("f.woff2", "font/woff2"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }
}
