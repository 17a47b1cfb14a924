//! Navigation between pages: the previous and next page of a section in
//! reading order, and the pages sharing most tags with each page.

use super::taxonomy::Taxonomy;
use super::{Page, Section};
use crate::source::front_matter::SortBy;
use rayon::prelude::*;

/// How many related pages each page gets.
pub const RELATED_COUNT: usize = 3;

/// Candidates taken from each tag on either side of the page (in date
/// order), so that a tag on every page costs a fixed amount per page and
/// related pages never take quadratic time.
const RELATED_WINDOW: usize = 50;

/// Sets `lower` and `higher` of every page: the previous and next page in
/// its section's reading order. Date-sorted sections list the newest first
/// but read oldest to newest, so there `lower` is the older page.
pub fn link_neighbours(sections: &[Section], pages: &mut [Page]) {
    for section in sections {
        let list = &section.pages;
        let newest_first = section.source.front.sort_by == SortBy::Date;
        for (position, &index) in list.iter().enumerate() {
            let before = position.checked_sub(1).map(|p| list[p]);
            let after = list.get(position + 1).copied();
            let page = &mut pages[index];
            (page.lower, page.higher) = if newest_first {
                (after, before)
            } else {
                (before, after)
            };
        }
    }
}

/// The related pages of every page: most shared tags first, then the
/// nearest in date, then by source path.
pub fn related(pages: &[Page], tags: &Taxonomy) -> Vec<Vec<usize>> {
    let mut memberships: Vec<Vec<(usize, usize)>> = vec![Vec::new(); pages.len()];
    for (term, t) in tags.terms.iter().enumerate() {
        for (position, &page) in t.pages.iter().enumerate() {
            memberships[page].push((term, position));
        }
    }
    let times: Vec<Option<i64>> = pages
        .iter()
        .map(|p| p.source.date.as_ref().map(|d| d.timestamp().as_second()))
        .collect();
    memberships
        .par_iter()
        .enumerate()
        .map(|(index, member_of)| {
            // Every page near this one in each of its tags, once per shared
            // tag; sorting groups them so that a run's length is the count.
            let mut candidates: Vec<usize> = Vec::with_capacity(member_of.len() * (2 * RELATED_WINDOW + 1));
            for &(term, position) in member_of {
                let list = &tags.terms[term].pages;
                let window =
                    position.saturating_sub(RELATED_WINDOW)..(position + RELATED_WINDOW + 1).min(list.len());
                candidates.extend(list[window].iter().filter(|&&other| other != index));
            }
            candidates.sort_unstable();
            let distance = |other: usize| match (times[index], times[other]) {
                (Some(a), Some(b)) => a.abs_diff(b),
                _ => u64::MAX,
            };
            let better = |(a, shared_a): (usize, usize), (b, shared_b): (usize, usize)| {
                shared_b
                    .cmp(&shared_a)
                    .then(distance(a).cmp(&distance(b)))
                    .then_with(|| pages[a].source.rel_path.cmp(&pages[b].source.rel_path))
                    .is_lt()
            };
            let mut best: Vec<(usize, usize)> = Vec::with_capacity(RELATED_COUNT + 1);
            for run in candidates.chunk_by(|a, b| a == b) {
                let candidate = (run[0], run.len());
                let at = best
                    .iter()
                    .position(|&b| better(candidate, b))
                    .unwrap_or(best.len());
                if at < RELATED_COUNT {
                    best.insert(at, candidate);
                    best.truncate(RELATED_COUNT);
                }
            }
            best.into_iter().map(|(page, _)| page).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::taxonomy;
    use crate::model::tests::page;

    #[test]
    fn related_prefers_more_shared_tags_then_nearer_dates() {
        let pages = vec![
            page("me.md", "2024-06-10", &["健康", "安全", "饮食"]),
            page("one-far.md", "2024-01-01", &["健康"]),
            page("one-near.md", "2024-06-09", &["安全"]),
            page("two.md", "2023-01-01", &["健康", "饮食"]),
            page("none.md", "2024-06-10", &["天文"]),
            page("one-mid.md", "2024-05-01", &["饮食"]),
        ];
        let newest_first = [0, 4, 2, 5, 1, 3];
        let tags = taxonomy::build("tags", &pages, &newest_first, crate::slug::Slugify::Unicode);
        let related = related(&pages, &tags);
        assert_eq!(related[0], [3, 2, 5]);
        assert_eq!(related[4], Vec::<usize>::new());
        assert_eq!(related[3], [0, 1, 5]);
    }

    #[test]
    fn a_tag_on_every_page_only_looks_at_nearby_pages() {
        let pages: Vec<Page> = (0..1000)
            .map(|i| page(&format!("p{i:04}.md"), "2024-01-01", &["科普"]))
            .collect();
        let order: Vec<usize> = (0..1000).collect();
        let tags = taxonomy::build("tags", &pages, &order, crate::slug::Slugify::Unicode);
        let related = related(&pages, &tags);
        assert_eq!(
            related[500],
            [450, 451, 452],
            "the window around page 500, by path"
        );
    }
}
