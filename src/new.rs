//! `kepu new tip|event|article|report "标题"`: writes one new Markdown file
//! into the kind's section, from the archetype `archetypes/KIND.md` (the
//! site's, else the theme's), named by the title's pinyin slug and dated
//! today on the editors' clock. The one writer besides `output.rs`: it only
//! ever creates a file that does not exist yet.

use crate::config::{Config, Overrides};
use crate::dates;
use crate::error::{Diagnostic, Result, io_error};
use crate::files;
use crate::messages::msg;
use crate::slug;
use crate::source;
use crate::templates;
use crate::templates::theme::{TemplateSource, Theme};
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// What kind of content to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tip,
    Event,
    Article,
    Report,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Tip => "tip",
            Kind::Event => "event",
            Kind::Article => "article",
            Kind::Report => "report",
        }
    }

    /// The section folder under `content/` the kind is written to.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Tip => "tips",
            Kind::Event => "events",
            Kind::Article => "anti-cult",
            Kind::Report => "reports",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub kind: Kind,
    pub title: String,
    /// Date a tip the day after the latest one (one tip a day), not today.
    pub schedule: bool,
    /// Today on the editors' clock (a parameter so tests can pin it).
    pub today: Date,
}

/// Creates the file and returns its path.
pub fn create(options: &NewOptions) -> Result<PathBuf> {
    let config = Config::load(&options.root, &Overrides::default())?;
    let section_dir = config.content_dir().join(options.kind.section());
    if options.schedule && options.kind != Kind::Tip {
        return Err(Diagnostic::new("", msg!("new-schedule-not-tip"))
            .hint(msg!("new-schedule-not-tip-hint"))
            .into());
    }
    let date = if options.schedule {
        next_free_day(&section_dir, options.today)?
    } else {
        options.today
    };
    let archetype = find_archetype(&config, options.kind)?;
    let slug = match slug::slugify(&options.title) {
        slug if slug.is_empty() => date.to_string(),
        slug => slug,
    };
    let text = fill_archetype(&archetype, &options.title, date, &slug)?;
    let file = section_dir.join(format!("{slug}.md"));
    std::fs::create_dir_all(&section_dir).map_err(io_error(&section_dir))?;
    write_new(&file, &text)?;
    Ok(file)
}

/// The day after the latest dated page of the section, or today if that is
/// later (tips a week ahead get consecutive days; a lapsed series restarts today).
fn next_free_day(section_dir: &Path, today: Date) -> Result<Date> {
    if !section_dir.is_dir() {
        return Ok(today);
    }
    let content = source::load(section_dir)?;
    let latest = content
        .pages
        .iter()
        .filter_map(|p| p.date.as_ref())
        .map(dates::site_date)
        .max();
    Ok(match latest.and_then(|d| d.tomorrow().ok()) {
        Some(next) if next > today => next,
        _ => today,
    })
}

/// The site's `archetypes/KIND.md`, else the theme's.
fn find_archetype(config: &Config, kind: Kind) -> Result<TemplateSource> {
    let name = format!("{}.md", kind.name());
    let candidates = [
        config.root.join("archetypes").join(&name),
        config.theme_dir().join("archetypes").join(&name),
    ];
    let Some(file) = candidates.iter().find(|f| f.is_file()) else {
        return Err(
            Diagnostic::new(&candidates[1], msg!("new-no-archetype", kind = kind.name()))
                .hint(msg!(
                    "new-no-archetype-hint",
                    file = name.as_str(),
                    kind = kind.name()
                ))
                .into(),
        );
    };
    let source = files::read_text(file)?;
    Ok(TemplateSource {
        name,
        source,
        file: file.clone(),
    })
}

/// Renders an archetype. It gets `title`, `quoted_title` (safe in YAML,
/// quotes and colons included), `date`, `period` (the half year of the
/// date, e.g. `2024-H1`) and `slug`.
pub fn fill_archetype(archetype: &TemplateSource, title: &str, date: Date, slug: &str) -> Result<String> {
    let mut context = Context::new();
    context.insert("title", title);
    // A JSON string is a valid YAML double-quoted scalar.
    context.insert("quoted_title", &serde_json::Value::from(title).to_string());
    context.insert("date", &date.to_string());
    let half = if date.month() <= 6 { 1 } else { 2 };
    context.insert("period", &format!("{}-H{half}", date.year()));
    context.insert("slug", slug);
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    let theme = Theme {
        templates: vec![archetype.clone()],
        ..Theme::default()
    };
    let to_error = |e: tera::Error| templates::template_error(&e, &theme, None);
    tera.add_raw_template(&archetype.name, &archetype.source)
        .map_err(to_error)?;
    tera.render(&archetype.name, &context).map_err(to_error)
}

/// Writes `text` to `file`, which must not exist yet.
fn write_new(file: &Path, text: &str) -> Result<()> {
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::new(file, msg!("new-exists"))
                    .hint(msg!("new-exists-hint"))
                    .into()
            } else {
                io_error(file)(e)
            }
        })?;
    out.write_all(text.as_bytes()).map_err(io_error(file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn archetype(source: &str) -> TemplateSource {
        TemplateSource {
            name: "tip.md".into(),
            source: source.into(),
            file: "archetypes/tip.md".into(),
        }
    }

    #[test]
    fn archetypes_get_a_yaml_safe_title_date_and_period() {
        let text = fill_archetype(
            &archetype("title: {{ quoted_title }}\ndate: {{ date }}\nperiod: {{ period }}\n# {{ slug }}\n"),
            "喝水的学问: \"八杯水\"",
            date(2024, 7, 1),
            "he-shui",
        )
        .unwrap();
        assert_eq!(
            text,
            "title: \"喝水的学问: \\\"八杯水\\\"\"\ndate: 2024-07-01\nperiod: 2024-H2\n# he-shui\n"
        );
        #[derive(serde::Deserialize)]
        struct Front {
            title: String,
        }
        let front: Front = yaml_serde::from_str(&text).unwrap();
        assert_eq!(front.title, "喝水的学问: \"八杯水\"");
    }

    #[test]
    fn archetype_errors_name_the_file_and_line() {
        let err = fill_archetype(&archetype("title: x\n{{ nope }"), "a", date(2024, 1, 1), "a").unwrap_err();
        assert!(err.to_string().starts_with("archetypes/tip.md:2"), "{err}");
    }
}
