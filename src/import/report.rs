//! What an import did, for the editor (Chinese text) and for tools (JSON):
//! files converted, front-matter keys mapped and moved under `extra`, URLs
//! that changed, what needs review (file:line), and whether the result builds.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Bumped only when a field's meaning changes.
pub const JSON_VERSION: u32 = 1;

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub version: u32,
    /// `hugo`, `hexo`, `zola` or `wechat`.
    pub kind: String,
    pub source: String,
    pub dest: String,
    /// Content files written, each from its source file (relative paths).
    pub converted: Vec<Converted>,
    /// Other files copied: static files, images, bundle assets.
    pub copied: usize,
    /// `summary → description` and the like: how many files had each.
    pub keys_mapped: BTreeMap<String, usize>,
    /// Keys kept under `extra`, with how many files had each.
    pub keys_moved: BTreeMap<String, usize>,
    /// Every old URL that is not the page's new URL (it now redirects).
    pub urls_changed: Vec<UrlChange>,
    pub review: Vec<ReviewItem>,
    pub notes: Vec<String>,
    /// Tags and categories without a letter or digit, left out.
    pub terms_dropped: usize,
    /// Pages whose categories were a hierarchy (Hexo), now side by side.
    pub nested_categories: usize,
    /// The imported site checked like `kepu check` does.
    pub build: BuildResult,
}

#[derive(Debug, Clone, Serialize)]
pub struct Converted {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlChange {
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    /// Relative to SOURCE.
    pub file: String,
    pub line: Option<usize>,
    pub what: String,
}

#[derive(Debug, Default, Serialize)]
pub struct BuildResult {
    pub ok: bool,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl Report {
    pub fn new(kind: &str, source: &str, dest: &str) -> Report {
        Report {
            version: JSON_VERSION,
            kind: kind.into(),
            source: source.into(),
            dest: dest.into(),
            ..Report::default()
        }
    }

    pub fn review(&mut self, file: &str, line: Option<usize>, what: String) {
        self.review.push(ReviewItem {
            file: file.into(),
            line,
            what,
        });
    }

    pub fn mapped(&mut self, from: &str, to: &str) {
        *self.keys_mapped.entry(format!("{from} → {to}")).or_default() += 1;
    }

    pub fn moved(&mut self, key: &str) {
        *self.keys_moved.entry(key.into()).or_default() += 1;
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The report as the editor reads it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "从 {} 导入到 {}：转换了 {} 个内容文件，复制了 {} 个其他文件",
            self.source,
            self.dest,
            self.converted.len(),
            self.copied
        );
        if !self.keys_mapped.is_empty() {
            let _ = writeln!(out, "\n改成 kepu 字段的头部信息：");
            for (key, count) in &self.keys_mapped {
                let _ = writeln!(out, "  {key}：{count} 个文件");
            }
        }
        if !self.keys_moved.is_empty() {
            let _ = writeln!(out, "\n放到 extra 下的头部信息：");
            for (key, count) in &self.keys_moved {
                let _ = writeln!(out, "  {key}：{count} 个文件");
            }
        }
        if !self.urls_changed.is_empty() {
            let _ = writeln!(out, "\n地址有变化的文章（旧地址会跳转到新地址）：");
            for change in &self.urls_changed {
                let _ = writeln!(out, "  {} → {}", change.old, change.new);
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "\n说明：");
            for note in &self.notes {
                let _ = writeln!(out, "  {note}");
            }
        }
        if !self.review.is_empty() {
            let _ = writeln!(out, "\n需要人工检查：");
            for item in &self.review {
                match item.line {
                    Some(line) => {
                        let _ = writeln!(out, "  {}:{line}：{}", item.file, item.what);
                    }
                    None => {
                        let _ = writeln!(out, "  {}：{}", item.file, item.what);
                    }
                }
            }
        }
        let build = &self.build;
        if !build.errors.is_empty() || !build.warnings.is_empty() {
            let _ = writeln!(out, "\n检查导入后的站点：");
            for error in &build.errors {
                let _ = writeln!(out, "  错误：{error}");
            }
            for warning in &build.warnings {
                let _ = writeln!(out, "  警告：{warning}");
            }
        }
        let verdict = if build.ok {
            "导入后的站点可以构建"
        } else {
            "导入后的站点还不能构建，请先处理上面的错误"
        };
        let _ = writeln!(
            out,
            "\n{verdict}：{} 个错误，{} 个警告，{} 处需要人工检查",
            build.errors.len(),
            build.warnings.len(),
            self.review.len()
        );
        out
    }
}
