//! China's administrative divisions from `data/regions.tsv`: finding them named in text, and
//! their official codes.

use crate::lexicon::{cue_regex, cues, rows};
use regex::Regex;
type HashMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
use std::sync::LazyLock;

const DATA: &str = include_str!("../data/regions.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Country,
    Province,
    Prefecture,
    County,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub name: &'static str,
    pub short: &'static str,
    pub level: Level,
    /// The province a prefecture or county belongs to (its short name); empty for provinces.
    pub province: &'static str,
    pub ambiguous: bool,
    /// The official administrative division code (`130000`, `130100`, `130102`); `000000`
    /// for the country.
    pub code: &'static str,
    /// The full and short names in traditional characters.
    pub traditional: (&'static str, &'static str),
    /// Only the full name is a mention (county-level divisions).
    full_only: bool,
    /// The full name is shared by several divisions, or too short to tell: no mention at all.
    shared: bool,
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
    /// Province and prefecture forms (simplified), longest first.
    pattern: Regex,
    /// County-level divisions by full name. They are looked up at each county suffix
    /// (县, 区, 市, 旗) rather than joined to `pattern`: thousands more alternatives made the
    /// regex slow to build and to run.
    counties: HashMap<&'static str, usize>,
    /// Characters in the longest county name.
    longest_county: usize,
    /// The last two characters of every county name: a suffix after any other character
    /// starts no county, and most 市 and 区 in a text (全市, 城区) are passed at once.
    county_tails: std::collections::HashSet<[char; 2], ahash::RandomState>,
    /// A substring searcher for each of [`COUNTY_SUFFIXES`], built once.
    county_suffixes: [(char, memchr::memmem::Finder<'static>); 4],
    /// Every short name (the country's `全国` too), first row first, for codes.
    by_short: HashMap<&'static str, usize>,
    /// Characters in the longest written form.
    longest: usize,
    /// The first character of every written form: a phrase that opens with any other names no
    /// region at its start, and most do not.
    form_heads: std::collections::HashSet<char, ahash::RandomState>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut regions = Vec::new();
    for row in rows(DATA) {
        let level = match row.first().copied() {
            Some("country") => Level::Country,
            Some("province") => Level::Province,
            Some("prefecture") => Level::Prefecture,
            Some("county") => Level::County,
            _ => continue,
        };
        let col = |i: usize| row.get(i).copied().unwrap_or_default();
        let flag = |f: &str| col(4).split(',').any(|x| x == f);
        regions.push(Region {
            name: col(1),
            short: col(2),
            level,
            province: col(3),
            ambiguous: flag("ambiguous"),
            code: col(5),
            traditional: (col(6), col(7)),
            full_only: flag("full_only"),
            shared: flag("shared"),
        });
    }
    let mut by_form = HashMap::default();
    // Provinces and prefectures first, in both scripts, then counties by their full names:
    // a county never takes a name a larger division already has.
    for (i, r) in regions.iter().enumerate() {
        if r.level == Level::Country || r.level == Level::County {
            continue;
        }
        for name in [r.name, r.traditional.0] {
            if !name.is_empty() {
                by_form.entry(name).or_insert(i);
            }
        }
        if !r.ambiguous {
            for short in [r.short, r.traditional.1] {
                if !short.is_empty() {
                    by_form.entry(short).or_insert(i);
                }
            }
        }
    }
    // The pattern reads analysed text, which is simplified: traditional forms serve lookups.
    let mut forms: Vec<&str> = regions
        .iter()
        .filter(|r| matches!(r.level, Level::Province | Level::Prefecture))
        .flat_map(|r| [Some(r.name), (!r.ambiguous).then_some(r.short)])
        .flatten()
        .filter(|f| !f.is_empty())
        .collect();
    forms.sort_unstable();
    forms.dedup();
    let mut counties = HashMap::default();
    for (i, r) in regions.iter().enumerate() {
        if r.level == Level::County && !r.shared && !by_form.contains_key(r.name) {
            counties.insert(r.name, i);
            by_form.insert(r.name, i);
        }
    }
    let longest_county = counties
        .keys()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0);
    let county_tails = counties
        .keys()
        .filter_map(|n| {
            let mut rev = n.chars().rev();
            let (last, before) = (rev.next()?, rev.next()?);
            Some([before, last])
        })
        .collect();
    // Longest first, so that 海南藏族自治州 is not read as 海南.
    forms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let alternation: Vec<String> = forms.iter().map(|f| regex::escape(f)).collect();
    let pattern = Regex::new(&alternation.join("|"))
        .unwrap_or_else(|e| panic!("bundled region table gives a bad pattern: {e}"));
    let longest = forms.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    let mut by_short = HashMap::default();
    for (i, r) in regions.iter().enumerate() {
        by_short.entry(r.short).or_insert(i);
    }
    let form_heads = by_form.keys().filter_map(|f| f.chars().next()).collect();
    Table {
        regions,
        by_form,
        by_short,
        pattern,
        counties,
        longest_county,
        county_tails,
        county_suffixes: COUNTY_SUFFIXES
            .map(|c| (c, memchr::memmem::Finder::new(&c.to_string()).into_owned())),
        longest,
        form_heads,
    }
});

/// The last character of every county-level division's full name.
const COUNTY_SUFFIXES: [char; 4] = ['县', '区', '市', '旗'];

/// Where a county suffix stands in `text` (byte offset), in text order. Searched byte-wise:
/// a suffix's bytes are a whole character, so they match only where one starts, and decoding
/// every character of every paragraph to find them cost more.
fn county_suffixes(text: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    for (c, finder) in &TABLE.county_suffixes {
        found.extend(finder.find_iter(text.as_bytes()).map(|at| (at, *c)));
    }
    found.sort_unstable();
    found
}

/// Every region named in `text`, left to right.
pub fn mentions(text: &str) -> Vec<Mention> {
    let t = &*TABLE;
    let mut found: Vec<Mention> = t
        .pattern
        .find_iter(text)
        .filter_map(|m| {
            let &i = t.by_form.get(m.as_str())?;
            Some(Mention {
                start: m.start(),
                end: m.end(),
                region: &t.regions[i],
            })
        })
        .collect();
    // County-level divisions: the longest full name that ends at a suffix, outside the
    // larger divisions already found.
    let mut counties = Vec::new();
    for (at, c) in county_suffixes(text) {
        let before = text[..at].chars().next_back().unwrap_or('\0');
        if !t.county_tails.contains(&[before, c]) {
            continue;
        }
        let end = at + c.len_utf8();
        let starts = text[..at]
            .char_indices()
            .rev()
            .take(t.longest_county.saturating_sub(1))
            .map(|(i, _)| i);
        let hit = starts
            .filter_map(|s| t.counties.get(&text[s..end]).map(|&i| (s, i)))
            .last();
        if let Some((start, i)) = hit {
            let inside = found.iter().any(|m| m.start < end && start < m.end);
            let after_last = counties.last().is_none_or(|m: &Mention| m.end <= start);
            if !inside && after_last {
                counties.push(Mention {
                    start,
                    end,
                    region: &t.regions[i],
                });
            }
        }
    }
    if !counties.is_empty() {
        found.extend(counties);
        found.sort_by_key(|m| m.start);
    }
    found.retain(|m| !is_venue(text, m));
    found
}

/// Where a meeting is held, not whom the text speaks of: `在北京揭幕`, `在北京人民大会堂开幕`.
static VENUE_AFTER: LazyLock<Regex> = LazyLock::new(|| cue_regex("^{{venue_after}}"));

/// What follows the place of a news dateline: `5日电`, `3月5日电`, `2025年3月5日电`.
static DATELINE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(r"^\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*{{dateline_mark}}")
});

/// Whether mention `m` of `text` is the place of a news dateline (北京3月5日电): where the
/// story was filed, not whom it is about.
pub fn is_dateline_place(text: &str, m: &Mention) -> bool {
    DATELINE_AFTER.is_match(&text[m.end..])
}

fn is_venue(text: &str, m: &Mention) -> bool {
    cues("venue_before")
        .iter()
        .any(|b| text[..m.start].ends_with(b))
        && VENUE_AFTER.is_match(&text[m.end..])
}

/// The region named at the very start of `text` (the longest name that fits), and its length
/// in bytes; the same answer as the first of [`mentions`] when that starts at 0, without
/// scanning the rest of the text.
pub fn leading(text: &str) -> Option<(&'static Region, usize)> {
    let t = &*TABLE;
    if !t.form_heads.contains(&text.chars().next()?) {
        return None;
    }
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

/// A region as facts name it: the short name of a known region (湖北省 → 湖北); any other
/// name as given.
pub fn canonical(name: &str) -> String {
    lookup(name).map_or_else(|| name.to_owned(), |r| r.short.to_owned())
}

/// Looks a region up by its full or short name.
pub fn lookup(name: &str) -> Option<&'static Region> {
    let t = &*TABLE;
    if let Some(&i) = t.by_form.get(name) {
        return Some(&t.regions[i]);
    }
    t.regions.iter().find(|r| r.name == name || r.short == name)
}

/// The official code of a region given by its canonical short name (`河北` → `130000`).
pub fn code_of(short: &str) -> Option<&'static str> {
    let t = &*TABLE;
    let &i = t.by_form.get(short).or_else(|| t.by_short.get(short))?;
    let code = t.regions[i].code;
    (!code.is_empty()).then_some(code)
}

/// Every division of a level, for coverage checks and listings.
pub fn all(level: Level) -> impl Iterator<Item = &'static Region> {
    TABLE.regions.iter().filter(move |r| r.level == level)
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
    fn every_province_level_division_in_three_forms_with_its_code() {
        let provinces: Vec<&Region> = all(Level::Province).collect();
        assert_eq!(provinces.len(), 34);
        for p in &provinces {
            assert_eq!(p.code.len(), 6, "{p:?}");
            assert!(p.code.ends_with("0000"), "{p:?}");
            // Full, short and traditional forms all name it.
            for form in [p.name, p.short, p.traditional.0, p.traditional.1] {
                assert_eq!(lookup(form).map(|r| r.code), Some(p.code), "{form}");
            }
        }
        assert_eq!(shorts("宁夏回族自治区、新疆维吾尔自治区"), ["宁夏", "新疆"]);
        // Text is read in simplified characters; a traditional form still looks a place up.
        for (form, short) in [
            ("遼寧", "辽宁"),
            ("江蘇", "江苏"),
            ("廣西壯族自治區", "广西"),
        ] {
            assert_eq!(lookup(form).map(|r| r.short), Some(short));
        }
        assert_eq!(shorts("香港特别行政区"), ["香港"]);
        assert_eq!(code_of("全国"), Some("000000"));
    }

    #[test]
    fn county_level_divisions_with_their_codes() {
        let counties: Vec<&Region> = all(Level::County).collect();
        assert!(counties.len() >= 2800, "{}", counties.len());
        assert!(counties
            .iter()
            .all(|c| c.code.len() == 6 && !c.province.is_empty()));
        // A county is named by its full name; one whose name several share names none.
        assert_eq!(shorts("昆山市经济总量"), ["昆山"]);
        assert_eq!(code_of("昆山"), Some("320583"));
        assert!(shorts("朝阳区").is_empty());
        // A county never takes a name a province or prefecture has.
        assert_eq!(lookup("吉林").map(|r| r.level), Some(Level::Province));
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

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The suffixes found byte-wise are those a walk over the characters finds.
        #[test]
        fn county_suffixes_are_found_where_characters_are(
            text in proptest::collection::vec(
                // The suffixes, and characters whose bytes differ from theirs only in the last.
                proptest::sample::select(vec!['县', '区', '市', '旗', '匹', '厾', '帀', '旖', '全', 'a']),
                0..30,
            ).prop_map(String::from_iter)
        ) {
            let walked: Vec<(usize, char)> = text
                .char_indices()
                .filter(|(_, c)| COUNTY_SUFFIXES.contains(c))
                .collect();
            proptest::prop_assert_eq!(county_suffixes(&text), walked);
        }
    }
}
