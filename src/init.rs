//! `kepu init DIR`: a minimal site (config, one section, one page, and a
//! small theme) that builds as it is.

use crate::error::{Diagnostic, Result, io_error};
use crate::messages::msg;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "kepu.yaml",
        "title: 我的科普站\nbase_url: https://example.org/\nlanguage: zh-CN\ntheme: kepu\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: 首页\n---\n\n欢迎来到我的科普站。\n",
    ),
    (
        "content/tips/_index.md",
        "---\ntitle: 每日科普\nsort_by: date\n---\n",
    ),
    (
        "content/tips/hello.md",
        "---\ntitle: \"第一篇科普\"\ndate: 2024-06-25\ntags: [健康]\n---\n\n多喝水，勤洗手。\n\n## 为什么\n\n水是生命之源。\n",
    ),
    ("themes/kepu/theme.yaml", "name: kepu\n"),
    (
        "themes/kepu/templates/base.html",
        "<!doctype html>\n<html lang=\"{{ config.language }}\">\n<head><meta charset=\"utf-8\"><title>{% block title %}{{ config.title }}{% endblock title %}</title></head>\n<body>\n<header><a href=\"{{ url_for(path='/') }}\">{{ config.title }}</a></header>\n<main>{% block content %}{% endblock content %}</main>\n</body>\n</html>\n",
    ),
    (
        "themes/kepu/templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ section.content | safe }}\n<ul>{% for path in section.subsections %}{% set s = get_section(path=path) %}<li><a href=\"{{ s.permalink }}\">{{ s.title }}</a></li>{% endfor %}</ul>{% endblock content %}\n",
    ),
    (
        "themes/kepu/templates/section.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>{{ section.title }}</h1>\n<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock content %}\n",
    ),
    (
        "themes/kepu/templates/page.html",
        "{% extends \"base.html\" %}\n{% block title %}{{ page.title }}{% endblock title %}\n{% block content %}<h1>{{ page.title }}</h1>\n{{ page.content | safe }}{% endblock content %}\n",
    ),
];

/// Writes the starter site into `dir`, which must be empty or missing.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() && std::fs::read_dir(dir).map_err(io_error(dir))?.next().is_some() {
        let folder = dir.display().to_string();
        return Err(Diagnostic::new("", msg!("init-not-empty", folder = folder))
            .hint(msg!("init-not-empty-hint"))
            .into());
    }
    for (path, text) in FILES {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        std::fs::write(&file, text).map_err(io_error(&file))?;
    }
    Ok(())
}
