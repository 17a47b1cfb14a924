//! The module layout the README's Architecture section draws, enforced: the
//! crate's top-level modules stand on floors, and a module may use only
//! modules on lower floors — `use` lines and inline `crate::` / `super::`
//! paths alike. A circle, an import that runs up (or sideways, within a
//! floor), an import of an item of the crate root (`crate::BuildOptions`:
//! name its module instead) and a module on no floor all fail, each named
//! with the file that makes it. Test modules (`#[cfg(test)]`) are left out:
//! they are not part of the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lowest first. The README's Architecture section shows the same floors.
const FLOORS: &[&[&str]] = &[
    // ground: no stage's data
    &["messages"],
    &["error"],
    &["report"],
    &["slug", "dates", "urls", "fingerprint", "qr", "yaml"],
    &["period", "text", "files"],
    // vocabulary and HTML/search libraries the stages call with what they need
    &["body", "postprocess", "search", "images"],
    &["wechat"],
    // stages, in pipeline order
    &["config"],
    &["source"],
    &["model"],
    &["templates"],
    &["markdown"],
    &["plan"],
    &["references", "audit"],
    &["render"],
    // edges
    &["output"],
    &["pipeline"],
    &["check", "serve", "new", "init"],
    // import checks the site it wrote
    &["import"],
];

#[test]
fn modules_import_only_from_lower_floors() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let floor_of: BTreeMap<&str, usize> = FLOORS
        .iter()
        .enumerate()
        .flat_map(|(floor, modules)| modules.iter().map(move |m| (*m, floor)))
        .collect();
    let graph = module_graph(&src);
    let mut problems = Vec::new();
    for module in graph.modules.iter() {
        if !floor_of.contains_key(module.as_str()) {
            problems.push(format!(
                "module `{module}` stands on no floor: add it to FLOORS here and to the README"
            ));
        }
    }
    for ((from, to), files) in &graph.edges {
        let place = files.iter().cloned().collect::<Vec<_>>().join(", ");
        if !graph.modules.contains(to) {
            problems.push(format!(
                "`{from}` uses `crate::{to}`, an item of the crate root ({place}): use it from its own module"
            ));
            continue;
        }
        if let (Some(a), Some(b)) = (floor_of.get(from.as_str()), floor_of.get(to.as_str())) {
            if a <= b {
                problems.push(format!(
                    "`{from}` (floor {a}) uses `{to}` (floor {b}), which is not below it ({place})"
                ));
            }
        }
    }
    for circle in circles(&graph) {
        problems.push(format!("import circle: {}", circle.join(" → ")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_use_groups_inline_paths_and_super() {
    let text = r#"
        use crate::{config::Config, model, text::spacing};
        use super::files::walk;
        // crate::ignored in a comment
        fn f<'a>() { let s = "crate::ignored"; let q = '"'; crate::render::go(); }
        #[cfg(test)]
        mod tests { use crate::serve; }
    "#;
    let found = references(text, 1);
    assert_eq!(found, ["config", "files", "model", "render", "text"]);
}

struct Graph {
    modules: BTreeSet<String>,
    /// (from, to) → the files that make the arrow.
    edges: BTreeMap<(String, String), BTreeSet<String>>,
}

fn module_graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    collect_rs(src, &mut files);
    let mut modules = BTreeSet::new();
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(src).unwrap();
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.len() == 1 && (parts[0] == "lib.rs" || parts[0] == "main.rs") {
            continue;
        }
        let module = parts[0].trim_end_matches(".rs").to_string();
        // Module depth: `a.rs` and `a/mod.rs` are 1, `a/b.rs` is 2.
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod.rs"));
        modules.insert(module.clone());
        let text = std::fs::read_to_string(file).unwrap();
        for target in references(&text, depth) {
            if target != module {
                edges
                    .entry((module.clone(), target))
                    .or_default()
                    .insert(format!("src/{}", rel.display()));
            }
        }
    }
    Graph { modules, edges }
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level names a file at module `depth` refers to through
/// `crate::` (in `use` groups too) and enough `super::` to reach the root.
fn references(text: &str, depth: usize) -> Vec<String> {
    let code = without_tests(&strip_comments_and_strings(text));
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let word_start = i == 0 || !is_ident(bytes[i - 1]);
        if word_start && rest.starts_with("crate::") {
            let after = &rest["crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                found.extend(group_heads(group));
            } else {
                found.extend(ident(after));
            }
            i += "crate::".len();
            continue;
        }
        if word_start && rest.starts_with("super::") {
            let mut after = rest;
            let mut levels = 0;
            while let Some(next) = after.strip_prefix("super::") {
                levels += 1;
                after = next;
            }
            if levels == depth {
                if let Some(group) = after.strip_prefix('{') {
                    found.extend(group_heads(group));
                } else {
                    found.extend(ident(after));
                }
            }
            i += "super::".len() * levels;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    found.into_iter().filter(|n| n != "self").collect()
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn ident(text: &str) -> Option<String> {
    let end = text.bytes().position(|b| !is_ident(b)).unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_string())
}

/// The first name of each path in a `use` group's body (`a::b, c, d::{e}}`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_item_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_item_start = true,
            c if c.is_whitespace() => {}
            _ if at_item_start && depth == 0 => {
                heads.extend(ident(&group[i..]));
                at_item_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// `text` with comments and string literals blanked out.
fn strip_comments_and_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            'r' if matches!(chars.peek(), Some('#') | Some('"'))
                && !out.ends_with(|c: char| is_ident(c as u8)) =>
            {
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.next() != Some('"') {
                    out.push('r');
                    continue;
                }
                let closing: String = std::iter::once('"').chain("#".repeat(hashes).chars()).collect();
                let mut seen = String::new();
                for c in chars.by_ref() {
                    seen.push(c);
                    if seen.ends_with(&closing) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            // A char literal ('"', '{', '\'') — not a lifetime ('a).
            '\'' => {
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next()) {
                    (Some('\\'), _) => {
                        chars.next();
                        chars.next();
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                        out.push_str("' '");
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                        out.push_str("' '");
                    }
                    _ => out.push(c),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `code` without the items marked `#[cfg(test)]` (their braces balanced).
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            rest = "";
            break;
        };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every circle of the module graph, each once (Tarjan's strongly
/// connected components of more than one module).
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    let modules: Vec<&String> = graph.modules.iter().collect();
    let index_of: BTreeMap<&str, usize> = modules.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
    for (from, to) in graph.edges.keys() {
        if let (Some(a), Some(b)) = (index_of.get(from.as_str()), index_of.get(to.as_str())) {
            next[*a].push(*b);
        }
    }
    struct Tarjan<'g> {
        next: &'g [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        counter: usize,
        found: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.counter);
            self.low[v] = self.counter;
            self.counter += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in &self.next[v] {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        next: &next,
        index: vec![None; modules.len()],
        low: vec![0; modules.len()],
        on_stack: vec![false; modules.len()],
        stack: Vec::new(),
        counter: 0,
        found: Vec::new(),
    };
    for v in 0..modules.len() {
        if tarjan.index[v].is_none() {
            tarjan.visit(v);
        }
    }
    tarjan
        .found
        .into_iter()
        .map(|component| {
            let mut names: Vec<String> = component.into_iter().map(|i| modules[i].clone()).collect();
            names.sort();
            names
        })
        .collect()
}
