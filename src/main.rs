//! The `kepu` command: parses arguments, calls the library, reports errors
//! with their causes, and sets the exit code.

use clap::{Parser, Subcommand};
use kepu::messages::{Lang, msg, say};
use kepu::report::Reporter;
use kepu::{BuildOptions, BuildReport};
use std::path::PathBuf;
use std::process::ExitCode;

/// Rendering allocates many short-lived strings on every thread; glibc's
/// allocator spent a third of a default build's samples in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kepu",
    version,
    about = "科普 — a static site generator for science-outreach organisations"
)]
struct Cli {
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The site folder (holding kepu.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Include pages dated in the future.
    #[arg(long)]
    future: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from kepu.yaml (previews, sub-path deploys).
        #[arg(long)]
        base_url: Option<String>,
        /// Replace an output folder that kepu did not create.
        #[arg(long)]
        force: bool,
    },
    /// Check the whole site without writing anything; exit 1 on errors
    /// (warnings too with --deny-warnings).
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Fail on warnings as well as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// `text` for people, `json` for editors and tools (schema in the README).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also audit the site as inspections of public sites do: stale and
        /// empty columns, missing dates and attribution, wrong words.
        #[arg(long)]
        audit: bool,
        /// With --audit: ask other sites whether the links to them work.
        #[arg(long, requires = "audit")]
        external: bool,
    },
    /// Build the site into memory and serve it locally, rebuilding what
    /// changed and reloading open pages while you edit.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on (the next free one if busy; 0 = any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback is visible to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Watch the sources and rebuild on changes (the default).
        #[arg(long, overrides_with = "no_watch")]
        watch: bool,
        /// Serve the first build only; do not watch.
        #[arg(long, overrides_with = "watch")]
        no_watch: bool,
    },
    /// Create a new site that builds as it is.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Bring an existing Hugo, Hexo or Zola site, or saved WeChat articles,
    /// into kepu; SOURCE is never changed. Exit 1 unless the result builds.
    Import {
        /// What SOURCE is.
        kind: ImportKind,
        /// The old site's folder, or a saved WeChat page (or a folder of them).
        source: PathBuf,
        /// The new site: a folder that does not exist yet or is empty (for
        /// `wechat`, also an existing kepu site).
        dest: PathBuf,
        /// `wechat`: the section the articles go into.
        #[arg(long, default_value = "events")]
        section: String,
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Start a new tip, event recap, article or report from its archetype.
    New {
        /// What to write.
        kind: NewKind,
        /// Its title; the file is named by its pinyin (喝水的学问 → he-shui-de-xue-wen.md).
        title: String,
        /// The site folder (holding kepu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Tips: date it the day after the latest tip (one a day), not today.
        #[arg(long)]
        schedule: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportKind {
    Hugo,
    Hexo,
    Zola,
    /// Articles saved from the WeChat reader ("save page, complete").
    Wechat,
}

impl From<ImportKind> for kepu::import::Kind {
    fn from(kind: ImportKind) -> Self {
        match kind {
            ImportKind::Hugo => kepu::import::Kind::Hugo,
            ImportKind::Hexo => kepu::import::Kind::Hexo,
            ImportKind::Zola => kepu::import::Kind::Zola,
            ImportKind::Wechat => kepu::import::Kind::Wechat,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum NewKind {
    /// A daily science tip (content/tips/).
    Tip,
    /// An event recap with its event data (content/events/).
    Event,
    /// An anti-cult article (content/anti-cult/).
    Article,
    /// A work report with its period (content/reports/).
    Report,
}

impl From<NewKind> for kepu::new::Kind {
    fn from(kind: NewKind) -> Self {
        match kind {
            NewKind::Tip => kepu::new::Kind::Tip,
            NewKind::Event => kepu::new::Kind::Event,
            NewKind::Article => kepu::new::Kind::Article,
            NewKind::Report => kepu::new::Kind::Report,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Every message of this run is in the language of the site it works on.
    let site_language = kepu::config::site_language(cli.command.site_root());
    kepu::messages::set_language(Lang::choose(site_language.as_deref()));
    match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            let reporter = reporter(cli.quiet);
            let errors = err.into_diagnostics();
            eprint!("{}", reporter.problems(&errors, &[]));
            eprintln!("{}", reporter.count(errors.len(), 0));
            ExitCode::FAILURE
        }
    }
}

impl Command {
    /// The site the command works on, whose language its messages use.
    fn site_root(&self) -> &std::path::Path {
        match self {
            Command::Build { site, .. } | Command::Check { site, .. } | Command::Serve { site, .. } => {
                &site.root
            }
            Command::New { root, .. } => root,
            Command::Import { dest, .. } => dest,
            Command::Init { dir } => dir,
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, kepu::error::Error> {
    if let Some(why) = kepu::dates::pinned_now_problem() {
        let variable = kepu::dates::NOW_VARIABLE;
        return Err(
            kepu::error::Diagnostic::new("", msg!("now-variable-not-a-date", variable = variable))
                .hint(why)
                .into(),
        );
    }
    match &cli.command {
        Command::Build {
            site,
            output,
            base_url,
            force,
        } => {
            let options = BuildOptions {
                root: site.root.clone(),
                output: output.clone(),
                base_url: base_url.clone(),
                drafts: site.drafts,
                future: site.future,
                force: *force,
                ..BuildOptions::new(&site.root)
            };
            if let Err(e) = kepu::output::clean_up_on_signal() {
                let warning = kepu::error::Diagnostic::new("", kepu::output::messages::no_signal_handler(&e));
                eprint!("{}", reporter(cli.quiet).problems(&[], &[warning]));
            }
            if *force && !cli.quiet {
                let out = options.output_dir();
                if out.is_dir() && !out.join(kepu::output::MARKER).exists() {
                    let warning = kepu::error::Diagnostic::new(
                        "",
                        msg!("build-force-replacing", folder = out.display().to_string()),
                    );
                    eprint!("{}", reporter(false).problems(&[], &[warning]));
                }
            }
            let report = if cli.quiet {
                kepu::build(&options)?
            } else {
                let progress = Progress::start();
                let result = kepu::build_with_progress(&options, &|stage| progress.stage(stage));
                progress.finish();
                result?
            };
            print_report(&report, reporter(cli.quiet));
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            kind,
            title,
            root,
            schedule,
        } => {
            let file = kepu::new::create(&kepu::new::NewOptions {
                root: root.clone(),
                kind: (*kind).into(),
                title: title.clone(),
                schedule: *schedule,
                today: kepu::dates::today(),
            })?;
            // The path is the command's answer, printed even with --quiet.
            println!("{}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            site,
            format,
            deny_warnings,
            audit,
            external,
        } => {
            let audit = audit.then_some(kepu::audit::AuditOptions { external: *external });
            Ok(check(site, audit, *format, cli.quiet, *deny_warnings))
        }
        Command::Import {
            kind,
            source,
            dest,
            section,
            format,
        } => {
            let report = kepu::import::import(&kepu::import::ImportOptions {
                kind: (*kind).into(),
                source: source.clone(),
                dest: dest.clone(),
                section: section.clone(),
            })?;
            match format {
                Format::Json => println!("{:#}", report.to_json()),
                Format::Text if !cli.quiet || !report.build.ok => print!("{}", report.to_text()),
                Format::Text => {}
            }
            Ok(if report.build.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Serve {
            site,
            port,
            bind,
            watch: _,
            no_watch,
        } => kepu::serve::serve(&kepu::serve::ServeOptions {
            root: site.root.clone(),
            bind: *bind,
            port: *port,
            drafts: site.drafts,
            future: site.future,
            watch: !no_watch,
        })
        .map(|()| ExitCode::SUCCESS),
        Command::Init { dir } => {
            kepu::init::init(dir)?;
            if !cli.quiet {
                println!("{}", msg!("init-done", folder = dir.display().to_string()));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `kepu check`: prints every problem (text or JSON on stdout); fails on
/// errors, and on warnings with `--deny-warnings`.
fn check(
    site: &SiteArgs,
    audit: Option<kepu::audit::AuditOptions>,
    format: Format,
    quiet: bool,
    deny_warnings: bool,
) -> ExitCode {
    let mut options = BuildOptions::new(&site.root);
    options.drafts = site.drafts;
    options.future = site.future;
    let report = kepu::check::check_with(&options, audit);
    let failed = !report.errors.is_empty() || (deny_warnings && !report.warnings.is_empty());
    match format {
        Format::Json => println!("{:#}", report.to_json(&site.root)),
        Format::Text => print_check(&report, reporter(quiet), failed),
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The reporter in the language of this run.
fn reporter(quiet: bool) -> Reporter {
    Reporter {
        lang: kepu::messages::language(),
        quiet,
    }
}

fn print_check(report: &kepu::check::CheckReport, reporter: Reporter, failed: bool) {
    print!("{}", reporter.problems(&report.errors, &report.warnings));
    let count = reporter.count(report.errors.len(), report.warnings.len());
    let args = [
        ("pages", report.pages.into()),
        ("sections", report.sections.into()),
        ("count", count.into()),
    ];
    println!("{}", say(reporter.lang, "check-done", &args));
    if failed && report.errors.is_empty() {
        println!("{}", say(reporter.lang, "warnings-fail", &[]));
    }
}

/// A spinner on stderr that appears only when a build takes longer than a
/// second and stderr is a terminal (indicatif draws nothing otherwise).
struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    fn start() -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            if !shown.is_finished() {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(std::time::Duration::from_millis(100));
            }
        });
        Progress { bar }
    }

    fn stage(&self, stage: kepu::Stage) {
        self.bar.set_message(match stage {
            kepu::Stage::Loading => msg!("progress-reading"),
            kepu::Stage::Rendering { pages } => msg!("progress-rendering", pages = pages),
            kepu::Stage::Writing { files } => msg!("progress-writing", files = files),
        });
    }

    fn finish(self) {
        self.bar.finish_and_clear();
    }
}

fn print_report(report: &BuildReport, reporter: Reporter) {
    if reporter.quiet {
        if !report.warnings.is_empty() {
            eprintln!("{}", reporter.count(0, report.warnings.len()));
        }
        return;
    }
    if !report.removed_leftovers.is_empty() {
        eprintln!(
            "{}",
            kepu::output::messages::removed_leftovers(&report.removed_leftovers)
        );
    }
    eprint!("{}", reporter.problems(&[], &report.warnings));
    eprintln!("{}", reporter.count(0, report.warnings.len()));
    let done = msg!(
        "build-done",
        pages = report.pages,
        sections = report.sections,
        files = report.files.files(),
        output = report.output.display().to_string(),
        ms = report.elapsed.as_millis() as u64,
    );
    println!("{done}");
    println!("{}", report.files.summary(reporter.lang));
    if report.photos_encoded > 0 {
        let encoded = msg!(
            "photos-encoded",
            count = report.photos_encoded,
            cache = kepu::images::CACHE_DIR
        );
        println!("{encoded}");
    }
    if report.photos_read > 0 {
        let read = msg!(
            "photos-read",
            count = report.photos_read,
            index = kepu::images::index::INDEX_FILE
        );
        println!("{read}");
    }
    let held = &report.held_back;
    if !held.leftovers.is_empty() {
        println!("{}", kepu::source::leftovers_note(&held.leftovers));
    }
    if held.drafts > 0 {
        println!("{}", msg!("held-drafts", count = held.drafts));
    }
    if held.scheduled > 0 {
        let held_back = match held.next_date.as_deref() {
            Some(date) => msg!("held-scheduled", count = held.scheduled, date = date),
            None => msg!("held-scheduled-undated", count = held.scheduled),
        };
        println!("{held_back}");
    }
}
