//! Finding the site's files on disk (content, templates, static files), with
//! one policy for all of them: hidden files and editor leftovers are
//! skipped; a symbolic link is followed only while it stays inside the site
//! root, and a link out of the site, a broken link or a loop is an error
//! (the build never reads outside the site); folders are walked in name
//! order so builds are deterministic.

use crate::error::Diagnostic;
use crate::messages::msg;

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file found under a walked folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Relative to the walked folder, with `/` separators: `tips/a.md`.
    pub rel_path: String,
    pub file: PathBuf,
}

/// Every file under `dir` that may be read (none if `dir` does not exist),
/// and a problem for each link or folder that could not be followed.
pub fn walk(dir: &Path, site_root: &Path) -> (Vec<FoundFile>, Vec<Diagnostic>) {
    let walked = walk_noting_leftovers(dir, site_root);
    (walked.found, walked.problems)
}

/// What a walk found.
pub struct Walked {
    pub found: Vec<FoundFile>,
    pub problems: Vec<Diagnostic>,
    /// Editor and merge-tool leftovers skipped (`x.md.bak`, `x.md~`), as
    /// paths relative to the walked folder, for the build to name.
    pub leftovers: Vec<String>,
}

/// [`walk`], also naming the editor leftovers it skipped (hidden files
/// are skipped silently).
pub fn walk_noting_leftovers(dir: &Path, site_root: &Path) -> Walked {
    let mut walked = Walked {
        found: Vec::new(),
        problems: Vec::new(),
        leftovers: Vec::new(),
    };
    if std::fs::symlink_metadata(dir).is_err() {
        return walked;
    }
    let root = match site_root.canonicalize() {
        Ok(root) => root,
        Err(e) => {
            let problem = Diagnostic::new(site_root, msg!("site-folder-unreadable", error = e.to_string()));
            walked.problems.push(problem);
            return walked;
        }
    };
    let Walked {
        found,
        problems,
        leftovers,
    } = &mut walked;
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && is_ignored(&name) {
                if !name.starts_with('.') {
                    leftovers.push(relative(dir, entry.path()));
                }
                return false;
            }
            // Such a name would lose its unreadable part in the page's
            // address: refused, with the file left out. The lossy name is
            // a copy exactly when the name is not UTF-8 (no second check).
            if entry.depth() > 0 && matches!(name, std::borrow::Cow::Owned(_)) {
                problems.push(not_utf8_name(entry));
                return false;
            }
            if entry.depth() == 0 || entry.path_is_symlink() {
                if let Err(problem) = stays_inside(entry.path(), &root) {
                    problems.push(problem);
                    return false;
                }
            }
            true
        });
    // The walker borrows `problems` through the filter; its own errors are
    // gathered apart and appended after.
    let mut walk_problems = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => found.push(FoundFile {
                rel_path: relative(dir, entry.path()),
                file: entry.path().to_path_buf(),
            }),
            Ok(_) => {}
            Err(err) => walk_problems.push(walk_error(dir, &root, &err)),
        }
    }
    problems.append(&mut walk_problems);
    walked
}

/// Checks that `path`, with every link resolved, is inside `root` (canonical).
fn stays_inside(path: &Path, root: &Path) -> Result<(), Diagnostic> {
    match path.canonicalize() {
        Ok(target) if target.starts_with(root) => Ok(()),
        Ok(target) => Err(Diagnostic::new(
            path,
            msg!("link-outside-site", target = target.display().to_string()),
        )
        .hint(msg!("link-outside-site-hint"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Diagnostic::new(path, msg!("link-broken")).hint(msg!("link-broken-hint")))
        }
        Err(e) => Err(
            Diagnostic::new(path, msg!("link-unfollowable", error = e.to_string()))
                .hint(msg!("link-unfollowable-hint")),
        ),
    }
}

/// A file or folder whose name is not UTF-8 (GBK names from old Windows
/// archives): an error at its folder, showing the name as GBK reads it (if
/// it does) and its bytes, with a hint to rename it.
fn not_utf8_name(entry: &walkdir::DirEntry) -> Diagnostic {
    let bytes = name_bytes(entry.file_name());
    let shown = escaped(&bytes);
    let what = if entry.file_type().is_dir() {
        msg!("name-folder")
    } else {
        msg!("name-file")
    };
    let folder = entry.path().parent().unwrap_or(entry.path());
    let problem = match encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes) {
        Some(gbk) => {
            let gbk = gbk.into_owned();
            Diagnostic::new(
                folder,
                msg!(
                    "name-not-utf8-gbk",
                    what = what,
                    bytes = shown,
                    gbk = gbk.as_str()
                ),
            )
            .hint(msg!("name-not-utf8-gbk-hint", gbk = gbk))
        }
        None => Diagnostic::new(folder, msg!("name-not-utf8", what = what, bytes = shown))
            .hint(msg!("name-not-utf8-hint")),
    };
    problem.code("file-name")
}

#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    name.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> Vec<u8> {
    name.to_string_lossy().into_owned().into_bytes()
}

/// `bytes` with printable ASCII as it is and every other byte as `\xNN`.
fn escaped(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b).to_string()
            } else {
                format!("\\x{b:02X}")
            }
        })
        .collect()
}

/// A problem the walker met: a folder link looping back, a link that cannot
/// be followed (walkdir reports those itself), an unreadable folder.
fn walk_error(dir: &Path, root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(dir);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if let Some(problem) = is_link.then(|| stays_inside(path, root).err()).flatten() {
        return problem;
    }
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::new(path, msg!("link-loop", ancestor = ancestor.display().to_string()))
            .hint(msg!("link-loop-hint"));
    }
    let d = Diagnostic::new(path, msg!("folder-unreadable", error = err.to_string()));
    match err.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::PermissionDenied) => d.hint(msg!("folder-unreadable-hint")),
        _ => d,
    }
}

/// Hidden files and what editors and merge tools leave behind: vim swap
/// files, emacs and other backups, `git mergetool`'s `.orig`, `patch`'s
/// `.rej` (in any case: `X.MD.BAK`).
pub fn is_ignored(name: &str) -> bool {
    const LEFTOVER_ENDINGS: [&str; 7] = ["~", ".swp", ".swx", ".tmp", ".bak", ".orig", ".rej"];
    name.starts_with('.')
        || name.starts_with('#')
        || LEFTOVER_ENDINGS.iter().any(|end| ends_lowered(name, end))
}

/// `name.to_lowercase().ends_with(end)`, lowering only the characters
/// compared instead of copying the whole name (asked of every file walked).
fn ends_lowered(name: &str, end: &str) -> bool {
    let tail = name.len().checked_sub(end.len()).map(|at| &name.as_bytes()[at..]);
    match tail {
        // ASCII lowers to itself, byte for byte.
        Some(tail) if tail.is_ascii() => tail.eq_ignore_ascii_case(end.as_bytes()),
        // Other characters may lower to ASCII (the Kelvin sign to `k`).
        _ => {
            let mut lowered = name.chars().rev().flat_map(|c| c.to_lowercase().rev());
            end.chars().rev().all(|e| lowered.next() == Some(e))
        }
    }
}

/// `path` relative to `base`, with `/` separators on every platform.
pub fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    // A walk's paths are written as their components join already: their
    // text as it is, without taking it apart (1,000 instructions a file).
    if let Some(text) = rel.to_str().filter(|text| joins_as_written(text)) {
        return text.to_string();
    }
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// True when `text`, as a path, is its components joined with `/`: no
/// root, no empty or `.` component past the first, no trailing `/`.
fn joins_as_written(text: &str) -> bool {
    let bytes = text.as_bytes();
    std::path::MAIN_SEPARATOR == '/'
        && !text.starts_with('/')
        && memchr::memchr_iter(b'/', bytes)
            .all(|at| !matches!(&bytes[at + 1..], [] | [b'/', ..] | [b'.'] | [b'.', b'/', ..]))
}

/// The largest text file (Markdown, template, config) kepu reads: far above
/// any real article, low enough that a mistake (a pasted base64 image, a
/// video renamed `.md`) fails at once instead of crawling through every stage.
pub const MAX_TEXT_BYTES: u64 = 10 << 20;

/// Reads a file as UTF-8, accepting a BOM and CRLF line endings.
pub fn read_text(file: &Path) -> std::result::Result<String, Diagnostic> {
    let bytes = read_limited(file)?;
    let text =
        String::from_utf8(bytes).map_err(|e| not_utf8(file, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // Windows (`\r\n`) and old Mac (`\r`) line ends alike become `\n`.
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// The bytes of `file`, refusing files over [`MAX_TEXT_BYTES`].
fn read_limited(file: &Path) -> std::result::Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let cannot_read = |e: std::io::Error| {
        let d = Diagnostic::new(file, msg!("file-unreadable", error = e.to_string()));
        if e.kind() == std::io::ErrorKind::PermissionDenied {
            d.hint(msg!("file-unreadable-hint"))
        } else {
            d
        }
    };
    let handle = std::fs::File::open(file).map_err(cannot_read)?;
    let size = handle.metadata().map_err(cannot_read)?.len();
    if size > MAX_TEXT_BYTES {
        return Err(too_large(file, size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    handle
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(file: &Path, size: u64) -> Diagnostic {
    let said = msg!(
        "text-too-large",
        size = format!("{:.1}", size as f64 / f64::from(1 << 20)),
        max = MAX_TEXT_BYTES >> 20
    );
    Diagnostic::new(file, said).hint(msg!("text-too-large-hint"))
}

/// Where UTF-8 decoding failed, as a diagnostic with the encoding it likely is.
fn not_utf8(file: &Path, bytes: &[u8], valid: usize) -> Diagnostic {
    let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
    let column = bytes[..valid]
        .rsplit(|b| *b == b'\n')
        .next()
        .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
        + 1;
    let saved_as = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        msg!("text-utf16-hint")
    } else {
        msg!("text-gbk-hint")
    };
    Diagnostic::new(file, msg!("text-not-utf8"))
        .at(line, Some(column))
        .hint(saved_as)
}

/// A file to copy: from `file` to the output path `dest` (relative, `/`-separated).
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub dest: String,
    pub file: std::path::PathBuf,
    /// The bundle page the file belongs to, if any.
    pub page: Option<usize>,
}

/// One file of the built site, at `path` (relative, `/`-separated). Bytes
/// are shared so that a rebuild can hand on unchanged pages without copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bytes { path: String, bytes: Arc<[u8]> },
    Copy { path: String, from: PathBuf },
}

impl Output {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Output::Bytes {
            path: path.into(),
            bytes: Arc::from(bytes.into()),
        }
    }

    pub fn copy(path: &str, from: &Path) -> Self {
        Output::Copy {
            path: path.to_string(),
            from: from.to_path_buf(),
        }
    }

    pub fn path(&self) -> &str {
        match self {
            Output::Bytes { path, .. } | Output::Copy { path, .. } => path,
        }
    }

    /// The path, dropping the contents.
    pub fn into_path(self) -> String {
        match self {
            Output::Bytes { path, .. } | Output::Copy { path, .. } => path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn relative_paths_are_their_components_joined() {
        let joined = |path: &Path| {
            path.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        };
        let texts = [
            "",
            ".",
            "..",
            "a",
            "a/b.md",
            "./a",
            "a/./b",
            "a/.",
            "a/",
            "a//b",
            "/a",
            "//a",
            "a/../b",
            "a/.b",
            "a/..",
            ".a/b",
            "科普/活动.md",
            "a/b/",
            "a/.//b",
            "x/..y/.z",
        ];
        for text in texts {
            assert_eq!(
                relative(Path::new("/base"), Path::new(text)),
                joined(Path::new(text)),
                "{text:?}"
            );
            let under = Path::new("/base").join(text);
            let rel = under.strip_prefix("/base").unwrap_or(&under);
            assert_eq!(relative(Path::new("/base"), &under), joined(rel), "{text:?}");
        }
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/tips")).unwrap();
        std::fs::write(root.join("content/tips/a.md"), "a").unwrap();
        std::fs::write(dir.path().join("secret.md"), "secret").unwrap();
        (dir, root)
    }

    fn names(found: &[FoundFile]) -> Vec<&str> {
        found.iter().map(|f| f.rel_path.as_str()).collect()
    }

    #[test]
    fn links_inside_the_site_are_followed() {
        let (_dir, root) = site();
        symlink("tips/a.md", root.join("content/b.md")).unwrap();
        std::fs::create_dir_all(root.join("shared")).unwrap();
        std::fs::write(root.join("shared/c.md"), "c").unwrap();
        symlink("../shared", root.join("content/shared")).unwrap();
        let (found, problems) = walk(&root.join("content"), &root);
        assert_eq!(problems, Vec::new());
        assert_eq!(names(&found), ["b.md", "shared/c.md", "tips/a.md"]);
    }

    #[test]
    fn links_out_of_the_site_broken_links_and_loops_are_errors() {
        let (dir, root) = site();
        symlink(dir.path().join("secret.md"), root.join("content/tips/out.md")).unwrap();
        symlink(dir.path(), root.join("content/tips/up")).unwrap();
        symlink("gone.md", root.join("content/tips/broken.md")).unwrap();
        symlink("self.md", root.join("content/tips/self.md")).unwrap();
        symlink("..", root.join("content/tips/loop")).unwrap();
        let (found, problems) = walk(&root.join("content"), &root);
        assert_eq!(
            names(&found),
            ["tips/a.md"],
            "the rest of the site is still found"
        );
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let text = text.join("\n");
        assert_eq!(problems.len(), 5, "{text}");
        assert_eq!(text.matches("points outside the site").count(), 2, "{text}");
        for expected in ["broken symbolic link", "cannot follow", "symbolic link loop"] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
    }

    #[test]
    fn a_walked_folder_that_is_a_link_out_of_the_site_is_an_error() {
        let (dir, root) = site();
        std::fs::create_dir_all(dir.path().join("theme/templates")).unwrap();
        std::fs::create_dir_all(root.join("themes")).unwrap();
        symlink(dir.path().join("theme"), root.join("themes/kepu")).unwrap();
        let (_, problems) = walk(&root.join("themes/kepu/templates"), &root);
        assert!(
            problems[0].message.contains("outside the site"),
            "{}",
            problems[0]
        );
        assert_eq!(walk(&root.join("static"), &root), (Vec::new(), Vec::new()));
    }
}
