//! The files of each page bundle as shortcode templates see them
//! (`files`): the gallery lists a folder of photos with them.

use crate::images;
use crate::model::Site;
use serde::Serialize;
use std::collections::HashMap;

/// A file of a page bundle.
#[derive(Debug, Clone, Serialize)]
pub struct BundleFile {
    /// Relative to the page (`photos/01-开幕式.jpg`), as written in Markdown.
    pub path: String,
    /// Its name without extension and leading ordering number (`开幕式`),
    /// for captions and alt text.
    pub caption: String,
    /// A raster image, published as renditions.
    pub image: bool,
}

/// The bundle files of each page of `site`, by page index, in name order.
pub fn of_site(site: &Site) -> HashMap<usize, Vec<BundleFile>> {
    let mut files: HashMap<usize, Vec<BundleFile>> = HashMap::new();
    for asset in &site.assets {
        let Some(page) = asset.page else { continue };
        let base = site.pages[page].path.trim_start_matches('/');
        let Some(path) = asset.dest.strip_prefix(base) else {
            continue;
        };
        files.entry(page).or_default().push(BundleFile {
            path: path.to_string(),
            caption: caption_of(path),
            image: images::is_raster(path),
        });
    }
    for list in files.values_mut() {
        list.sort_by(|a, b| a.path.cmp(&b.path));
    }
    files
}

/// `photos/01-开幕式.jpg` → `开幕式`: the name, without its folder,
/// extension and the number that orders it.
fn caption_of(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let unnumbered = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let caption = unnumbered.trim_start_matches(['-', '_', ' ', '.']);
    if caption.is_empty() { stem } else { caption }.to_string()
}

#[cfg(test)]
mod tests {
    use super::caption_of;

    #[test]
    fn captions_drop_folder_extension_and_ordering_number() {
        assert_eq!(caption_of("photos/01-开幕式.jpg"), "开幕式");
        assert_eq!(caption_of("photos/2024.jpg"), "2024");
        assert_eq!(caption_of("合影.png"), "合影");
    }
}
