//! Which pages each feed carries: the site's feed (the home section's) and,
//! when `feeds.sections` is on, one per section, each with the dated pages
//! of the section and its subsections, newest first, at most `feeds.limit`.

use super::{Page, Section};
use crate::config::Feeds;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The section the feed belongs to (0, the home section, for the site).
    pub section: usize,
    /// Indexes into `Site::pages`, newest first.
    pub pages: Vec<usize>,
}

/// The non-empty feeds of the site, in section order.
pub fn plan(sections: &[Section], pages: &[Page], newest_first: &[usize], settings: Feeds) -> Vec<Feed> {
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); sections.len()];
    let is_full = |list: &Vec<usize>| settings.limit != 0 && list.len() >= settings.limit;
    for &index in newest_first {
        if pages[index].source.date.is_none() {
            continue;
        }
        let mut section = Some(pages[index].section);
        while let Some(s) = section {
            if (s == 0 || settings.sections) && !is_full(&lists[s]) {
                lists[s].push(index);
            }
            section = sections[s].parent;
        }
    }
    lists
        .into_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(section, pages)| Feed { section, pages })
        .collect()
}
