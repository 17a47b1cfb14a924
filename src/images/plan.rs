//! Which files every original becomes, decided before anything is
//! rendered: for each raster image a page uses, its renditions (the
//! `srcset` widths in each format, the WeChat edition's 1080-wide JPEG,
//! for covers the share-card and WeChat cover crops, and with
//! `keep_originals` the full-size original, stripped), their site paths
//! and pixel sizes — read from the headers, so pages are rendered with
//! `width`/`height` while the encoding is left to the stage that makes
//! the files.

use super::cache::{ImageCache, SourceKey};
use super::index::{Header, Headers, Snapshot, Snapshots};
use super::{Format, Probe, Rendition, Settings, Shape};
use crate::error::Diagnostic;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The WeChat edition's images: WeChat shows articles at most 1080 px wide.
pub const WECHAT_WIDTH: u32 = 1080;
/// The share card (`og:image`) cut from a cover.
pub const SHARE_CARD: (u32, u32) = (1200, 630);
/// The two cover shapes of a WeChat article: 2.35:1 and 1:1.
pub const WECHAT_COVERS: [(u32, u32); 2] = [(900, 383), (600, 600)];

/// An original the site publishes.
#[derive(Debug, Clone)]
pub struct Original {
    /// Its site path (`events/robot-2024/stage.jpg`).
    pub dest: String,
    pub file: PathBuf,
    /// Some page uses it as its `cover`.
    pub cover: bool,
}

/// One rendition of a planned original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Site path, without a leading `/`.
    pub path: String,
    pub rendition: Rendition,
    pub width: u32,
    pub height: u32,
}

/// What one original is published as. Its files are [`Planned::files`];
/// the other fields index into them.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The original's site path.
    pub dest: String,
    pub source: PathBuf,
    pub key: SourceKey,
    pub probe: Probe,
    /// Every file to write, each once.
    pub files: Vec<File>,
    /// The `srcset` of each format, preferred first; the last is the
    /// fallback of the `<img>` itself. Each is ordered by width.
    pub sets: Vec<(Format, Vec<usize>)>,
    /// The 1080-wide (or narrower) fallback-format file for WeChat, when
    /// the WeChat edition is made.
    pub wechat: Option<usize>,
    /// For covers: the share card and the WeChat cover shapes.
    pub crops: Vec<usize>,
}

impl Planned {
    /// The files of `indexes`.
    pub fn each<'p>(&'p self, indexes: &'p [usize]) -> impl Iterator<Item = &'p File> + 'p {
        indexes.iter().map(|i| &self.files[*i])
    }

    /// The largest file of the fallback format (the print edition's).
    pub fn largest(&self) -> &File {
        let (_, files) = self.sets.last().expect("a plan has a fallback");
        &self.files[*files.last().expect("a srcset has a width")]
    }

    /// The WeChat edition's file, if planned.
    pub fn wechat(&self) -> Option<&File> {
        self.wechat.map(|i| &self.files[i])
    }

    /// The crop of `size` (a cover's), if planned.
    pub fn crop(&self, size: (u32, u32)) -> Option<&File> {
        let wanted = Shape::Fill(size.0, size.1);
        self.each(&self.crops).find(|f| f.rendition.shape == wanted)
    }
}

/// Every planned original, in site-path order, and by site path.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    photos: Vec<Planned>,
    by_dest: HashMap<String, usize>,
    /// Very large originals, processed with a warning.
    pub warnings: Vec<Diagnostic>,
}

impl Plan {
    /// Reads the header of every original in parallel (or finds it in
    /// `headers`) and plans its renditions; an original that cannot be
    /// read is an error naming it. `wechat`: the WeChat edition is made
    /// (its 1080-wide files).
    pub fn make(
        settings: &Settings,
        mut originals: Vec<Original>,
        wechat: bool,
        headers: &Headers,
    ) -> (Plan, Vec<Diagnostic>) {
        // Two originals on one path stay two: the output plan reports the clash.
        originals.sort_by(|a, b| a.dest.cmp(&b.dest));
        let results: Vec<Result<(Planned, Option<Diagnostic>), Diagnostic>> = originals
            .into_par_iter()
            .map(|original| {
                let header = headers.read(&original.file)?;
                Ok(plan_one(settings, original, wechat, header))
            })
            .collect();
        let mut plan = Plan::default();
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok((planned, warning)) => {
                    plan.warnings.extend(warning);
                    plan.by_dest
                        .entry(planned.dest.clone())
                        .or_insert(plan.photos.len());
                    plan.photos.push(planned);
                }
                Err(problem) => problems.push(problem),
            }
        }
        (plan, problems)
    }

    /// The plan of the original at site path `dest`.
    pub fn get(&self, dest: &str) -> Option<&Planned> {
        self.by_dest.get(dest).map(|i| &self.photos[*i])
    }

    /// Every planned original, in site-path order.
    pub fn photos(&self) -> &[Planned] {
        &self.photos
    }

    pub fn is_empty(&self) -> bool {
        self.photos.is_empty()
    }

    /// The site paths of the planned originals (which pages may name,
    /// whether or not the original itself is published).
    pub fn originals(&self) -> impl Iterator<Item = &str> {
        self.photos.iter().map(|p| p.dest.as_str())
    }

    /// The renditions `cache` lacks, one job per original so that no
    /// thread making them holds two decoded images (and originals with the
    /// same bytes once), in source order, each with its original's bytes
    /// if `snapshots` kept them (the others' are dropped).
    pub fn missing(&self, cache: &ImageCache, mut snapshots: Snapshots) -> Vec<Job> {
        let mut by_key: HashMap<SourceKey, (&Path, Vec<Rendition>)> = HashMap::new();
        for planned in &self.photos {
            let (_, renditions) = by_key.entry(planned.key).or_insert((&planned.source, Vec::new()));
            renditions.extend(planned.files.iter().map(|f| f.rendition));
        }
        let mut jobs: Vec<Job> = by_key
            .into_iter()
            .filter_map(|(key, (source, mut renditions))| {
                renditions.sort_by_key(|r| format!("{r:?}"));
                renditions.dedup();
                let renditions = cache.missing(key, &renditions);
                (!renditions.is_empty()).then(|| Job {
                    key,
                    source: source.to_path_buf(),
                    renditions,
                    snapshot: snapshots.take(key),
                })
            })
            .collect();
        jobs.sort_by(|a, b| a.source.cmp(&b.source));
        jobs
    }
}

/// The renditions of one original to make.
#[derive(Debug, Clone)]
pub struct Job {
    pub key: SourceKey,
    pub source: PathBuf,
    pub renditions: Vec<Rendition>,
    /// The original's bytes as its header was read; `None`: read it again.
    pub snapshot: Option<Snapshot>,
}

fn plan_one(
    settings: &Settings,
    original: Original,
    wechat: bool,
    header: Header,
) -> (Planned, Option<Diagnostic>) {
    let Header { probe, key, warning } = header;
    let (stem, _) = original.dest.rsplit_once('.').unwrap_or((&original.dest, ""));
    // Diagrams and transparency stay PNG; photos fall back to JPEG.
    let fallback = if probe.alpha || probe.format == image::ImageFormat::Png {
        Format::Png
    } else {
        Format::Jpeg
    };
    let mut files: Vec<File> = Vec::new();
    // The index of the file of `shape` in `format`, added once.
    let mut file = |shape: Shape, format: Format, path: Option<&str>| {
        let rendition = Rendition {
            shape,
            format,
            quality: settings.quality,
        };
        let (width, height) = rendition.size(&probe);
        let name = match shape {
            Shape::Width(_) => format!("{width}w"),
            Shape::Fill(..) => format!("{width}x{height}"),
        };
        let path = path.map_or_else(|| format!("{stem}-{name}.{}", format.extension()), str::to_string);
        if let Some(i) = files.iter().position(|f| f.path == path) {
            return i;
        }
        files.push(File {
            path,
            rendition,
            width,
            height,
        });
        files.len() - 1
    };
    let widths = srcset_widths(&settings.widths, probe.width);
    let sets = settings
        .formats
        .iter()
        .map(|format| {
            let format = if *format == Format::Jpeg {
                fallback
            } else {
                *format
            };
            let set = widths
                .iter()
                .map(|w| file(Shape::Width(*w), format, None))
                .collect();
            (format, set)
        })
        .collect();
    let wechat = wechat.then(|| file(Shape::Width(WECHAT_WIDTH), fallback, None));
    let crops = if original.cover {
        std::iter::once(SHARE_CARD)
            .chain(WECHAT_COVERS)
            .map(|(w, h)| file(Shape::Fill(w, h), Format::Jpeg, None))
            .collect()
    } else {
        Vec::new()
    };
    if settings.keep_originals {
        // Under its own name, so in its own format.
        let own = match probe.format {
            image::ImageFormat::Png => Format::Png,
            image::ImageFormat::WebP => Format::Webp,
            _ => Format::Jpeg,
        };
        file(Shape::Width(probe.width), own, Some(&original.dest));
    }
    let planned = Planned {
        dest: original.dest,
        source: original.file,
        key,
        probe,
        files,
        sets,
        wechat,
        crops,
    };
    (planned, warning)
}

/// The widths of a `srcset` for an original `width` pixels wide: those
/// narrower than it, and its own width once when some asked for are not.
pub fn srcset_widths(wanted: &[u32], width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = wanted.iter().copied().filter(|w| *w < width).collect();
    if widths.len() < wanted.len() {
        widths.push(width);
    }
    widths
}
