//! The bad-input corpus: each folder of `tests/fixtures/bad/` is one broken
//! input. For each, the `basic` fixture is built, the bad input applied, and
//! the site built again: the build must fail with exit code 1 and an error
//! naming the file, what is wrong and how to fix it (or, where the input is
//! merely unusual, build fine), never panic, finish within a time limit,
//! and leave the previous `public/` (and anything outside the site)
//! byte-identical. `kepu check --deny-warnings` must agree with the build.
//!
//! A case folder holds:
//! - `expect.txt`: a `# ` line saying what the case is, then directives
//!   (`@builds`: the site builds; `@output`: a problem with the output
//!   folder, which `kepu check` does not look at; `@exists PATH`: a file of
//!   the built site; `@absent NAME`: no file of the built site has this
//!   name, in any folder; `@zh TEXT`: a substring the Chinese messages of a
//!   build must contain) and substrings the English error (or warnings) must
//!   contain;
//! - `site/`: files written over the site (optional);
//! - `setup.txt`: steps that cannot be committed as files (optional):
//!   `overlay` (copy `site/` now rather than first), `remove PATH`,
//!   `symlink LINK TARGET`, `unreadable PATH`,
//!   `markdown PATH MEGABYTES`, `bytes PATH MEGABYTES`,
//!   `nested-list PATH DEPTH`, `nested-quote PATH DEPTH`,
//!   `nested-yaml PATH DEPTH`.

use crate::common::shared::Built;
use crate::common::{Finished, Site, copy_dir, fixture_dir, run_with_timeout, snapshot_path};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

/// Generous for a debug build on a shared 2-core machine; a hang is far beyond.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The user that `unreadable` cases run kepu as when the tests run as root
/// (root reads any file, so permissions alone would not test anything).
const NOBODY: u32 = 65534;

#[test]
fn every_bad_input_is_handled() {
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run_case(case).err().map(|e| format!("{}: {e}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

struct Case {
    name: String,
    dir: PathBuf,
    builds: bool,
    output_only: bool,
    exists: Vec<String>,
    absent: Vec<String>,
    needles: Vec<String>,
    /// What the build says in Chinese (`KEPU_LANG=zh`).
    chinese: Vec<String>,
    setup: Vec<String>,
}

fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture_dir("bad"))
        .expect("tests/fixtures/bad exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().map(|dir| read_case(&dir)).collect()
}

fn read_case(dir: &Path) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let expect =
        std::fs::read_to_string(dir.join("expect.txt")).unwrap_or_else(|e| panic!("{name}/expect.txt: {e}"));
    let mut case = Case {
        name,
        dir: dir.to_path_buf(),
        builds: false,
        output_only: false,
        exists: Vec::new(),
        absent: Vec::new(),
        needles: Vec::new(),
        chinese: Vec::new(),
        setup: std::fs::read_to_string(dir.join("setup.txt"))
            .map(|s| {
                s.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
    };
    for line in expect.lines().filter(|l| !l.is_empty() && !l.starts_with("# ")) {
        match line.split_once(' ').unwrap_or((line, "")) {
            ("@builds", _) => case.builds = true,
            ("@output", _) => case.output_only = true,
            ("@exists", path) => case.exists.push(path.to_string()),
            ("@absent", name) => case.absent.push(name.to_string()),
            ("@zh", text) => case.chinese.push(text.to_string()),
            _ => case.needles.push(line.to_string()),
        }
    }
    case
}

/// The `basic` fixture, built once: each case starts from a copy of it.
fn built_basic() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    Built::once(&BUILT, |dir| {
        let site = Site::fixture_in(dir, "basic");
        site.build(&[]);
        site
    })
}

/// Runs one case; the error says everything that went wrong with it.
fn run_case(case: &Case) -> Result<(), String> {
    // The good site as its build left it: sources, `public/` and its marker.
    let site = Site::fixture("basic");
    copy_dir(&built_basic().output(), &site.path("public"));
    let overlay = || {
        if case.dir.join("site").is_dir() {
            copy_dir(&case.dir.join("site"), site.root());
        }
    };
    if !case.setup.iter().any(|step| step == "overlay") {
        overlay();
    }
    let mut as_nobody = false;
    for step in &case.setup {
        if step == "overlay" {
            overlay();
        } else {
            as_nobody |= apply(&site, step)?;
        }
    }
    if as_nobody {
        std::fs::copy(env!("CARGO_BIN_EXE_kepu"), nobodys_kepu(&site)).map_err(|e| e.to_string())?;
        give_to_nobody(site.dir.path())?;
    }
    let before = protected(&site);
    let mut problems = Vec::new();
    if !case.chinese.is_empty() {
        let build = kepu_in("zh", &site, &["build"], as_nobody)?;
        let said = format!("{}{}", build.stdout, build.stderr);
        problems.extend(
            case.chinese
                .iter()
                .filter(|needle| !said.contains(needle.as_str()))
                .map(|needle| format!("the Chinese build output lacks {needle:?}:\n{said}")),
        );
    }
    let build = kepu(&site, &["build"], as_nobody)?;
    let said = format!("{}{}", build.stdout, build.stderr);
    if case.builds {
        if build.code != Some(0) {
            problems.push(format!("should build, exit code {:?}", build.code));
        }
        for file in &case.exists {
            if !site.path("public").join(file).exists() {
                problems.push(format!("public/{file} is missing"));
            }
        }
        let published = snapshot_path(&site.path("public"));
        for name in &case.absent {
            let found = published
                .keys()
                .find(|path| path.rsplit('/').next() == Some(name.as_str()));
            if let Some(path) = found {
                problems.push(format!("public/{path} was published"));
            }
        }
    } else {
        if build.code != Some(1) {
            problems.push(format!("exit code {:?}, expected 1", build.code));
        }
        if protected(&site) != before {
            problems.push("public/ or a file outside the site changed".into());
        }
        if let Some(left) = leftovers(&site) {
            problems.push(format!("left behind {left}"));
        }
    }
    problems.extend(missing_needles(case, "build", &said));
    if said.contains("panicked") {
        problems.push("panicked".into());
    }
    if !case.output_only {
        problems.extend(check_agrees(case, &site, &build, as_nobody)?);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n--- kepu said:\n{said}", problems.join("; ")))
    }
}

/// `kepu check --deny-warnings` fails exactly when the build fails or
/// warns, saying the same: every problem the build printed is among
/// check's (plain `kepu check` passes warnings: see the messages tests).
fn check_agrees(case: &Case, site: &Site, build: &Finished, as_nobody: bool) -> Result<Vec<String>, String> {
    let check = kepu(site, &["check", "--deny-warnings"], as_nobody)?;
    let said = format!("{}{}", check.stdout, check.stderr);
    let expected = if build.code == Some(0) && !build.stderr.contains("warning:") {
        0
    } else {
        1
    };
    let mut problems = Vec::new();
    if check.code != Some(expected) {
        problems.push(format!(
            "check: exit code {:?}, expected {expected}:\n{said}",
            check.code
        ));
    }
    problems.extend(missing_needles(case, "check", &said));
    for line in build
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
    {
        let problem = line.split_once(": ").map_or(line, |(_, problem)| problem);
        if !said.contains(problem) {
            problems.push(format!(
                "check does not say what the build said: {line}\ncheck said:\n{said}"
            ));
        }
    }
    let json = kepu(site, &["check", "--format", "json"], as_nobody)?;
    match serde_json::from_str::<serde_json::Value>(&json.stdout) {
        Ok(report) if report["problems"].as_array().map(Vec::len).unwrap_or(0) > 0 || expected == 0 => {}
        Ok(report) => problems.push(format!("check --format json lists no problem: {report}")),
        Err(e) => problems.push(format!("check --format json is not JSON ({e}):\n{}", json.stdout)),
    }
    Ok(problems)
}

fn missing_needles(case: &Case, what: &str, said: &str) -> Vec<String> {
    case.needles
        .iter()
        .filter(|needle| !said.contains(needle.as_str()))
        .map(|needle| format!("{what} output lacks {needle:?}"))
        .collect()
}

/// Runs kepu with its messages in English, which the expected texts are in.
fn kepu(site: &Site, args: &[&str], as_nobody: bool) -> Result<Finished, String> {
    kepu_in("en", site, args, as_nobody)
}

fn kepu_in(lang: &str, site: &Site, args: &[&str], as_nobody: bool) -> Result<Finished, String> {
    let mut cmd = if as_nobody {
        use std::os::unix::process::CommandExt;
        let mut cmd = Command::new(nobodys_kepu(site));
        cmd.uid(NOBODY).gid(NOBODY);
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_kepu"))
    };
    cmd.args(args)
        .arg("--root")
        .arg(site.root())
        .env("KEPU_LANG", lang);
    run_with_timeout(cmd, TIME_LIMIT)
}

/// A copy of kepu in the temporary folder, which `nobody` can run even when
/// the build folder sits under a home only root may enter.
fn nobodys_kepu(site: &Site) -> PathBuf {
    site.dir.path().join("kepu")
}

/// What a failed build must not touch: the output folder and everything
/// outside the site.
fn protected(site: &Site) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    (
        snapshot_path(&site.path("public")),
        snapshot_path(&site.outside("")),
    )
}

/// A staging or old-output folder left beside the output, if any.
fn leftovers(site: &Site) -> Option<String> {
    std::fs::read_dir(site.root())
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.contains(".kepu-tmp-") || name.contains(".kepu-old-"))
}

/// Applies one setup step; true when kepu must then run as an unprivileged user.
fn apply(site: &Site, step: &str) -> Result<bool, String> {
    let words: Vec<&str> = step.split_whitespace().collect();
    let path = |i: usize| -> Result<PathBuf, String> {
        let rel = words
            .get(i)
            .ok_or_else(|| format!("setup `{step}`: missing argument"))?;
        Ok(site.path(&rel.replace("%20", " ")))
    };
    let number = |i: usize| -> Result<usize, String> {
        words
            .get(i)
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("setup `{step}`: argument {i} is not a number"))
    };
    let failed = |e: std::io::Error| format!("setup `{step}`: {e}");
    match words.first().copied() {
        Some("remove") => {
            let p = path(1)?;
            match std::fs::symlink_metadata(&p) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&p).map_err(failed)?,
                Ok(_) => std::fs::remove_file(&p).map_err(failed)?,
                Err(e) => return Err(failed(e)),
            }
        }
        Some("symlink") => {
            let target = words.get(2).ok_or("setup symlink: missing target")?;
            std::os::unix::fs::symlink(target, path(1)?).map_err(failed)?;
        }
        Some("unreadable") => {
            use std::os::unix::fs::PermissionsExt;
            let p = path(1)?;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).map_err(failed)?;
            return Ok(is_root());
        }
        Some("markdown") => write(&path(1)?, &big_markdown(number(2)?)).map_err(failed)?,
        Some("bytes") => write(&path(1)?, &vec![0xA5; number(2)? << 20]).map_err(failed)?,
        Some("nested-list") => {
            // `- - - x` opens one list inside another per `- `.
            let body = format!("{}最深处\n", "- ".repeat(number(2)?));
            write(&path(1)?, &page_with(&body)).map_err(failed)?;
        }
        Some("nested-quote") => {
            let body = format!("{}引用\n", "> ".repeat(number(2)?));
            write(&path(1)?, &page_with(&body)).map_err(failed)?;
        }
        Some("nested-yaml") => {
            let depth = number(2)?;
            let text = format!(
                "---\ntitle: 深\nextra:\n  deep: {}1{}\n---\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            write(&path(1)?, text.as_bytes()).map_err(failed)?;
        }
        _ => return Err(format!("unknown setup step `{step}`")),
    }
    Ok(false)
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().unwrap())?;
    std::fs::write(path, bytes)
}

fn page_with(body: &str) -> Vec<u8> {
    format!("---\ntitle: 生成的页面\n---\n\n{body}").into_bytes()
}

/// A page of about `megabytes` MB of ordinary paragraphs.
fn big_markdown(megabytes: usize) -> Vec<u8> {
    let paragraph = "科学普及是提高全民科学素质的重要途径。多喝水，勤洗手。\n\n";
    let mut text = page_with("");
    while text.len() < megabytes << 20 {
        text.extend_from_slice(paragraph.as_bytes());
    }
    text
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// Hands the temporary folder to the unprivileged user kepu will run as.
fn give_to_nobody(dir: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| e.to_string())?;
        std::os::unix::fs::lchown(entry.path(), Some(NOBODY), Some(NOBODY)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let site = Site::fixture("basic");
    site.write("content/tips/a.md", b"---\ntitle: a\ntag: x\n---\n");
    site.write("content/tips/b.md", b"---\ndraft: yes\n---\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("tips/a.md") && stderr.contains("tips/b.md"),
        "{stderr}"
    );
    // b.md has two: a wrong value, and no title.
    assert!(
        stderr.contains("b.md:2:8: `draft` should be yes or no"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b.md:2:1: missing required key `title`"),
        "{stderr}"
    );
    assert!(stderr.ends_with("\n3 errors, 0 warnings\n"), "{stderr}");
}

#[test]
fn refuses_output_folders_it_must_not_replace() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap().to_string();
    assert!(
        site.build_fails(&["--output", &root])
            .contains("is the site root")
    );
    let content = site.path("content").to_str().unwrap().to_string();
    assert!(site.build_fails(&["--output", &content]).contains("content"));
    site.write("docs/keep.txt", "keep me");
    let docs = site.path("docs").to_str().unwrap().to_string();
    let stderr = site.build_fails(&["--output", &docs]);
    assert!(
        stderr.contains("not created by kepu") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(site.path("docs/keep.txt").exists());
    site.build(&["--output", &docs, "--force"]);
    assert!(!site.path("docs/keep.txt").exists() && site.path("docs/index.html").exists());
}
