//! Words a search treats as one: a small built-in list for the vocabulary of
//! science outreach (what readers type against what the pages say: 防骗 for
//! 反诈, 打雷 for 雷电, 着火 for 火灾) and the site's own groups from
//! `kepu.yaml` (`search: {synonyms: …}`). The build writes the merged groups,
//! folded like every term, into `meta.json`; `js/search.js` looks for each
//! group's words wherever a query has one of them.

use super::tokenize::fold;

/// The built-in groups. A word that belongs with one of them in a site's
/// own list joins that group.
const BUILT_IN: &[&[&str]] = &[
    &["诈骗", "反诈", "防骗", "骗局", "电诈", "被骗", "上当受骗"],
    &["火灾", "着火", "失火", "起火", "消防"],
    &["雷电", "打雷", "雷雨", "雷击", "闪电", "防雷"],
    &["吸烟", "抽烟", "控烟", "戒烟", "烟草", "香烟"],
    &["比赛", "竞赛", "大赛"],
    &["老人", "老年人", "银龄", "长者", "老年"],
    &["孩子", "儿童", "小孩", "少儿"],
    &["溺水", "落水", "防溺水"],
    &["中暑", "热射病"],
    &["心肺复苏", "cpr"],
    &["aed", "除颤仪", "除颤器"],
    &["机器人", "robot"],
    &["无人机", "drone"],
    &["谣言", "流言", "传言", "假消息"],
    &["近视", "视力", "爱眼"],
    &["志愿者", "义工", "志愿服务"],
    &["讲座", "宣讲", "报告会"],
    &["垃圾分类", "分类投放"],
    &["食品安全", "食物中毒"],
];

/// The built-in groups merged with the site's `extra` groups, every word
/// folded (`颱風` → `台风`, `AED` → `aed`); words in no way searchable and
/// repeats are left out, and groups sharing a word become one.
pub fn groups(extra: &[Vec<String>]) -> Vec<Vec<String>> {
    let built_in = BUILT_IN
        .iter()
        .map(|group| group.iter().map(|w| w.to_string()).collect());
    let mut merged: Vec<Vec<String>> = Vec::new();
    for group in built_in.chain(extra.iter().cloned()) {
        let words: Vec<String> = group
            .iter()
            .map(|word| word.trim().chars().map(fold).collect())
            .filter(|word: &String| !word.is_empty())
            .collect();
        let target = match merged.iter().position(|g| g.iter().any(|w| words.contains(w))) {
            Some(i) => i,
            None => {
                merged.push(Vec::new());
                merged.len() - 1
            }
        };
        for word in words {
            if !merged[target].contains(&word) {
                merged[target].push(word);
            }
        }
    }
    merged.retain(|g| g.len() > 1);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_groups_are_folded_and_join_the_built_in_ones() {
        let site = vec![
            vec!["颱風".to_string(), "台风".to_string(), "热带风暴".to_string()],
            vec!["反诈".to_string(), "电信诈骗".to_string()],
        ];
        let groups = groups(&site);
        assert!(
            groups.contains(&vec!["台风".to_string(), "热带风暴".to_string()]),
            "{groups:?}"
        );
        let fraud = groups.iter().find(|g| g.contains(&"防骗".to_string())).unwrap();
        assert!(fraud.contains(&"电信诈骗".to_string()), "{fraud:?}");
        assert_eq!(groups.len(), BUILT_IN.len() + 1);
        assert!(groups.iter().any(|g| g.contains(&"aed".to_string())));
    }
}
