//! Live reload: open pages listen on a Server-Sent Events stream. After a
//! rebuild they get the list of changed files: a page whose own HTML
//! changed reloads, changed stylesheets are swapped in place, and a failed
//! build shows its problems in an overlay until a good build removes it.
//! Photos made after their page was served reload the pages showing them.

use crate::error::Diagnostic;
use crate::messages::say;
use crate::report::Reporter;
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::Response;
use hyper::body::Frame;
use hyper::header::{self, HeaderValue};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use tokio::sync::mpsc;

/// Where pages connect; outside any site path (kepu never writes `__kepu`).
pub const EVENTS_PATH: &str = "/__kepu/events";

/// Past this many changed files every page reloads, rather than sending
/// a list longer than the pages themselves.
const MAX_LISTED_CHANGES: usize = 2000;

/// Events queued per page before a slow page misses some.
const QUEUE: usize = 16;

/// The script injected into every page while serving.
pub fn script() -> String {
    format!(
        "<script data-kepu-live-reload>{}</script>",
        include_str!("live_reload.js").replace("__EVENTS_PATH__", EVENTS_PATH)
    )
}

/// The pages listening, and the problems of the last build if it failed
/// (sent to pages that connect meanwhile).
#[derive(Default)]
pub struct LiveReload {
    clients: Mutex<Vec<mpsc::Sender<Bytes>>>,
    problems: Mutex<Option<Bytes>>,
}

impl LiveReload {
    /// A new event stream for one page.
    pub fn subscribe(&self) -> Response<http_body_util::combinators::BoxBody<Bytes, Infallible>> {
        let (sender, receiver) = mpsc::channel(QUEUE);
        // A page reconnects quickly after the server restarts.
        let _ = sender.try_send(Bytes::from_static(b"retry: 500\n\n"));
        if let Some(problems) = lock(&self.problems).clone() {
            let _ = sender.try_send(problems);
        }
        lock(&self.clients).push(sender);
        let mut response = Response::new(EventStream(receiver).boxed());
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/event-stream; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    /// Tells pages what a good build changed (output paths, relative).
    pub fn send_update(&self, changed: &[String], base_path: &str) {
        *lock(&self.problems) = None;
        let reload_all = changed.len() > MAX_LISTED_CHANGES || changed.iter().any(|p| affects_every_page(p));
        let listed: Vec<String> = if reload_all {
            Vec::new()
        } else {
            changed.iter().map(|p| format!("{base_path}{p}")).collect()
        };
        let data = serde_json::json!({ "changed": listed, "reload_all": reload_all });
        self.broadcast(event("update", &data));
    }

    /// Tells pages that photo renditions were made (output paths,
    /// relative): each page that shows one reloads, the others stay.
    pub fn send_photos(&self, made: &[String], base_path: &str) {
        let listed: Vec<String> = made.iter().map(|p| format!("{base_path}{p}")).collect();
        self.broadcast(event("photos", &serde_json::json!({ "made": listed })));
    }

    /// Shows a failed build's problems on every open page: a title, the
    /// problems as `reporter` prints them (grouped), and the count line
    /// (with the build's `warnings`, which the terminal shows). The
    /// problems' places go too, for tools.
    pub fn send_problems(&self, errors: &[Diagnostic], warnings: usize, reporter: &Reporter) {
        let list: Vec<serde_json::Value> = errors
            .iter()
            .map(|d| {
                serde_json::json!({
                    "file": d.file.display().to_string(),
                    "line": d.line,
                    "column": d.column,
                    "message": d.message,
                    "hint": d.hint,
                })
            })
            .collect();
        let entries: Vec<String> = reporter
            .entries(errors, &[])
            .iter()
            .map(|entry| entry.trim_end().to_string())
            .collect();
        let data = serde_json::json!({
            "title": say(reporter.lang, "serve-overlay-title", &[]),
            "entries": entries,
            "count": reporter.count(errors.len(), warnings),
            "problems": list,
        });
        let message = event("problems", &data);
        *lock(&self.problems) = Some(message.clone());
        self.broadcast(message);
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        lock(&self.clients).len()
    }

    fn broadcast(&self, message: Bytes) {
        lock(&self.clients).retain(|client| match client.try_send(message.clone()) {
            Ok(()) | Err(mpsc::error::TrySendError::Full(_)) => true,
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        });
    }
}

/// Changed files that may show on any page: scripts, images, fonts. Feeds,
/// sitemaps and search indexes (xml, json, txt) do not.
fn affects_every_page(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    !matches!(extension, "html" | "css" | "xml" | "json" | "txt")
}

fn event(name: &str, data: &serde_json::Value) -> Bytes {
    Bytes::from(format!("event: {name}\ndata: {data}\n\n"))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A response body that stays open and sends each queued event.
struct EventStream(mpsc::Receiver<Bytes>);

impl hyper::body::Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|event| event.map(|bytes| Ok(Frame::data(bytes))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_assets_reload_every_page() {
        assert!(!affects_every_page("tips/a/index.html"));
        assert!(!affects_every_page("css/style.css"));
        assert!(!affects_every_page("sitemap.xml"));
        assert!(affects_every_page("js/app.js"));
        assert!(affects_every_page("images/a.png"));
    }

    #[test]
    fn script_points_at_the_event_stream() {
        let script = script();
        assert!(script.contains(EVENTS_PATH));
        assert!(script.starts_with("<script") && script.ends_with("</script>"));
    }
}
