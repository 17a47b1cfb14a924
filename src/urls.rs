//! URL helpers: readable Unicode URLs made strict for XML consumers (feeds,
//! sitemap), percent-decoding of paths editors paste from a browser, and
//! relative references resolved against a page's URL (for feed content,
//! which is read away from the page), and links carried from the preview
//! server's address to the public one.

use crate::messages::msg;
use std::borrow::Cow;
use std::fmt::Write;

/// An IRI as a URI (RFC 3987 §3.1): non-ASCII characters and the few ASCII
/// characters that are never allowed in a URI are percent-encoded as UTF-8;
/// everything else, `%` included, is kept.
pub fn iri_to_uri(iri: &str) -> Cow<'_, str> {
    let needs_encoding = |b: u8| !b.is_ascii_graphic() || b"\"<>\\^`{|}".contains(&b);
    if !iri.bytes().any(needs_encoding) {
        return Cow::Borrowed(iri);
    }
    let mut uri = String::with_capacity(iri.len() * 2);
    for c in iri.chars() {
        if c.is_ascii() && !needs_encoding(c as u8) {
            uri.push(c);
        } else {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                // Writing to a String cannot fail.
                let _ = write!(uri, "%{byte:02X}");
            }
        }
    }
    Cow::Owned(uri)
}

/// A path as kepu compares paths of content files: percent-escapes decoded
/// (`%E5%96%9D` → `喝`, kept as written when malformed) and Unicode in NFC
/// (macOS writes file names decomposed, editors type them composed).
pub fn comparable_path(path: &str) -> String {
    nfc(&percent_decode(path).unwrap_or_else(|| path.to_string()))
}

/// `text` in Unicode's composed form (NFC), as file names are compared.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfc().collect()
}

/// `%E5%81%A5` → `健`; `None` when an escape is malformed or the bytes are
/// not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `reference` (as found in an `href` or `src`) resolved against the
/// absolute URL `base`, following RFC 3986 §5.2 for the forms that occur in
/// pages: absolute URLs and other schemes stay, `//host/x`, `/x`, `?q`, `#a`
/// and relative paths with `.` and `..` are made absolute.
pub fn resolve(base: &str, reference: &str) -> String {
    if reference.is_empty() {
        return base.to_string();
    }
    if has_scheme(reference) {
        return reference.to_string();
    }
    let (scheme, after_scheme) = base.split_once("://").unwrap_or(("https", base));
    let authority_end = after_scheme.find('/').unwrap_or(after_scheme.len());
    let origin = &base[..scheme.len() + 3 + authority_end];
    let base_path = strip_query_and_fragment(&after_scheme[authority_end..]);
    if reference.starts_with("//") {
        return format!("{scheme}:{reference}");
    }
    if reference.starts_with('#') {
        return format!("{}{reference}", base.split('#').next().unwrap_or(base));
    }
    if reference.starts_with('?') {
        return format!("{origin}{base_path}{reference}");
    }
    let (path, suffix) = reference
        .find(['?', '#'])
        .map_or((reference, ""), |i| reference.split_at(i));
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{path}")
    };
    format!("{origin}{}{suffix}", remove_dot_segments(&joined))
}

/// `mailto:`, `https:`, `data:`…: a scheme is letters, digits, `+-.` before
/// the first `:`, which comes before any `/`, `?` or `#`.
fn has_scheme(reference: &str) -> bool {
    match reference.find([':', '/', '?', '#']) {
        Some(i) if reference.as_bytes()[i] == b':' && i > 0 => reference[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)),
        _ => false,
    }
}

fn strip_query_and_fragment(path: &str) -> &str {
    path.find(['?', '#']).map_or(path, |i| &path[..i])
}

/// `/a/./b/../c` → `/a/c`, keeping a trailing slash.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    format!("/{}", segments.join("/"))
}

/// An alias as a site path: `/old/path/` (a folder, written as
/// `old/path/index.html`) or `/old/page.html` (that very file). Paths pasted
/// from a browser's address bar are percent-decoded; the error is a hint.
pub fn normalise_alias(alias: &str) -> std::result::Result<String, String> {
    let example = || msg!("alias-example");
    let alias = alias.trim();
    if alias.contains("://") {
        return Err(msg!("alias-full-address", example = example()));
    }
    let decoded = percent_decode(alias).ok_or_else(|| msg!("alias-bad-escapes", example = example()))?;
    if decoded.starts_with("//") {
        return Err(msg!("alias-other-site", example = example()));
    }
    if let Some(scheme) = url_scheme(&decoded) {
        return Err(msg!("alias-scheme", scheme = scheme, example = example()));
    }
    let trimmed = decoded.trim_matches('/');
    let bad_segment = trimmed
        .split('/')
        .any(|segment| matches!(segment, "" | "." | ".."));
    if bad_segment || decoded.contains(['?', '#', '\\']) || decoded.chars().any(char::is_control) {
        return Err(msg!("alias-bad-segment", example = example()));
    }
    Ok(if trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        format!("/{trimmed}")
    } else {
        format!("/{trimmed}/")
    })
}

/// The scheme of an address written without `//` (`javascript:alert(1)`,
/// `mailto:a@b.org`): letters, digits, `+`, `-`, `.` before the first `:`,
/// starting with a letter.
fn url_scheme(text: &str) -> Option<&str> {
    let (scheme, _) = text.trim_start_matches('/').split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then_some(scheme)
}

/// True for a URL within this site: a relative or absolute path, or an
/// `#anchor`; not a URL with a scheme (`https:`, `mailto:`) or a host (`//`).
pub fn is_in_site(url: &str) -> bool {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with("//") && !before_path.contains(':')
}

/// The site's two base URLs: the one pages link to (`kepu serve`'s local
/// address while previewing) and the public one, which whatever leaves the
/// browser must carry. Equal in a build.
#[derive(Debug, Clone, Copy)]
pub struct Bases<'a> {
    pub local: &'a str,
    pub public: &'a str,
}

impl Bases<'_> {
    /// `url` at the public address when it is one of the site's local URLs.
    pub fn public<'u>(&self, url: &'u str) -> Cow<'u, str> {
        match url.strip_prefix(self.local) {
            Some(rest) if self.local != self.public => Cow::Owned(format!("{}{rest}", self.public)),
            _ => Cow::Borrowed(url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_normalised_site_paths() {
        assert_eq!(normalise_alias("/old/path/").unwrap(), "/old/path/");
        assert_eq!(normalise_alias("old/path").unwrap(), "/old/path/");
        assert_eq!(normalise_alias("/2019/a.html").unwrap(), "/2019/a.html");
        assert_eq!(
            normalise_alias("/tags/%E5%81%A5%E5%BA%B7/").unwrap(),
            "/tags/健康/"
        );
        for bad in [
            "/",
            "https://mp.example.com/s/x",
            "/a/../b/",
            "/a?x=1",
            "/a//b/",
            "/%E5/",
            "javascript:alert(1)",
            "/javascript:alert(1)",
            "JavaScript%3Aalert(1)",
            "mailto:a@b.org",
            "//evil.example/",
            "data:text/html,x",
        ] {
            assert!(normalise_alias(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn chinese_paths_become_percent_encoded_utf8() {
        assert_eq!(
            iri_to_uri("https://e.org/kexie/tags/健康/"),
            "https://e.org/kexie/tags/%E5%81%A5%E5%BA%B7/"
        );
        assert!(matches!(iri_to_uri("https://e.org/a/"), Cow::Borrowed(_)));
        assert_eq!(iri_to_uri("https://e.org/a b"), "https://e.org/a%20b");
        assert_eq!(iri_to_uri("https://e.org/%E5"), "https://e.org/%E5");
    }

    #[test]
    fn percent_decoding_reverses_encoding() {
        assert_eq!(
            percent_decode("/tags/%E5%81%A5%E5%BA%B7/").as_deref(),
            Some("/tags/健康/")
        );
        assert_eq!(percent_decode("/plain/").as_deref(), Some("/plain/"));
        assert_eq!(percent_decode("/bad/%E5"), None);
        assert_eq!(percent_decode("/bad/%zz/"), None);
    }

    #[test]
    fn references_resolve_against_the_page_url() {
        let base = "https://e.org/kexie/events/robot/";
        assert_eq!(
            resolve(base, "poster.svg"),
            "https://e.org/kexie/events/robot/poster.svg"
        );
        assert_eq!(resolve(base, "../other/"), "https://e.org/kexie/events/other/");
        assert_eq!(
            resolve(base, "./a/../b.png?x=1#y"),
            "https://e.org/kexie/events/robot/b.png?x=1#y"
        );
        assert_eq!(resolve(base, "/images/a.jpg"), "https://e.org/images/a.jpg");
        assert_eq!(
            resolve(base, "#为什么"),
            "https://e.org/kexie/events/robot/#为什么"
        );
        assert_eq!(
            resolve(base, "?page=2"),
            "https://e.org/kexie/events/robot/?page=2"
        );
        assert_eq!(resolve(base, "//cdn.org/x.js"), "https://cdn.org/x.js");
        assert_eq!(resolve(base, "https://x.org/a"), "https://x.org/a");
        assert_eq!(resolve(base, "mailto:a@e.org"), "mailto:a@e.org");
        assert_eq!(resolve(base, "../../../../x"), "https://e.org/x");
        assert_eq!(resolve("https://e.org", "a"), "https://e.org/a");
        assert_eq!(resolve(base, "a:b/c"), "a:b/c");
        assert_eq!(resolve(base, "./x:y"), "https://e.org/kexie/events/robot/x:y");
    }

    #[test]
    fn local_links_are_carried_to_the_public_address() {
        let bases = Bases {
            local: "http://127.0.0.1:1111/kexie/",
            public: "https://example.org/kexie/",
        };
        assert_eq!(
            bases.public("http://127.0.0.1:1111/kexie/tips/a/#x"),
            "https://example.org/kexie/tips/a/#x"
        );
        assert_eq!(bases.public("https://who.int/zh"), "https://who.int/zh");
        assert_eq!(
            bases.public("http://127.0.0.1:1111/other/"),
            "http://127.0.0.1:1111/other/"
        );
    }
}
