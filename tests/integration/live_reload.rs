//! Live reload in a real browser: headless Chromium, driven over the
//! DevTools protocol (a WebSocket carrying JSON), opens a served page; the
//! test edits the page's Markdown and sees the new text appear without
//! reloading the page itself, breaks the front matter and sees the
//! problems overlay (in the site's language, Chinese), fixes it and sees
//! the overlay go.
//!
//! Without Chromium the test is skipped with a notice, except under
//! `CI=true`, where a missing browser is a failure.

use crate::common::webdriver::Browser as WebDriver;
use crate::common::{Server, Site, browser_available, raw_request};
use crate::integration::photos::{add_recap_with_photo, large_photo, photo_site, wait_for_photos};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

#[test]
fn live_reload_and_the_problems_overlay_in_chromium() {
    let Some(chromium) = find_chromium() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but Chromium is not installed (apt-get install chromium)"
        );
        eprintln!("notice: Chromium not found; skipping the browser test");
        return;
    };
    let site = Site::fixture("basic");
    // The site is Chinese, and so is the overlay.
    let server = Server::start_in(&site, "zh", &[]);
    let browser = Browser::start(&chromium);
    let mut page = browser.open(&format!("{}tips/drink-water/", server.url));
    page.wait_for(
        "the page listens for changes",
        "document.documentElement.dataset.kepuLive === 'connected'",
    );
    assert!(page.eval_bool("document.body.innerText.includes('多喝水。')"));

    site.edit("content/tips/drink-water.md", "多喝水。", "多喝温开水。");
    page.wait_for("the new text", "document.body.innerText.includes('多喝温开水。')");

    site.edit("content/tips/drink-water.md", "tags: [健康]", "tags: [健康");
    page.wait_for(
        "the problems overlay",
        "(document.getElementById('kepu-problems')?.innerText ?? '').includes('drink-water.md:')",
    );
    let overlay = page.eval("document.getElementById('kepu-problems').innerText");
    let overlay = overlay.as_str().unwrap_or_default();
    for words in [
        "kepu：网站没有构建成功（仍在显示上一次构建成功的版本）",
        "错误：content/tips/drink-water.md:",
        "提示：",
        "1 个错误，",
    ] {
        assert!(overlay.contains(words), "{words}: {overlay}");
    }
    assert!(
        page.eval_bool("document.body.innerText.includes('多喝温开水。')"),
        "last good page"
    );

    site.edit("content/tips/drink-water.md", "tags: [健康", "tags: [健康]");
    page.wait_for(
        "the overlay to go",
        "document.getElementById('kepu-problems') === null",
    );
    assert!(page.eval_bool("document.body.innerText.includes('多喝温开水。')"));
}

#[test]
fn a_page_reloads_to_show_its_new_photo_once_made_in_chromium() {
    if !browser_available() {
        return;
    }
    let site = photo_site();
    let server = Server::start(&site, &[]);
    wait_for_photos(&server, 3);
    let browser = WebDriver::start();
    // A 24-megapixel photo: seconds to encode, so the page is there first.
    add_recap_with_photo(&site, large_photo(6000, 4000));
    server.wait_for("rebuilt in");
    browser.goto(&format!("{}events/new-day/", server.url));
    let photo = "document.querySelector('picture img')";
    let before = browser.eval(&format!(
        "window.kepuBefore = true; const img = {photo}; return [img.complete, img.naturalWidth];"
    ));
    assert_eq!(
        before,
        serde_json::json!([true, 0]),
        "the photo showed before it was made"
    );
    browser.wait_for(
        "return document.documentElement.dataset.kepuLive === 'connected'",
        Duration::from_secs(30),
    );
    let made = wait_for_photos(&server, 1);
    assert!(made[0].contains("new-day/big.jpg"), "{made:?}");
    // The page reloaded (its marker is gone) and shows the photo.
    let shown = browser.wait_for(
        &format!(
            "const img = {photo}; return window.kepuBefore === undefined && img.complete && img.naturalWidth"
        ),
        Duration::from_secs(30),
    );
    assert!(shown.as_u64().is_some_and(|w| w >= 480), "{shown}");
}

fn find_chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// A headless Chromium with its DevTools endpoint on a free port.
struct Browser {
    child: Child,
    devtools: std::net::SocketAddr,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(chromium: &PathBuf) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Chromium starts");
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let line = crate::common::wait_for_line(&receiver, "DevTools listening on ws://");
        let devtools = line
            .split("ws://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|address| address.parse().ok())
            .expect("a DevTools address");
        Browser {
            child,
            devtools,
            _profile: profile,
        }
    }

    /// Opens `url` in a new tab and connects to it.
    fn open(&self, url: &str) -> Tab {
        let response = raw_request(
            self.devtools,
            &format!(
                "PUT /json/new?{url} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.devtools
            ),
        );
        let target: serde_json::Value = serde_json::from_slice(&response.body).expect("a target");
        let ws = target["webSocketDebuggerUrl"].as_str().expect("a debugger URL");
        let (socket, _) = tungstenite::connect(ws).expect("connects to the tab");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        Tab { socket, next_id: 1 }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser tab, driven over its DevTools WebSocket.
struct Tab {
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Tab {
    /// Evaluates `expression` in the page; its value as JSON.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let id = self.next_id;
        self.next_id += 1;
        let command = serde_json::json!({
            "id": id,
            "method": "Runtime.evaluate",
            "params": { "expression": expression, "returnByValue": true },
        });
        self.socket.send(Message::text(command.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.socket.read().expect("an answer") else {
                continue;
            };
            let answer: serde_json::Value = serde_json::from_str(&text).unwrap();
            if answer["id"] == id {
                return answer["result"]["result"]["value"].clone();
            }
        }
    }

    fn eval_bool(&mut self, expression: &str) -> bool {
        self.eval(expression) == serde_json::Value::Bool(true)
    }

    /// Polls until `expression` is true (the page may reload meanwhile).
    fn wait_for(&mut self, what: &str, expression: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.eval_bool(expression) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let text = self.eval("document.documentElement.outerHTML");
        panic!("waited in vain for {what}; the page:\n{text}");
    }
}
