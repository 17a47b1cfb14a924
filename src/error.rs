//! Errors the library reports. A [`Diagnostic`] points at a place in the
//! user's files (file, line, column) and says what is wrong and how to fix it;
//! `main.rs` prints it as `content/tips/a.md:3:7: what` followed by `hint: …`.

use crate::messages::msg;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The kind of problem, stable for tools (`unknown-key`, `broken-link`,
    /// …; the README lists them); `None` for kinds not yet named.
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: without_leading_dot(file.into()),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    /// Names the kind of problem (see [`Diagnostic::code`]).
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  {}", msg!("hint-line", hint = hint.as_str()))?;
        }
        Ok(())
    }
}

/// `content/a.md` for `./content/a.md`: the site in the current folder
/// (`--root .`, the default) names its files as an editor sees them.
fn without_leading_dot(file: PathBuf) -> PathBuf {
    match file.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => file,
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Diagnostic(Box<Diagnostic>),
    #[error("{}", join_diagnostics(.0))]
    Diagnostics(Vec<Diagnostic>),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Output(String),
    /// A rebuild stopped because newer changes made it moot.
    #[error("{}", msg!("rebuild-superseded"))]
    Interrupted,
}

fn join_diagnostics(all: &[Diagnostic]) -> String {
    let mut text = String::new();
    for (i, d) in all.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&d.to_string());
    }
    text.push('\n');
    text.push_str(&msg!("problems-found", count = all.len()));
    text
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Diagnostic(Box::new(d))
    }
}

impl Error {
    /// Collapses a list of diagnostics into one error (one, or all of them).
    pub fn from_diagnostics(mut all: Vec<Diagnostic>) -> Self {
        if all.len() == 1 {
            Error::Diagnostic(Box::new(all.remove(0)))
        } else {
            Error::Diagnostics(all)
        }
    }

    /// Every problem of this error as diagnostics, I/O and output errors
    /// included (they name their path, or none).
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            Error::Diagnostic(d) => vec![*d],
            Error::Diagnostics(all) => all,
            Error::Io { path, source } => vec![Diagnostic::new(path, source.to_string())],
            other @ (Error::Output(_) | Error::Interrupted) => vec![Diagnostic::new("", other.to_string())],
        }
    }

    /// The diagnostics this error carries (empty for I/O and output errors).
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        match self {
            Error::Diagnostic(d) => vec![d],
            Error::Diagnostics(all) => all.iter().collect(),
            _ => Vec::new(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Wraps an I/O error with the path it happened on.
pub fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_in_the_current_folder_names_files_without_dot_slash() {
        let d = Diagnostic::new("./content/tips/a.md", "x");
        assert_eq!(d.to_string(), "content/tips/a.md: x");
        assert_eq!(Diagnostic::new(".", "x").file, Path::new("."));
    }

    #[test]
    fn diagnostic_prints_place_message_and_hint() {
        let d = Diagnostic::new("content/a.md", "unknown key `tag`")
            .at(3, Some(1))
            .hint("did you mean `tags`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: unknown key `tag`\n  hint: did you mean `tags`?"
        );
    }

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(did_you_mean("tag", &["tags", "title"]), Some("tags"));
        assert_eq!(did_you_mean("zzz", &["tags", "title"]), None);
    }
}
