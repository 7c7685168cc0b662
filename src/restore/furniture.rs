//! Page furniture from any producer: running heads, navigation, publication lines and footers
//! (patterns in `data/furniture.tsv`). Such lines are taken out before paragraphs are built;
//! what they say (a publication date, a page title's year) is kept aside as a cue.

use super::chars::is_space;
use crate::lexicon::rows;
use regex::RegexSet;
use serde::Serialize;
use std::sync::LazyLock;

const FURNITURE: &str = include_str!("../../data/furniture.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    RunningHead,
    Navigation,
    Meta,
    Footer,
}

impl FurnitureKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "running_head" => Self::RunningHead,
            "navigation" => Self::Navigation,
            "meta" => Self::Meta,
            "footer" => Self::Footer,
            _ => return None,
        })
    }
}

/// A line taken out as furniture, with the input line it stood on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Furniture {
    pub kind: FurnitureKind,
    pub text: String,
    pub line: u32,
}

/// The patterns, in the file's order, as one set.
struct Patterns {
    kinds: Vec<FurnitureKind>,
    set: RegexSet,
}

impl Patterns {
    /// The first pattern in the file's order that matches `line`.
    fn first_match(&self, line: &str) -> Option<FurnitureKind> {
        // Nearly every line is text: one cheap test before asking which pattern matched.
        if !self.set.is_match(line) {
            return None;
        }
        self.set.matches(line).iter().next().map(|i| self.kinds[i])
    }
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let (kinds, patterns): (Vec<_>, Vec<_>) = rows(FURNITURE)
        .filter_map(|r| Some((FurnitureKind::parse(r.first()?)?, *r.get(1)?)))
        .unzip();
    let set = RegexSet::new(patterns)
        .unwrap_or_else(|e| panic!("bundled furniture pattern is invalid: {e}"));
    Patterns { kinds, set }
});

/// Lines longer than this (in characters, spaces removed) are text, whatever they contain: a
/// web page's paragraph may mention a hotline.
const MAX_FURNITURE_CHARS: usize = 72;

/// The kind of furniture a trimmed line is, if it is any.
pub fn classify(line: &str) -> Option<FurnitureKind> {
    // Every input line comes here: count its characters and notice spaces in one pass that
    // stops once the line is too long to be furniture.
    let (mut n, mut spaced) = (0usize, false);
    for c in line.chars() {
        if is_space(c) {
            spaced = true;
        } else {
            n += 1;
            if n > MAX_FURNITURE_CHARS {
                return None;
            }
        }
    }
    if n == 0 {
        return None;
    }
    if !spaced {
        return PATTERNS.first_match(line);
    }
    thread_local! {
        static SQUASHED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SQUASHED.with_borrow_mut(|squashed| {
        squashed.clear();
        line.split(is_space)
            .for_each(|part| squashed.push_str(part));
        PATTERNS.first_match(squashed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_of_several_producers() {
        let cases = [
            (
                "山西日报 2025年1月24日 星期五",
                Some(FurnitureKind::RunningHead),
            ),
            ("第2版", Some(FurnitureKind::RunningHead)),
            ("首页 >", Some(FurnitureKind::Navigation)),
            (
                "当前位置：首页  »  专题专栏",
                Some(FurnitureKind::Navigation),
            ),
            ("时间： 2026/02/02/ 16:08", Some(FurnitureKind::Meta)),
            (
                "2026-02-03    来源:发展改革和统计局      作者:",
                Some(FurnitureKind::Meta),
            ),
            ("（来源：青海日报）", Some(FurnitureKind::Meta)),
            ("陇ICP备17002353号-1", Some(FurnitureKind::Footer)),
            (
                "合肥市包河区中山路1号  邮政编码：230091",
                Some(FurnitureKind::Footer),
            ),
            ("0898-68603376", Some(FurnitureKind::Footer)),
            ("招商热线：", Some(FurnitureKind::Footer)),
            ("(责编：毛思远、帅筠)", Some(FurnitureKind::Footer)),
            ("Copyright © 2007-2013", Some(FurnitureKind::Footer)),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), want, "{line}");
        }
    }

    #[test]
    fn report_text_is_not_furniture() {
        for line in [
            "开通12345政务服务热线，办理群众诉求",
            "地区生产总值增长5.8%，增速居全国第2位；",
            "各位代表：",
            "政府工作报告",
            "2025年是“十四五”收官之年，",
            "一、2025年工作回顾",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }
}
