//! China's regions from `data/regions.tsv`: finding them named in text.

use crate::lexicon::rows;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

const DATA: &str = include_str!("../data/regions.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Country,
    Province,
    Prefecture,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub name: &'static str,
    pub short: &'static str,
    pub level: Level,
    /// The province a prefecture belongs to (its short name); empty for provinces.
    pub province: &'static str,
    pub ambiguous: bool,
}

/// A region named in a text, at byte offsets `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub region: &'static Region,
}

struct Table {
    regions: Vec<Region>,
    /// Written form → index in `regions`. The first row wins, so provinces (listed first)
    /// keep short names they share with a prefecture.
    by_form: HashMap<&'static str, usize>,
    pattern: Regex,
    /// Characters in the longest written form.
    longest: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut regions = Vec::new();
    for row in rows(DATA) {
        let level = match row.first().copied() {
            Some("country") => Level::Country,
            Some("province") => Level::Province,
            Some("prefecture") => Level::Prefecture,
            _ => continue,
        };
        regions.push(Region {
            name: row.get(1).copied().unwrap_or_default(),
            short: row.get(2).copied().unwrap_or_default(),
            level,
            province: row.get(3).copied().unwrap_or_default(),
            ambiguous: row.get(4).is_some_and(|f| f.contains("ambiguous")),
        });
    }
    let mut by_form = HashMap::new();
    for (i, r) in regions.iter().enumerate() {
        if r.level == Level::Country {
            continue;
        }
        by_form.entry(r.name).or_insert(i);
        if !r.ambiguous {
            by_form.entry(r.short).or_insert(i);
        }
    }
    let mut forms: Vec<&str> = by_form.keys().copied().collect();
    // Longest first, so that 海南藏族自治州 is not read as 海南.
    forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let alternation: Vec<String> = forms.iter().map(|f| regex::escape(f)).collect();
    let pattern = Regex::new(&alternation.join("|"))
        .unwrap_or_else(|e| panic!("bundled region table gives a bad pattern: {e}"));
    let longest = forms.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    Table {
        regions,
        by_form,
        pattern,
        longest,
    }
});

/// Every region named in `text`, left to right.
pub fn mentions(text: &str) -> Vec<Mention> {
    let t = &*TABLE;
    t.pattern
        .find_iter(text)
        .filter_map(|m| {
            let &i = t.by_form.get(m.as_str())?;
            Some(Mention {
                start: m.start(),
                end: m.end(),
                region: &t.regions[i],
            })
        })
        .collect()
}

/// The region named at the very start of `text` (the longest name that fits), and its length
/// in bytes; the same answer as the first of [`mentions`] when that starts at 0, without
/// scanning the rest of the text.
pub fn leading(text: &str) -> Option<(&'static Region, usize)> {
    let t = &*TABLE;
    let mut ends = [0usize; 32];
    let mut n = 0;
    for (i, c) in text.char_indices().take(t.longest.min(ends.len())) {
        ends[n] = i + c.len_utf8();
        n += 1;
    }
    ends[..n]
        .iter()
        .rev()
        .find_map(|&end| t.by_form.get(&text[..end]).map(|&i| (&t.regions[i], end)))
}

/// Looks a region up by its full or short name.
pub fn lookup(name: &str) -> Option<&'static Region> {
    let t = &*TABLE;
    if let Some(&i) = t.by_form.get(name) {
        return Some(&t.regions[i]);
    }
    t.regions.iter().find(|r| r.name == name || r.short == name)
}

/// The country row (`全国`), for national reports.
pub fn country() -> Option<&'static Region> {
    TABLE.regions.iter().find(|r| r.level == Level::Country)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shorts(text: &str) -> Vec<&'static str> {
        mentions(text).iter().map(|m| m.region.short).collect()
    }

    #[test]
    fn finds_provinces_and_prefectures() {
        assert_eq!(
            shorts("广东将经济增长目标设为5%左右、河南设为5.5%左右"),
            ["广东", "河南"]
        );
        assert_eq!(shorts("郑州市人大代表、洛阳市委书记"), ["郑州", "洛阳"]);
        assert_eq!(shorts("广西壮族自治区人大代表"), ["广西"]);
    }

    #[test]
    fn leading_agrees_with_mentions() {
        for text in [
            "广西壮族自治区人大代表",
            "海南藏族自治州",
            "海南自由贸易港",
            "长治久安",
            "郑州市",
            "全省",
            "",
        ] {
            let first = mentions(text)
                .into_iter()
                .find(|m| m.start == 0)
                .map(|m| (m.region.name, m.end));
            assert_eq!(leading(text).map(|(r, e)| (r.name, e)), first, "{text}");
        }
    }

    #[test]
    fn longest_name_wins() {
        assert_eq!(shorts("海南藏族自治州"), ["海南州"]);
        assert_eq!(shorts("海南自由贸易港"), ["海南"]);
    }

    #[test]
    fn ambiguous_short_names_need_the_full_name() {
        assert!(shorts("确保长治久安").is_empty());
        assert_eq!(shorts("长治市经济增长"), ["长治"]);
    }

    #[test]
    fn shared_short_name_resolves_to_the_province() {
        assert_eq!(lookup("吉林").map(|r| r.level), Some(Level::Province));
        assert_eq!(lookup("吉林市").map(|r| r.level), Some(Level::Prefecture));
    }

    #[test]
    fn table_is_complete() {
        let t = &*TABLE;
        assert_eq!(
            t.regions
                .iter()
                .filter(|r| r.level == Level::Province)
                .count(),
            34
        );
        assert!(
            t.regions
                .iter()
                .filter(|r| r.level == Level::Prefecture)
                .count()
                > 330
        );
    }
}
