//! The `kepu` command: parses arguments, calls the library, reports errors
//! with their causes, and sets the exit code.

use clap::{Parser, Subcommand};
use kepu::{BuildOptions, BuildReport};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Create a new site that builds as it is.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), kepu::error::Error> {
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
            };
            if *force && !cli.quiet {
                let out = options.output_dir();
                if out.is_dir() && !out.join(kepu::output::MARKER).exists() {
                    eprintln!(
                        "warning: --force: replacing {} and everything in it",
                        out.display()
                    );
                }
            }
            let report = kepu::build(&options)?;
            if !cli.quiet {
                print_report(&report);
            }
            Ok(())
        }
        Command::Init { dir } => {
            kepu::init::init(dir)?;
            if !cli.quiet {
                println!(
                    "created a new site in {}; build it with: kepu build --root {}",
                    dir.display(),
                    dir.display()
                );
            }
            Ok(())
        }
    }
}

fn print_report(report: &BuildReport) {
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "built {} pages and {} sections: {} files in {} ({} ms)",
        report.pages,
        report.sections,
        report.files_written,
        report.output.display(),
        report.elapsed.as_millis()
    );
    let held = &report.held_back;
    if held.drafts > 0 {
        println!(
            "held back {} draft{} (--drafts to include)",
            held.drafts,
            if held.drafts == 1 { "" } else { "s" }
        );
    }
    if held.scheduled > 0 {
        println!(
            "held back {} scheduled page{}; the next is due {} (--future to include)",
            held.scheduled,
            if held.scheduled == 1 { "" } else { "s" },
            held.next_date.as_deref().unwrap_or("later")
        );
    }
}
