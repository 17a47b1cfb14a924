//! Photos: phone photos in a recap bundle are published as portrait
//! renditions in a `<picture>` with `srcset`, `sizes`, `width`/`height` and
//! lazy loading, with no EXIF or GPS in any published file; renditions are
//! kept between builds; bad photos are clear errors; the editions pick
//! their own rendition.

use crate::common::shared::Built;
use crate::common::{Server, Site, fixture_dir, snapshot};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const RECAP: &str = "events/village-day/";

/// The photo fixture with its photos copied in, on the default theme.
pub fn photo_site() -> Site {
    photo_site_in(tempfile::tempdir().unwrap())
}

fn photo_site_in(dir: tempfile::TempDir) -> Site {
    let site = Site::fixture_with_theme_in(dir, "photo-site");
    let photos = fixture_dir("photos");
    let bundle = site.path("content/events/village-day");
    for name in ["rocket-phone.jpg", "coffee-phone.jpg", "astronaut-cutout.png"] {
        std::fs::copy(photos.join(name), bundle.join(name)).unwrap();
    }
    std::fs::create_dir_all(bundle.join("photos")).unwrap();
    std::fs::copy(
        photos.join("rocket-phone.jpg"),
        bundle.join("photos/01-火箭发射.jpg"),
    )
    .unwrap();
    std::fs::copy(
        photos.join("coffee-phone.jpg"),
        bundle.join("photos/02-咨询台.jpg"),
    )
    .unwrap();
    site
}

/// The photo fixture built once, for the tests that only read it.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    Built::once(&BUILT, |dir| {
        let site = photo_site_in(dir);
        let stdout = site.build(&[]);
        assert!(stdout.contains("encoded"), "{stdout}");
        site
    })
}

fn published(out: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn dimensions(bytes: &[u8]) -> (u32, u32) {
    use image::GenericImageView;
    image::load_from_memory(bytes)
        .expect("a published image decodes")
        .dimensions()
}

/// exiftool runs (`-ver`); required under CI=true.
fn exiftool_available() -> bool {
    let found = Command::new("exiftool")
        .arg("-ver")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "exiftool is required under CI=true (apt-get install libimage-exiftool-perl)"
        );
        eprintln!("notice: exiftool not found, its half of the test skipped");
    }
    found
}

#[test]
fn phone_photos_are_portrait_renditions_in_a_picture_without_metadata() {
    let site = built();
    let out = site.output();
    let page = site.read(&format!("{RECAP}index.html"));
    let base = "https://example.org/kexie/events/village-day/";
    // The cover: stored 2000×1500 with orientation 6, shown 1500×2000.
    let cover = page
        .split(r#"<figure class="cover">"#)
        .nth(1)
        .expect("a cover")
        .split("</figure>")
        .next()
        .unwrap();
    assert!(cover.contains(&format!(
        r#"<source type="image/webp" srcset="{base}rocket-phone-480w.webp 480w, {base}rocket-phone-960w.webp 960w, {base}rocket-phone-1500w.webp 1500w" sizes="(min-width: 48rem) 46rem, 100vw">"#
    )), "{cover}");
    assert!(cover.contains(r#"width="1500" height="2000""#), "{cover}");
    assert!(!cover.contains("loading="), "the cover loads at once: {cover}");
    assert_eq!(
        dimensions(&published(&out, &format!("{RECAP}rocket-phone-480w.webp"))),
        (480, 640)
    );
    assert_eq!(
        dimensions(&published(&out, &format!("{RECAP}rocket-phone-1500w.jpg"))),
        (1500, 2000)
    );
    // The body's photo (1800×1200 stored, turned: 1200×1800) is lazy, the
    // transparent graphic keeps a PNG fallback.
    assert!(page.contains(&format!(r#"<img src="{base}coffee-phone-960w.jpg" srcset="{base}coffee-phone-480w.jpg 480w, {base}coffee-phone-960w.jpg 960w, {base}coffee-phone-1200w.jpg 1200w""#)), "{page}");
    assert!(
        page.contains(r#"width="1200" height="1800" alt="村口广场的咨询台""#),
        "{page}"
    );
    assert_eq!(
        page.matches(r#"loading="lazy" decoding="async""#).count(),
        4,
        "every body image is lazy"
    );
    assert!(page.contains("astronaut-cutout-320w.png 320w"), "{page}");
    assert!(!published(&out, &format!("{RECAP}astronaut-cutout-320w.png")).is_empty());
    // Originals are not published.
    for original in [
        "rocket-phone.jpg",
        "coffee-phone.jpg",
        "astronaut-cutout.png",
        "photos/01-火箭发射.jpg",
    ] {
        assert!(
            !site.exists(&format!("{RECAP}{original}")),
            "{original} was published"
        );
    }
    // No published file carries EXIF, the camera or the position.
    let files = site.snapshot();
    for (path, bytes) in &files {
        for needle in [&b"Exif\0\0"[..], b"Xiaomi", b"Redmi", b"http://ns.adobe.com/xap"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{path} carries {needle:?}"
            );
        }
    }
    if exiftool_available() {
        let images: Vec<_> = files
            .keys()
            .filter(|p| [".jpg", ".webp", ".png"].iter().any(|e| p.ends_with(e)))
            .map(|p| out.join(p))
            .collect();
        assert!(images.len() > 20, "{images:?}");
        let out = Command::new("exiftool")
            .args([
                "-q",
                "-q",
                "-s",
                "-EXIF:all",
                "-GPS:all",
                "-XMP:all",
                "-Make",
                "-Model",
            ])
            .args(&images)
            .output()
            .unwrap();
        let found = String::from_utf8_lossy(&out.stdout);
        assert!(!found.contains(": "), "metadata found by exiftool:\n{found}");
        // The same call sees it in the original.
        let original = Command::new("exiftool")
            .args(["-q", "-s", "-GPSLatitude", "-Orientation"])
            .arg(fixture_dir("photos/rocket-phone.jpg"))
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&original.stdout).contains("GPSLatitude"));
    }
}

#[test]
fn a_gallery_is_a_grid_of_captioned_thumbnails_linking_the_large_photo() {
    let site = built();
    let page = site.read(&format!("{RECAP}index.html"));
    let gallery = page
        .split(r#"<div class="gallery""#)
        .nth(1)
        .expect("a gallery")
        .split("</div>")
        .next()
        .unwrap();
    assert_eq!(gallery.matches("<figure").count(), 2, "{gallery}");
    let first = "https://example.org/kexie/events/village-day/photos/01-%E7%81%AB%E7%AE%AD%E5%8F%91%E5%B0%84";
    assert!(
        gallery.contains(&format!(r#"<a href="{first}-1500w.jpg"><picture>"#)),
        "{gallery}"
    );
    assert!(
        gallery.contains(r#"sizes="(min-width: 48rem) 15rem, 50vw""#),
        "{gallery}"
    );
    assert!(
        gallery.contains(r#"alt="火箭发射""#) && gallery.contains("<figcaption>火箭发射</figcaption>"),
        "{gallery}"
    );
    assert!(gallery.contains("<figcaption>咨询台</figcaption>"), "{gallery}");
    // Lists and the home page show the cover.
    for list in ["events/index.html", "index.html"] {
        assert!(
            site.read(list).contains("rocket-phone-480w.webp 480w"),
            "{list} has no cover"
        );
    }
}

#[test]
fn a_second_build_re_encodes_nothing() {
    let site = photo_site();
    let first = site.build(&[]);
    let encoded: usize = first
        .lines()
        .find_map(|l| l.strip_prefix("encoded ")?.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no count: {first}"));
    // The cover: 3 widths × 2 formats, the WeChat 1080 JPEG, 3 crops (10);
    // coffee: 6 + 1080 (7); the 320-wide cutout: PNG and WebP (2). The
    // gallery's photos have the same bytes as two of these: none more.
    assert_eq!(encoded, 19, "{first}");
    let cache = site.path(".kepu-cache/images");
    let before = snapshot(&cache);
    assert_eq!(before.len(), encoded, "one cache file per rendition");
    let output = site.snapshot();
    let second = site.build(&[]);
    assert!(
        !second.contains("encoded"),
        "the second build encoded again: {second}"
    );
    assert_eq!(snapshot(&cache), before);
    assert_eq!(site.snapshot(), output, "the same site, from the cache");
    // A changed photo gets new renditions, keyed by its bytes: the cover
    // now has the coffee photo's, of which only the cover crops are new.
    std::fs::copy(
        fixture_dir("photos/coffee-phone.jpg"),
        site.path("content/events/village-day/rocket-phone.jpg"),
    )
    .unwrap();
    let third = site.build(&[]);
    assert!(third.contains("encoded 3 photo renditions"), "{third}");
}

/// The count of originals a build says it read (0 when it says nothing).
fn originals_read(stdout: &str) -> usize {
    stdout
        .lines()
        .find_map(|l| {
            l.strip_prefix("read ")?
                .split(" photo originals")
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

#[test]
fn a_rebuild_reads_no_original_until_one_changes() {
    let site = photo_site();
    let first = site.build(&[]);
    // Five headers, each original read once: the three distinct photos
    // are encoded from the bytes their headers were read from.
    assert_eq!(originals_read(&first), 5, "{first}");
    let index = site.path(".kepu-cache/photos.json");
    assert!(index.is_file(), "no index of the originals");
    let second = site.build(&[]);
    assert_eq!(originals_read(&second), 0, "a rebuild read originals: {second}");
    // A newer modification time reads that photo again, and finds its
    // renditions by its (unchanged) bytes.
    let coffee = site.path("content/events/village-day/coffee-phone.jpg");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&coffee)
        .and_then(|f| f.set_modified(later))
        .unwrap();
    let touched = site.build(&[]);
    assert_eq!(originals_read(&touched), 1, "{touched}");
    assert!(!touched.contains("encoded"), "{touched}");
    // New bytes are read and encoded.
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]))
        .save_with_format(&coffee, image::ImageFormat::Jpeg)
        .unwrap();
    let changed = site.build(&[]);
    assert_eq!(originals_read(&changed), 1, "read once: {changed}");
    assert!(changed.contains("encoded"), "{changed}");
    // A damaged index is no index: every photo is read again.
    std::fs::write(&index, "{").unwrap();
    let damaged = site.build(&[]);
    assert_eq!(originals_read(&damaged), 5, "{damaged}");
    assert_eq!(originals_read(&site.build(&[])), 0);
}

#[test]
fn check_plans_photos_without_encoding_them() {
    let site = photo_site();
    let out = site.kepu(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("0 errors, 0 warnings") || !stdout.contains("warning"),
        "{stdout}"
    );
    assert!(!site.path(".kepu-cache").exists(), "check encoded photos");
}

fn assert_fails_naming(site: &Site, file: &str, words: &[&str]) {
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains(file), "{stderr}");
    for word in words {
        assert!(stderr.contains(word), "{word} missing from:\n{stderr}");
    }
    let out = site.kepu(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains(file));
}

#[test]
fn heic_photos_are_refused_with_what_to_do() {
    let site = photo_site();
    std::fs::copy(
        fixture_dir("photos/chelsea.heic"),
        site.path("content/events/village-day/cat.heic"),
    )
    .unwrap();
    assert_fails_naming(&site, "cat.heic", &["HEIC", "export it as JPEG"]);
    // Renamed .jpg, it is still named for what it is.
    std::fs::rename(
        site.path("content/events/village-day/cat.heic"),
        site.path("content/events/village-day/cat.jpg"),
    )
    .unwrap();
    assert_fails_naming(&site, "cat.jpg", &["HEIC", "export it as JPEG"]);
}

#[test]
fn an_undecodable_photo_is_an_error_naming_it() {
    let site = photo_site();
    let photo = std::fs::read(fixture_dir("photos/coffee-phone.jpg")).unwrap();
    // Cut off half-way, as a download that did not finish: it would decode,
    // grey below the cut.
    site.write("content/events/village-day/half.jpg", &photo[..photo.len() / 2]);
    assert_fails_naming(&site, "half.jpg", &["incomplete", "JPEG"]);
    std::fs::remove_file(site.path("content/events/village-day/half.jpg")).unwrap();
    // A web page saved under the photo's name.
    site.write(
        "content/events/village-day/broken.jpg",
        "<!DOCTYPE html><title>图片</title>",
    );
    assert_fails_naming(&site, "broken.jpg", &["cannot be decoded", "JPEG"]);
}

#[test]
fn a_huge_photo_is_processed_with_a_warning() {
    let site = photo_site();
    // A 48-megapixel photo, as some phones take.
    let small =
        image::load_from_memory(&std::fs::read(fixture_dir("photos/rocket-phone.jpg")).unwrap()).unwrap();
    let huge = small
        .resize_exact(8000, 6000, image::imageops::FilterType::Nearest)
        .to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 70)
        .encode_image(&huge)
        .unwrap();
    site.write("content/events/village-day/huge.jpg", &jpeg);
    let out = site.kepu(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("huge.jpg") && stderr.contains("8000×6000"),
        "{stderr}"
    );
    assert!(stderr.contains("the photo is very large"), "{stderr}");
    assert!(site.exists(&format!("{RECAP}huge-1600w.webp")));
}

#[test]
fn editions_pick_their_rendition() {
    let site = built();
    let out = site.output();
    let base = "https://example.org/kexie/events/village-day/";
    // Print: the article page prints the largest file (its print source
    // comes first, so paper picks it); there is no print page of its own.
    let page = site.read(&format!("{RECAP}index.html"));
    assert!(
        page.contains(&format!(
            r#"<picture><source media="print" srcset="{base}coffee-phone-1200w.jpg 1200w" sizes="#
        )),
        "{page}"
    );
    assert!(!site.exists(&format!("print/{RECAP}index.html")));
    // WeChat: absolute URLs of the 1080-wide JPEG.
    let wechat = site.read(&format!("wechat/{RECAP}index.html"));
    let body = wechat.split("data-kepu-export").nth(1).unwrap_or(&wechat);
    assert!(
        body.contains(&format!(r#"src="{base}coffee-phone-1080w.jpg""#)),
        "{body}"
    );
    assert!(!body.contains("srcset") && !body.contains("<picture"));
    assert_eq!(
        dimensions(&published(&out, &format!("{RECAP}coffee-phone-1080w.jpg"))),
        (1080, 1620)
    );
    // The WeChat page offers the cover in the account's two shapes.
    for (name, size) in [
        ("rocket-phone-900x383.jpg", (900, 383)),
        ("rocket-phone-600x600.jpg", (600, 600)),
    ] {
        assert!(wechat.contains(&format!("{base}{name}")), "{name} not offered");
        assert_eq!(dimensions(&published(&out, &format!("{RECAP}{name}"))), size);
    }
    // The share card is the cover, cut to 1200×630.
    let page = site.read(&format!("{RECAP}index.html"));
    assert!(
        page.contains(&format!(
            r#"<meta property="og:image" content="{base}rocket-phone-1200x630.jpg">"#
        )),
        "{page}"
    );
    assert_eq!(
        dimensions(&published(&out, &format!("{RECAP}rocket-phone-1200x630.jpg"))),
        (1200, 630)
    );
}

/// The cache's files with their modification times.
fn cache_stamps(root: &Path) -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    let mut stamps: Vec<_> = walk_files(&root.join(".kepu-cache/images"))
        .into_iter()
        .map(|file| {
            let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
            (file, modified)
        })
        .collect();
    stamps.sort();
    stamps
}

fn walk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn serve_publishes_renditions_and_a_text_edit_encodes_nothing() {
    use kepu::serve::rebuild::Rebuilder;
    use kepu::serve::served::ServedFile;
    use kepu::serve::watch::Changes;
    let site = photo_site();
    let root = site.root().canonicalize().unwrap();
    let mut rebuilder = Rebuilder::new(&root, "127.0.0.1:1111".parse().unwrap(), false, false, None);
    let served = rebuilder.build_all().expect("the photo site builds");
    let rendition = format!("{RECAP}coffee-phone-480w.webp");
    match &served.files[&rendition] {
        ServedFile::Copy { from, .. } => {
            assert!(from.starts_with(root.join(".kepu-cache/images")), "{from:?}");
            assert_eq!(dimensions(&std::fs::read(from).unwrap()), (480, 720));
        }
        other => panic!("{rendition} is served as {other:?}"),
    }
    assert!(
        !served.files.contains_key(&format!("{RECAP}coffee-phone.jpg")),
        "the original is served"
    );
    let cache = cache_stamps(&root);
    let page = "content/events/village-day/index.md";
    site.edit(page, "设立了咨询台", "设立了两个咨询台");
    let mut changes = Changes::default();
    changes.add(&root, &root.join(page));
    let again = rebuilder.rebuild(&changes).expect("the edit builds");
    let changed = served.changed_paths(&again);
    assert!(
        changed
            .iter()
            .all(|p| p.ends_with(".html") || p.ends_with(".xml") || p.starts_with("search/")),
        "a text edit changed {changed:?}"
    );
    assert!(changed.contains(&format!("{RECAP}index.html")), "{changed:?}");
    assert_eq!(cache_stamps(&root), cache, "a text edit encoded photos");
}

/// One serve-like run of `site` that leaves the photos to the caller.
fn background_run(site: &Site) -> kepu::pipeline::Outcome {
    use kepu::pipeline::{BuildOptions, Memory, Policy, Run, Sink};
    let run = Run {
        photos_in_background: true,
        ..Run::new(Policy::StopAtFirstError, Sink::Memory)
    };
    let options = BuildOptions::new(site.root());
    let update = kepu::source::SourceUpdate::Other;
    kepu::pipeline::run(&options, &mut Memory::serving(), &update, &run, &mut |_| {})
}

#[test]
fn a_run_with_photos_in_the_background_names_them_and_leaves_them_to_make() {
    let site = photo_site();
    let outcome = background_run(&site);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    // One job per distinct original (the gallery's photos are copies).
    assert_eq!(outcome.photo_jobs.len(), 3, "{:?}", outcome.photo_jobs);
    assert_eq!(outcome.photos_encoded, 0);
    // Each original read once, for its header; its bytes go with the job.
    assert_eq!(outcome.photos_read, 5);
    assert!(outcome.photo_jobs.iter().all(|job| job.snapshot.is_some()));
    assert!(!site.path(".kepu-cache/images").exists(), "encoded meanwhile");
    let rendition = format!("{RECAP}coffee-phone-480w.webp");
    let page = format!("{RECAP}index.html");
    let output = |path: &str| outcome.outputs.iter().find(|o| o.path() == path);
    match output(&rendition) {
        Some(kepu::files::Output::Copy { from, .. }) => assert!(!from.exists(), "{from:?}"),
        other => panic!("{rendition} is {other:?}"),
    }
    match output(&page) {
        Some(kepu::files::Output::Bytes { bytes, .. }) => {
            assert!(String::from_utf8_lossy(bytes).contains("coffee-phone-480w.webp 480w"));
        }
        other => panic!("{page} is {other:?}"),
    }
}

#[test]
fn the_photo_maker_makes_each_original_once_with_no_more_decoded_photos_than_threads() {
    use kepu::serve::photos::PhotoMaker;
    use std::time::Duration;
    let site = photo_site();
    let jobs = background_run(&site).photo_jobs;
    let (sender, finished) = std::sync::mpsc::channel();
    let sender = std::sync::Mutex::new(sender);
    let maker = PhotoMaker::new(site.root(), 2, move |done| {
        let _ = sender.lock().unwrap().send(done);
    })
    .unwrap();
    // Asked twice, as two quick rebuilds would: made once.
    maker.make(jobs.clone());
    maker.make(jobs.clone());
    let mut written = Vec::new();
    for _ in 0..jobs.len() {
        let done = finished
            .recv_timeout(Duration::from_secs(120))
            .expect("a job ends");
        written.extend(done.made.expect("the photo is made"));
    }
    assert_eq!(written.len(), 19, "what a build encodes: {written:?}");
    assert!(written.iter().all(|file| file.is_file()));
    let peak = maker.gauge().peak();
    assert!(peak <= maker.threads(), "{peak} decoded photos at once");
    // Made, they are not made again.
    maker.make(jobs);
    for _ in 0..3 {
        let done = finished
            .recv_timeout(Duration::from_secs(120))
            .expect("a job ends");
        assert_eq!(
            done.made.expect("nothing to make"),
            Vec::<std::path::PathBuf>::new()
        );
    }
    assert_eq!(maker.gauge().decoded(), 3);
}

#[test]
fn a_photo_that_changed_after_its_header_was_read_is_an_error_naming_it() {
    let site = photo_site();
    let mut jobs = background_run(&site).photo_jobs;
    let coffee = site.path("content/events/village-day/coffee-phone.jpg");
    let mut job = jobs.remove(
        jobs.iter()
            .position(|j| j.source == coffee)
            .expect("coffee's job"),
    );
    // Past the memory budget, an original is read again: it is another photo now.
    job.snapshot = None;
    std::fs::copy(fixture_dir("photos/rocket-phone.jpg"), &coffee).unwrap();
    let cache = kepu::images::ImageCache::new(site.path(".kepu-cache/images"));
    let problem = kepu::output::cache::make_job(&cache, job).unwrap_err();
    assert_eq!(problem.file, coffee);
    assert!(
        problem.message.contains("changed while") || problem.message.contains("被改动"),
        "{problem:?}"
    );
    assert!(
        !site.path(".kepu-cache/images").exists(),
        "renditions kept under the old key"
    );
}

/// Moves a new recap in, its one photo `jpeg` (`big.jpg`), as one change:
/// the rebuild that shows it hands its photo on only once it is done.
pub fn add_recap_with_photo(site: &Site, jpeg: Vec<u8>) {
    let new = site.outside("new-day");
    std::fs::create_dir_all(&new).unwrap();
    std::fs::write(new.join("big.jpg"), jpeg).unwrap();
    std::fs::write(
        new.join("index.md"),
        "---\ntitle: 新的活动\ndate: 2024-03-08\n---\n\n![会场全景](big.jpg)\n",
    )
    .unwrap();
    std::fs::rename(&new, site.path("content/events/new-day")).unwrap();
}

/// Waits until the server has said `count` times that it made a photo's
/// renditions (`made 7 renditions of content/…/x.jpg in 812 ms`); returns
/// those lines.
pub fn wait_for_photos(server: &Server, count: usize) -> Vec<String> {
    // Photos are slow on a loaded machine of 2 cores.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let (mut made, mut seen) = (Vec::new(), Vec::new());
    while made.len() < count {
        let wait = deadline.saturating_duration_since(std::time::Instant::now());
        let Ok(line) = server.lines.recv_timeout(wait) else {
            panic!("{} of {count} photos made; got:\n{}", made.len(), seen.join("\n"));
        };
        if line.contains(" renditions of ") {
            made.push(line.clone());
        }
        seen.push(line);
    }
    made
}

/// A JPEG of new bytes, `width`×`height`: encoding the renditions of a
/// phone-sized one takes far longer than asking for a page.
pub fn large_photo(width: u32, height: u32) -> Vec<u8> {
    let small =
        image::load_from_memory(&std::fs::read(fixture_dir("photos/coffee-phone.jpg")).unwrap()).unwrap();
    let large = small
        .resize_exact(width, height, image::imageops::FilterType::Nearest)
        .to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&large)
        .unwrap();
    jpeg
}

#[test]
fn serve_shows_a_page_with_a_new_photo_at_once_and_the_photo_once_encoded() {
    let site = photo_site();
    let server = Server::start(&site, &[]);
    // The first build is served before its photos are made too: its
    // three distinct originals (the gallery's are copies) follow.
    wait_for_photos(&server, 3);
    add_recap_with_photo(&site, large_photo(3000, 2000));
    let page_path = "/kexie/events/new-day/";
    let rendition = "/kexie/events/new-day/big-480w.webp";
    // The page is served with its photo's final URLs before the photo is made.
    loop {
        server.wait_for("rebuilt in");
        let page = server.get(page_path);
        if page.status == 200 {
            let html = page.text();
            assert!(html.contains("big-480w.webp 480w"), "{html}");
            // Its size is known from the header alone.
            assert!(html.contains(r#"width="1600" height="1067""#), "{html}");
            break;
        }
    }
    assert_eq!(
        server.get(rendition).status,
        404,
        "the photo was made before the page was served: encoding blocked the rebuild"
    );
    let made = wait_for_photos(&server, 1);
    assert!(made[0].contains("content/events/new-day/big.jpg"), "{made:?}");
    let photo = server.get(rendition);
    assert_eq!(photo.status, 200);
    assert_eq!(photo.header("content-type"), "image/webp");
    assert_eq!(dimensions(&photo.body), (480, 320));
}
