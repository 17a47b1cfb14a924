use super::cache::SourceKey;
use super::*;
use image::{GenericImageView, ImageFormat};

const ROCKET: &[u8] = include_bytes!("../../tests/fixtures/photos/rocket-phone.jpg");
const CUTOUT: &[u8] = include_bytes!("../../tests/fixtures/photos/astronaut-cutout.png");
const HEIC: &[u8] = include_bytes!("../../tests/fixtures/photos/chelsea.heic");

fn widths(list: &[u32], format: Format) -> Vec<Rendition> {
    list.iter()
        .map(|w| Rendition {
            shape: Shape::Width(*w),
            format,
            quality: 80,
        })
        .collect()
}

/// What a published file must never carry: the EXIF block, the GPS
/// position, the camera, the XMP packet.
fn assert_no_metadata(bytes: &[u8]) {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    for needle in [
        &b"Exif\0\0"[..],
        b"Xiaomi",
        b"Redmi",
        b"GPS",
        b"http://ns.adobe.com/xap",
        b"Volunteer",
    ] {
        assert!(!has(needle), "found {:?}", String::from_utf8_lossy(needle));
    }
}

/// Mean absolute difference of two images scaled to 30×40.
fn difference(a: &image::DynamicImage, b: &image::DynamicImage) -> f64 {
    let small = |i: &image::DynamicImage| {
        i.resize_exact(30, 40, image::imageops::FilterType::Triangle)
            .to_rgb8()
    };
    let (a, b) = (small(a), small(b));
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

#[test]
fn a_phone_photo_turned_by_exif_is_probed_as_the_portrait_it_shows() {
    let probe = probe(ROCKET).unwrap();
    assert_eq!((probe.width, probe.height, probe.alpha), (1500, 2000, false));
    assert_eq!(probe.format, ImageFormat::Jpeg);
}

#[test]
fn renditions_are_portrait_never_upscaled_and_carry_no_metadata() {
    let gauge = Gauge::default();
    let mut renditions = widths(&[480, 960, 1600], Format::Webp);
    renditions.extend(widths(&[480, 960, 1600], Format::Jpeg));
    let made = render(ROCKET, &renditions, &gauge).unwrap();
    let sizes: Vec<(u32, u32)> = made.iter().map(|e| (e.width, e.height)).collect();
    assert_eq!(sizes[..3], [(480, 640), (960, 1280), (1500, 2000)]);
    assert_eq!(sizes[..3], sizes[3..]);
    let probe = probe(ROCKET).unwrap();
    for encoded in &made {
        assert_eq!(encoded.rendition.size(&probe), (encoded.width, encoded.height));
        let decoded = image::load_from_memory(&encoded.bytes).unwrap();
        assert_eq!(decoded.dimensions(), (encoded.width, encoded.height));
        assert_no_metadata(&encoded.bytes);
    }
    assert_eq!(image::guess_format(&made[0].bytes).unwrap(), ImageFormat::WebP);
    assert_eq!(image::guess_format(&made[3].bytes).unwrap(), ImageFormat::Jpeg);
    assert_eq!((gauge.decoded(), gauge.peak()), (1, 1));
}

#[test]
fn the_pixels_are_turned_the_way_the_exif_says() {
    let mut original = image::load_from_memory(ROCKET).unwrap();
    let stored = original.clone();
    original.apply_orientation(image::metadata::Orientation::Rotate90);
    let made = render(ROCKET, &widths(&[480], Format::Jpeg), &Gauge::default()).unwrap();
    let ours = image::load_from_memory(&made[0].bytes).unwrap();
    let mut wrong = stored;
    wrong.apply_orientation(image::metadata::Orientation::Rotate270);
    let right = difference(&ours, &original);
    assert!(right < 8.0, "differs from the photo as shown by {right}");
    assert!(difference(&ours, &wrong) > right * 2.0);
}

#[test]
fn a_graphic_with_transparency_stays_transparent() {
    let probe = probe(CUTOUT).unwrap();
    assert!(probe.alpha);
    let mut renditions = widths(&[160], Format::Png);
    renditions.extend(widths(&[160], Format::Webp));
    let made = render(CUTOUT, &renditions, &Gauge::default()).unwrap();
    for encoded in &made {
        let decoded = image::load_from_memory(&encoded.bytes).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (160, 160));
        assert_eq!(decoded.get_pixel(0, 0)[3], 0, "the corner is transparent");
        assert_eq!(decoded.get_pixel(80, 80)[3], 255, "the middle is opaque");
    }
}

#[test]
fn fill_crops_to_the_shape_asked_for() {
    let shapes = [
        Shape::Fill(1200, 630),
        Shape::Fill(900, 900),
        Shape::Fill(3000, 3000),
    ];
    let renditions: Vec<Rendition> = shapes
        .iter()
        .map(|shape| Rendition {
            shape: *shape,
            format: Format::Jpeg,
            quality: 80,
        })
        .collect();
    let made = render(ROCKET, &renditions, &Gauge::default()).unwrap();
    let sizes: Vec<(u32, u32)> = made.iter().map(|e| (e.width, e.height)).collect();
    // The last asks for more than the photo has: the largest square in it.
    assert_eq!(sizes, [(1200, 630), (900, 900), (1500, 1500)]);
}

#[test]
fn sizes_follow_the_aspect_and_never_grow() {
    use resize::target_size;
    assert_eq!(target_size(4000, 3000, Shape::Width(960)), (960, 720));
    assert_eq!(target_size(640, 427, Shape::Width(960)), (640, 427));
    assert_eq!(target_size(3000, 4000, Shape::Fill(1080, 460)), (1080, 460));
    assert_eq!(target_size(600, 400, Shape::Fill(1200, 630)), (600, 315));
    assert_eq!(target_size(400, 600, Shape::Fill(1000, 1000)), (400, 400));
    assert_eq!(target_size(5000, 2, Shape::Width(480)), (480, 1));
}

#[test]
fn heic_photos_are_named_with_what_to_do() {
    let problem = probe(HEIC).unwrap_err();
    assert!(problem.message.contains("HEIC"), "{}", problem.message);
    assert!(problem.hint.contains("export it as JPEG"), "{}", problem.hint);
    assert_eq!(
        render(HEIC, &widths(&[480], Format::Jpeg), &Gauge::default()).unwrap_err(),
        problem
    );
}

#[test]
fn broken_and_foreign_files_are_clear_problems() {
    let mut truncated = ROCKET[..ROCKET.len() / 3].to_vec();
    truncated.truncate(2000);
    let problem = render(&truncated, &widths(&[480], Format::Jpeg), &Gauge::default()).unwrap_err();
    assert!(
        problem.message.contains("cannot be decoded"),
        "{}",
        problem.message
    );
    assert!(problem.hint.contains("JPEG"));
    // Cut off half-way, as a photo whose download did not finish.
    let half = probe(&ROCKET[..ROCKET.len() / 2]).unwrap_err();
    assert!(half.message.contains("incomplete"), "{}", half.message);
    let text = probe(b"<html>not a picture</html>").unwrap_err();
    assert!(text.message.contains("cannot be decoded"), "{}", text.message);
    let bmp = probe(b"BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00").unwrap_err();
    assert!(bmp.message.contains("BMP"), "{}", bmp.message);
}

#[test]
fn very_large_photos_are_warned_about() {
    let mut probe = probe(ROCKET).unwrap();
    assert_eq!(probe.large_warning(ROCKET.len()), None);
    (probe.width, probe.height) = (8000, 6000);
    let warning = probe.large_warning(25_000_000).unwrap();
    assert!(warning.message.contains("8000×6000"), "{}", warning.message);
    assert!(warning.message.contains("25.0 MB"), "{}", warning.message);
}

#[test]
fn the_cache_names_renditions_by_bytes_and_settings_and_finds_the_missing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ImageCache::new(dir.path());
    let key = SourceKey::of(ROCKET);
    let renditions = widths(&[480, 960], Format::Webp);
    assert_eq!(cache.missing(key, &renditions), renditions);
    let made = cache.render(key, ROCKET, &renditions[..1]).unwrap();
    let (path, _) = &made[0];
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"kept").unwrap();
    assert_eq!(cache.missing(key, &renditions), renditions[1..]);
    let other = SourceKey::of(CUTOUT);
    assert_ne!(cache.path(other, &renditions[0]), *path);
    assert_eq!(SourceKey::from_hex(&key.to_hex()), Some(key));
}

#[test]
fn at_most_one_decoded_image_per_thread() {
    use rayon::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let cache = ImageCache::new(dir.path());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    // Six different originals (one pixel changed each way) in parallel.
    let originals: Vec<Vec<u8>> = (0..6u8)
        .map(|i| {
            let mut photo = image::load_from_memory(CUTOUT).unwrap().to_rgba8();
            photo.get_pixel_mut(160, 160)[0] = i;
            let mut png = Vec::new();
            photo
                .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
                .unwrap();
            png
        })
        .collect();
    pool.install(|| {
        originals.par_iter().try_for_each(|bytes| {
            cache
                .render(SourceKey::of(bytes), bytes, &widths(&[100], Format::Png))
                .map(drop)
        })
    })
    .unwrap();
    assert_eq!(cache.gauge().decoded(), 6);
    assert!(cache.gauge().peak() <= 2, "peak {}", cache.gauge().peak());
}
