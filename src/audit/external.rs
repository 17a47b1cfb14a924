//! `kepu check --audit --external`: asks the other sites that pages link
//! to whether each link still works. Every address is asked once (a GET,
//! redirects not followed, the body not read) within `audit.link_timeout`;
//! at most `audit.link_concurrency` hosts are asked at once, and requests to
//! one host are `audit.host_pause_ms` apart, so that no site is hammered.
//! The client is ureq: small and blocking, which a few threads suit; hyper
//! (already here for `kepu serve`) has no TLS of its own, and reqwest would
//! bring a second HTTP stack with it.

use super::Findings;
use crate::config;
use crate::error::Diagnostic;
use crate::messages::msg;
use crate::model::Site;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// How the sites are asked.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub timeout: Duration,
    pub concurrency: usize,
    pub host_pause: Duration,
}

impl Settings {
    pub fn of(audit: &config::Audit) -> Self {
        Settings {
            timeout: Duration::from_secs(audit.link_timeout.into()),
            concurrency: audit.link_concurrency as usize,
            host_pause: Duration::from_millis(audit.host_pause_ms.into()),
        }
    }
}

/// A link to another site, where it is written.
#[derive(Debug, Clone)]
pub struct Link<'s> {
    pub url: &'s str,
    pub file: &'s Path,
    pub line: usize,
    pub column: usize,
}

/// Every link of the site's pages and sections to another site.
pub fn links(site: &Site) -> Vec<Link<'_>> {
    let pages = site.pages.iter().map(|p| (&p.source.file, &p.rendered));
    let sections = site.sections.iter().map(|s| (&s.source.file, &s.rendered));
    pages
        .chain(sections)
        .flat_map(|(file, rendered)| {
            rendered.external_links.iter().map(move |link| Link {
                url: &link.url,
                file,
                line: link.line,
                column: link.column,
            })
        })
        .collect()
}

/// What asking for an address found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Works,
    /// No answer: refused, no such host, a broken connection.
    Unreachable(String),
    /// No answer within the time-out.
    Slow,
    /// 404 or 410.
    Gone(u16),
    ServerError(u16),
    /// 301 or 308, to this address.
    Moved(String),
}

/// Asks for every address of `links` and reports each link that does not
/// simply work, at the place it is written.
pub fn check(links: &[Link], settings: &Settings) -> Findings {
    let verdicts = ask_all(links.iter().map(|link| link.url), settings);
    let mut findings = Findings::default();
    for link in links {
        let Some(verdict) = verdicts.get(link.url) else {
            continue;
        };
        let (message, hint, code) = match verdict {
            Verdict::Works => continue,
            Verdict::Unreachable(reason) => (
                msg!("audit-link-unreachable", url = link.url, reason = reason.as_str()),
                msg!("audit-link-dead-hint"),
                "dead-link",
            ),
            Verdict::Gone(status) => (
                msg!("audit-link-gone", url = link.url, status = *status),
                msg!("audit-link-dead-hint"),
                "dead-link",
            ),
            Verdict::Slow => (
                msg!(
                    "audit-link-slow",
                    url = link.url,
                    seconds = settings.timeout.as_secs()
                ),
                msg!("audit-link-slow-hint"),
                "slow-link",
            ),
            Verdict::ServerError(status) => (
                msg!("audit-link-server-error", url = link.url, status = *status),
                msg!("audit-link-slow-hint"),
                "link-server-error",
            ),
            Verdict::Moved(to) => (
                msg!("audit-link-moved", url = link.url, location = to.as_str()),
                msg!("audit-link-moved-hint", location = to.as_str()),
                "moved-link",
            ),
        };
        let problem = Diagnostic::new(link.file, message)
            .at(link.line, Some(link.column))
            .hint(hint)
            .code(code);
        match verdict {
            Verdict::Moved(_) => findings.warnings.push(problem),
            _ => findings.errors.push(problem),
        }
    }
    findings
}

/// The verdict on each address of `urls`, asked once each: hosts are
/// taken in turn by at most `concurrency` threads, each asking one host's
/// addresses one after the other, `host_pause` apart.
fn ask_all<'u>(urls: impl Iterator<Item = &'u str>, settings: &Settings) -> HashMap<&'u str, Verdict> {
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for url in urls {
        let addresses = by_host.entry(host(url)).or_default();
        if !addresses.contains(&url) {
            addresses.push(url);
        }
    }
    let hosts = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let verdicts = Mutex::new(HashMap::new());
    let agent = agent(settings.timeout);
    let threads = settings
        .concurrency
        .clamp(1, hosts.lock().map_or(1, |h| h.len().max(1)));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(addresses) = hosts.lock().ok().and_then(|mut hosts| hosts.pop()) {
                    for (index, url) in addresses.into_iter().enumerate() {
                        if index > 0 {
                            std::thread::sleep(settings.host_pause);
                        }
                        let verdict = ask(&agent, url);
                        if let Ok(mut verdicts) = verdicts.lock() {
                            verdicts.insert(url, verdict);
                        }
                    }
                }
            });
        }
    });
    verdicts.into_inner().unwrap_or_default()
}

/// The host (and port) of `url`, which its requests are paced by.
fn host(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    authority.rsplit('@').next().unwrap_or("").to_ascii_lowercase()
}

fn agent(timeout: Duration) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("kepu/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build();
    ureq::Agent::new_with_config(config)
}

fn ask(agent: &ureq::Agent, url: &str) -> Verdict {
    match agent.get(url).call() {
        Ok(response) => {
            let status = response.status().as_u16();
            match status {
                301 | 308 => {
                    let location = response.headers().get("location");
                    let location = location.and_then(|l| l.to_str().ok()).unwrap_or("");
                    Verdict::Moved(resolve(url, location))
                }
                404 | 410 => Verdict::Gone(status),
                500..=599 => Verdict::ServerError(status),
                _ => Verdict::Works,
            }
        }
        Err(ureq::Error::Timeout(_)) => Verdict::Slow,
        Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => Verdict::Slow,
        Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            Verdict::Unreachable(msg!("audit-link-refused"))
        }
        Err(ureq::Error::HostNotFound) => Verdict::Unreachable(msg!("audit-link-no-host")),
        Err(other) => Verdict::Unreachable(other.to_string()),
    }
}

/// `location` (a redirect's target) as an absolute address, read from `url`.
fn resolve(url: &str, location: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let origin_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..origin_end]);
    if location.contains("://") {
        location.to_string()
    } else if let Some(path) = location.strip_prefix("//") {
        format!("{scheme}://{path}")
    } else if location.starts_with('/') {
        format!("{origin}{location}")
    } else {
        let path = &rest[origin_end..];
        let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
        format!("{origin}{dir}{location}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_redirect_targets() {
        assert_eq!(host("https://User@Example.org:8080/a?b"), "example.org:8080");
        assert_eq!(resolve("http://a.org/x/y", "/z"), "http://a.org/z");
        assert_eq!(resolve("http://a.org/x/y", "z"), "http://a.org/x/z");
        assert_eq!(resolve("https://a.org/x", "//b.org/c"), "https://b.org/c");
        assert_eq!(resolve("https://a.org/x", "https://c.org/"), "https://c.org/");
    }
}
