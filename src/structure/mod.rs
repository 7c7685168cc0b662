//! Stage 3, **structure**: restored paragraphs → articles with metadata, headings and levels.
//!
//! A newspaper page holds several articles, and an extractor may emit a headline block after the
//! body it belongs to. Articles are cut at cues (a byline ends one, a salutation or a headline
//! starts one, a continuation marker ends a page's part of one); a headline block is then given
//! to the neighbouring article whose kind it names.

mod headings;
pub mod model;

use crate::lexicon::{cue_regex, cues};
use crate::regions::{self, Level};
use crate::restore::chars::{is_clause_punct, is_terminal};
use crate::restore::{is_byline, is_salutation, is_subtitle, Para, Restored};
pub use headings::is_numbered;
pub use model::*;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `省长 金湘军`, `省人大常委会主任 唐登杰`: an office (a body may precede the title, then a
/// space) and a name.
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(
        r"^(?:{{speaker_title}}[ \u3000]*|\p{Han}{1,12}{{speaker_title}}[ \u3000]+)[\p{Han}·]{2,6}$",
    )
});
/// A date in Arabic (`2025年1月17日`) or Chinese numerals (`二〇二五年一月十七日`).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
        .unwrap_or_else(|e| panic!("{e}"))
});

fn date_number(s: &str) -> Option<u32> {
    let v = crate::extract::numeral::parse_arabic(s)
        .or_else(|| crate::extract::numeral::parse_chinese(s))?;
    (v.fract() == 0.0 && (0.0..=9999.0).contains(&v)).then_some(v as u32)
}
static VOICE_SCR: LazyLock<Regex> =
    LazyLock::new(|| cue_regex("{{voice_standing_committee_report}}"));
static VOICE_GWR: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{voice_government_work_report}}"));
static NATIONAL: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{national}}"));
static BYLINE_ROLE: LazyLock<Regex> = LazyLock::new(|| cue_regex(r"^{{byline_role}}"));

struct KindCues {
    kind: ArticleKind,
    title: Regex,
    body: Regex,
    speaker: Regex,
}

static KIND_CUES: LazyLock<Vec<KindCues>> = LazyLock::new(|| {
    [
        (ArticleKind::GovernmentWorkReport, "government_work_report"),
        (
            ArticleKind::StandingCommitteeReport,
            "standing_committee_report",
        ),
    ]
    .into_iter()
    .map(|(kind, name)| KindCues {
        kind,
        title: cue_regex(&format!("{{{{title_{name}}}}}")),
        body: cue_regex(&format!("{{{{body_{name}}}}}")),
        speaker: cue_regex(&format!("{{{{speaker_{name}}}}}")),
    })
    .collect()
});

#[derive(Debug, Default)]
struct Headline {
    title: Option<Para>,
    subtitle: Option<Para>,
    speaker: Option<Para>,
}

impl Headline {
    fn is_empty(&self) -> bool {
        self.title.is_none() && self.subtitle.is_none() && self.speaker.is_none()
    }

    fn kind(&self) -> Option<ArticleKind> {
        let title = self.title.as_ref().map(|p| p.text.as_str()).unwrap_or("");
        let speaker = self.speaker.as_ref().map(|p| p.text.as_str()).unwrap_or("");
        KIND_CUES
            .iter()
            .find(|c| c.title.is_match(title))
            .or_else(|| {
                KIND_CUES
                    .iter()
                    .find(|c| !speaker.is_empty() && c.speaker.is_match(speaker))
            })
            .map(|c| c.kind)
    }
}

#[derive(Debug, Default)]
struct Body {
    paras: Vec<Para>,
    authors: Vec<String>,
    continued_on: Option<String>,
    continued_from: Option<String>,
    headline: Option<Headline>,
}

impl Body {
    /// Takes the body built so far, its paragraph list no longer than it needs.
    fn close(&mut self) -> Body {
        let mut body = std::mem::take(self);
        body.paras.shrink_to_fit();
        body
    }

    fn is_empty(&self) -> bool {
        self.paras.is_empty() && self.authors.is_empty()
    }

    fn cue_kind(&self) -> Option<ArticleKind> {
        if let Some(k) = self.headline.as_ref().and_then(Headline::kind) {
            return Some(k);
        }
        // The salutation and the first sentences say who reports; later text may quote others.
        let opening: String = self
            .paras
            .iter()
            .take(4)
            .map(|p| &p.text[..p.text.floor_char_boundary(OPENING_BYTES)])
            .collect();
        KIND_CUES
            .iter()
            .find(|c| c.body.is_match(&opening))
            .map(|c| c.kind)
    }

    fn kind(&self) -> ArticleKind {
        if let Some(k) = self.cue_kind() {
            return k;
        }
        if self.paras.iter().take(2).any(|p| is_salutation(&p.text)) {
            return ArticleKind::Other;
        }
        if self.continued_from.is_some() && self.authors.is_empty() {
            if let Some(k) = self.voice_kind() {
                return k;
            }
        }
        ArticleKind::News
    }

    /// The kind a continued report's wording suggests: the committee's own words first (a
    /// committee report also says 全省), then the government's.
    fn voice_kind(&self) -> Option<ArticleKind> {
        const ENOUGH: usize = 3;
        [
            (ArticleKind::StandingCommitteeReport, &*VOICE_SCR),
            (ArticleKind::GovernmentWorkReport, &*VOICE_GWR),
        ]
        .into_iter()
        .find(|(_, re)| {
            self.paras
                .iter()
                .flat_map(|p| re.find_iter(&p.text))
                .nth(ENOUGH - 1)
                .is_some()
        })
        .map(|(k, _)| k)
    }
}

/// Bytes of each opening paragraph read for who reports: a salutation and a sentence or two
/// are far shorter; a report saved as one line is not copied whole.
const OPENING_BYTES: usize = 4096;

enum Segment {
    Body(Body),
    Headline(Headline),
}

/// Builds the document from restored paragraphs.
pub fn structure(source: &str, paras: Vec<Para>) -> Document {
    structure_page(
        source,
        Restored {
            paras,
            furniture: Vec::new(),
        },
    )
}

/// Builds the document from a restored page: its paragraphs, and the furniture taken out of
/// it, which with the page header is kept as cues for the document context.
pub fn structure_page(source: &str, restored: Restored) -> Document {
    let (paras, header) = split_page_header(restored.paras);
    let segments = segment(paras);
    let bodies = attach_headlines(segments);
    // Not collected in place: the bodies' allocation is several times the articles' size, and
    // the articles are held until the document has been read through.
    let mut articles = Vec::with_capacity(bodies.len());
    articles.extend(bodies.into_iter().map(build_article));
    fill_shared_region(&mut articles);
    let page_cues = header
        .into_iter()
        .map(|p| p.text)
        .chain(restored.furniture.into_iter().map(|f| f.text))
        .collect();
    Document {
        source: source.to_owned(),
        articles,
        page_cues,
        url: None,
        origins: Vec::new(),
    }
}

/// Longest paragraph of a page header, in characters: a page title with its site name.
const MAX_HEADER_CHARS: usize = 80;

/// A saved web page or a printed page opens with a header before the report's salutation:
/// page title, site name, what navigation is left, a photo caption, and the report's own
/// headline. When everything before the first salutation is such short lines, the headline
/// parts (the last title naming a report kind, the subtitle, the speaker) are kept and the
/// rest is returned apart, as cues, not text.
fn split_page_header(paras: Vec<Para>) -> (Vec<Para>, Vec<Para>) {
    let Some(salutation) = paras.iter().position(|p| is_salutation(&p.text)) else {
        return (paras, Vec::new());
    };
    let header_like = |p: &Para| {
        let n = p.text.chars().count();
        let sentences = p.text.matches(['。', '！', '？']).count();
        n <= MAX_HEADER_CHARS && (sentences == 0 || (sentences == 1 && n <= 40))
    };
    if salutation == 0 || !paras[..salutation].iter().all(header_like) {
        return (paras, Vec::new());
    }
    let headline_start = paras[..salutation]
        .iter()
        .position(|p| is_subtitle(&p.text) || is_speaker(p))
        .unwrap_or(salutation);
    let title = paras[..headline_start]
        .iter()
        .rposition(|p| is_title_candidate(p) && names_report_kind(&p.text));
    // In place: a page's paragraphs are the largest thing held while it is structured.
    let mut paras = paras;
    let mut i = 0;
    let header = paras
        .extract_if(..salutation, |p| {
            let headline_part = Some(i) == title
                || (i >= headline_start && (is_subtitle(&p.text) || is_speaker(p)));
            i += 1;
            !headline_part
        })
        .collect();
    (paras, header)
}

fn is_title_candidate(p: &Para) -> bool {
    let n = p.text.chars().count();
    p.line_end <= p.line_start + 1
        && (2..=40).contains(&n)
        && !p.text.chars().any(|c| is_terminal(c) || is_clause_punct(c))
}

fn is_speaker(p: &Para) -> bool {
    p.line_start == p.line_end && SPEAKER.is_match(p.raw().trim())
}

fn names_report_kind(text: &str) -> bool {
    KIND_CUES.iter().any(|c| c.title.is_match(text)) && text.chars().count() <= 24
}

/// Pass 1: cut the paragraph stream into article bodies and headline blocks.
/// A headline title too long for one line is printed on two (`山西省人民代表大会常务委员会` /
/// `工作报告`); before a subtitle, two title-like lines are one title.
fn merge_split_titles(mut paras: Vec<Para>) -> Vec<Para> {
    // In place, as `split_page_header`: `kept` paragraphs stand at the front.
    let mut kept = 0;
    for i in 0..paras.len() {
        if kept > 0 {
            let (done, rest) = paras.split_at_mut(i);
            let prev = &mut done[kept - 1];
            let p = &rest[0];
            let joined = prev.text.chars().count() + p.text.chars().count();
            let subtitle_next = rest.get(1).is_some_and(|n| is_subtitle(&n.text));
            if subtitle_next
                && joined <= 40
                && prev.line_start == prev.line_end
                && p.line_start == p.line_end
                && is_title_candidate(prev)
                && is_title_candidate(p)
                && !KIND_CUES.iter().any(|c| c.title.is_match(&prev.text))
            {
                let offset = u32::try_from(prev.text.chars().count()).unwrap_or(u32::MAX);
                prev.raw = format!("{}\n{}", prev.raw(), p.raw());
                prev.text.push_str(&p.text);
                prev.line_end = p.line_end;
                prev.byte_end = p.byte_end;
                prev.line_map
                    .extend(p.line_map.iter().map(|&(o, l)| (o + offset, l)));
                continue;
            }
        }
        paras.swap(kept, i);
        kept += 1;
    }
    paras.truncate(kept);
    paras
}

fn segment(paras: Vec<Para>) -> Vec<Segment> {
    // The paragraphs move into their bodies one by one: taken from the end of a reversed list
    // that gives back what it no longer holds, so that they are not held twice.
    let mut paras = merge_split_titles(paras);
    paras.reverse();
    let mut out = Vec::new();
    let mut body = Body::default();
    let mut headline = Headline::default();
    while let Some(p) = paras.pop() {
        if paras.len() < paras.capacity() / 2 {
            paras.shrink_to_fit();
        }
        let next_is_subtitle = paras.last().is_some_and(|n| is_subtitle(&n.text));
        let headline_part = if is_subtitle(&p.text) && headline.subtitle.is_none() {
            Some(1)
        } else if is_title_candidate(&p)
            && headline.title.is_none()
            && headline.subtitle.is_none()
            && (next_is_subtitle || names_report_kind(&p.text))
        {
            Some(0)
        } else if !headline.is_empty() && headline.speaker.is_none() && is_speaker(&p) {
            Some(2)
        } else {
            None
        };
        if let Some(part) = headline_part {
            if !body.is_empty() {
                out.push(Segment::Body(body.close()));
            }
            match part {
                0 => headline.title = Some(p),
                1 => headline.subtitle = Some(p),
                _ => headline.speaker = Some(p),
            }
            continue;
        }
        if !headline.is_empty() {
            out.push(Segment::Headline(std::mem::take(&mut headline)));
        }
        if is_byline(p.raw()) {
            body.authors = authors(p.raw());
            out.push(Segment::Body(body.close()));
            continue;
        }
        // A salutation opens a new report, unless it comes in the middle of a report and the
        // words after it do not announce one (各位代表： before a closing section).
        let opens_report = |body: &Body, next: Option<&Para>| {
            body.cue_kind().is_none()
                || next.is_some_and(|n| KIND_CUES.iter().any(|c| c.body.is_match(&n.text)))
                || KIND_CUES.iter().any(|c| c.body.is_match(&p.text))
        };
        let starts_article = (is_salutation(&p.text) && opens_report(&body, paras.last()))
            || p.continued_from.is_some();
        if starts_article && !body.paras.is_empty() {
            out.push(Segment::Body(body.close()));
        }
        if body.paras.is_empty() {
            body.continued_from.clone_from(&p.continued_from);
        }
        let ends = p.continued_on.clone();
        body.paras.push(p);
        if let Some(page) = ends {
            body.continued_on = Some(page);
            out.push(Segment::Body(body.close()));
        }
    }
    if !headline.is_empty() {
        out.push(Segment::Headline(headline));
    }
    if !body.is_empty() {
        out.push(Segment::Body(body));
    }
    out
}

/// Pass 2: give each headline block to an article. Normally the one after it; but an extractor
/// may emit a headline after its body, so when the article before it lacks a headline and is
/// of the kind the headline names, while the one after is not, it goes to the one before.
fn attach_headlines(segments: Vec<Segment>) -> Vec<Body> {
    let mut bodies: Vec<Option<Body>> = Vec::new();
    let mut headlines: Vec<(usize, Headline)> = Vec::new();
    for seg in segments {
        match seg {
            Segment::Body(b) => bodies.push(Some(b)),
            Segment::Headline(h) => headlines.push((bodies.len(), h)),
        }
    }
    for (at, h) in headlines {
        let hk = h.kind();
        let prev = at
            .checked_sub(1)
            .filter(|&i| bodies[i].as_ref().is_some_and(|b| b.headline.is_none()));
        let next = Some(at).filter(|&i| {
            bodies
                .get(i)
                .and_then(Option::as_ref)
                .is_some_and(|b| b.headline.is_none())
        });
        let kind_of = |i: usize| bodies[i].as_ref().and_then(Body::cue_kind);
        let goes_back = match (prev, next, hk) {
            (Some(p), Some(n), Some(k)) => kind_of(p) == Some(k) && kind_of(n) != Some(k),
            (Some(p), None, Some(k)) => kind_of(p) == Some(k) || kind_of(p).is_none(),
            (Some(_), None, None) => true,
            _ => false,
        };
        let target = if goes_back { prev } else { next };
        match target {
            Some(i) => {
                if let Some(b) = bodies[i].as_mut() {
                    b.headline = Some(h);
                }
            }
            None => {
                bodies.insert(
                    at,
                    Some(Body {
                        headline: Some(h),
                        ..Body::default()
                    }),
                );
            }
        }
    }
    bodies.into_iter().flatten().collect()
}

/// Names from a byline: `（潘 洁 周 颖 朱国亮）` → 潘洁, 周颖, 朱国亮. A two-character name is
/// spaced out to the width of a three-character one, so single characters pair up.
fn authors(raw: &str) -> Vec<String> {
    let inner = raw
        .trim()
        .trim_matches(|c| matches!(c, '（' | '）' | '(' | ')'));
    let mut tokens: Vec<String> = Vec::new();
    for t in inner.split(|c: char| c.is_whitespace()) {
        let t = BYLINE_ROLE.replace(t, "");
        if !t.is_empty() {
            tokens.push(t.into_owned());
        }
    }
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let single = tokens[i].chars().count() == 1;
        if single && tokens.get(i + 1).is_some_and(|n| n.chars().count() == 1) {
            names.push(format!("{}{}", tokens[i], tokens[i + 1]));
            i += 2;
        } else {
            names.push(tokens[i].clone());
            i += 1;
        }
    }
    names
}

/// The date a paragraph opens with (`2026年3月5日，国务院总理…`, `（2026年3月11日…通过）`):
/// the day a news article reports.
pub fn leading_date(text: &str) -> Option<String> {
    let c = DATE.captures(text)?;
    let lead = &text[..c.get(0)?.start()];
    if !lead
        .chars()
        .all(|ch| ch.is_whitespace() || matches!(ch, '（' | '(' | '【' | '['))
    {
        return None;
    }
    calendar_date(&c)
}

fn calendar_date(c: &regex::Captures) -> Option<String> {
    let y = date_number(&c[1])?;
    let m = date_number(&c[2])?;
    let d = date_number(&c[3])?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn build_article(body: Body) -> Article {
    let kind = body.kind();
    let headline = body.headline.unwrap_or_default();
    let head_text: String = [&headline.title, &headline.subtitle]
        .iter()
        .filter_map(|p| p.as_ref().map(|p| p.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let date = DATE.captures(&head_text).and_then(|c| calendar_date(&c));
    let mut region = regions::mentions(&head_text)
        .first()
        .map(|m| m.region.short.to_owned());
    let speaker_text = headline.speaker.as_ref().map_or("", |p| p.text.as_str());
    if region.is_none() && (NATIONAL.is_match(&head_text) || NATIONAL.is_match(speaker_text)) {
        region = regions::country().map(|c| c.short.to_owned());
    }
    if region.is_none() && kind.is_report() {
        region = dominant_region(&body.paras);
    }
    let blocks = headings::blocks(body.paras);
    let (subtitle, run_on_speaker) = match headline.subtitle.map(|p| p.text) {
        Some(text) => split_subtitle_speaker(text),
        None => (None, None),
    };
    Article {
        kind,
        title: headline.title.map(|p| p.text),
        subtitle,
        speaker: headline
            .speaker
            .map(|p| squash_spaces(p.raw()))
            .or(run_on_speaker),
        authors: body.authors,
        date,
        region,
        continued_on: body.continued_on,
        continued_from: body.continued_from,
        year: None,
        warnings: Vec::new(),
        blocks,
    }
}

/// A page may print the speaker on the subtitle's line: `——…会议上省长 叶建春`.
fn split_subtitle_speaker(text: String) -> (Option<String>, Option<String>) {
    let cut = cues("subtitle_end")
        .iter()
        .filter_map(|end| text.find(end).map(|at| at + end.len()))
        .min();
    if let Some(at) = cut.filter(|&at| at < text.len()) {
        let tail = text[at..].trim();
        if SPEAKER.is_match(tail) {
            let speaker = squash_spaces(tail);
            let mut subtitle = text;
            subtitle.truncate(at);
            return (Some(subtitle), Some(speaker));
        }
    }
    (Some(text), None)
}

fn squash_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The province (or, failing that, prefecture) a report names most often.
fn dominant_region(paras: &[Para]) -> Option<String> {
    let mut counts: HashMap<&'static str, (usize, usize, Level)> = HashMap::new();
    let mut order = 0;
    for p in paras {
        for m in regions::mentions(&p.text) {
            let e = counts
                .entry(m.region.short)
                .or_insert((0, order, m.region.level));
            e.0 += 1;
            order += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            let rank = |l: Level| u8::from(l == Level::Province);
            (rank(a.1 .2), a.1 .0, std::cmp::Reverse(a.1 .1)).cmp(&(
                rank(b.1 .2),
                b.1 .0,
                std::cmp::Reverse(b.1 .1),
            ))
        })
        .map(|(s, _)| s.to_owned())
}

/// Reports printed together (one congress, one newspaper page) share a region: a report that
/// names none takes the one its neighbours agree on.
fn fill_shared_region(articles: &mut [Article]) {
    let mut found: Vec<&str> = articles
        .iter()
        .filter(|a| a.kind.is_report())
        .filter_map(|a| a.region.as_deref())
        .collect();
    found.dedup();
    if let [only] = found.as_slice() {
        let only = (*only).to_owned();
        for a in articles.iter_mut().filter(|a| a.kind.is_report()) {
            a.region.get_or_insert_with(|| only.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::restore;

    fn doc(text: &str) -> Document {
        structure("t", restore(text))
    }

    #[test]
    fn byline_names_pair_up_when_spaced() {
        assert_eq!(
            authors("（潘 洁 周 颖 朱国亮 郭敬丹）"),
            ["潘洁", "周颖", "朱国亮", "郭敬丹"]
        );
        assert_eq!(authors("（记者 王 强 李明华）"), ["王强", "李明华"]);
    }

    #[test]
    fn headline_after_body_goes_to_the_report_it_names() {
        let text = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n经济运行稳中向好。（下转第二版）\n\n政府工作报告\n——2026年1月9日在郑州市第十六届人民代表大会第五次会议上\n\n市长 张三丰\n\n各位代表：\n我受市人大常委会委托，向大会报告工作，请予审议。\n";
        let d = doc(text);
        assert_eq!(d.articles.len(), 2, "{d:#?}");
        let gwr = &d.articles[0];
        assert_eq!(gwr.kind, ArticleKind::GovernmentWorkReport);
        assert_eq!(gwr.title.as_deref(), Some("政府工作报告"));
        assert_eq!(gwr.date.as_deref(), Some("2026-01-09"));
        assert_eq!(gwr.region.as_deref(), Some("郑州"));
        assert_eq!(gwr.speaker.as_deref(), Some("市长 张三丰"));
        assert_eq!(gwr.continued_on.as_deref(), Some("第二版"));
        let scr = &d.articles[1];
        assert_eq!(scr.kind, ArticleKind::StandingCommitteeReport);
        assert_eq!(scr.title, None);
        assert_eq!(scr.region.as_deref(), Some("郑州"));
    }

    #[test]
    fn headline_before_body_goes_to_the_following_article() {
        let text = "政府工作报告\n——2025年1月14日在湖南省第十四届人民代表大会第四次会议上\n省长 李四\n\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n";
        let d = doc(text);
        assert_eq!(d.articles.len(), 1);
        assert_eq!(d.articles[0].region.as_deref(), Some("湖南"));
        assert_eq!(d.articles[0].blocks.len(), 2);
    }

    #[test]
    fn standing_committee_headline_on_two_lines_with_its_chairman() {
        let text = "各位代表：\n我受省人大常委会委托，向大会报告工作，请予审议。（下转第三版）\n\n湖南省人民代表大会常务委员会\n工作报告\n——2025年1月15日在湖南省第十四届人民代表大会第三次会议上\n\n省人大常委会主任 某某某\n";
        let d = doc(text);
        assert_eq!(d.articles.len(), 1, "{d:#?}");
        let a = &d.articles[0];
        assert_eq!(a.kind, ArticleKind::StandingCommitteeReport);
        assert_eq!(
            a.title.as_deref(),
            Some("湖南省人民代表大会常务委员会工作报告")
        );
        assert_eq!(a.speaker.as_deref(), Some("省人大常委会主任 某某某"));
        assert_eq!(a.region.as_deref(), Some("湖南"));
        assert_eq!(a.date.as_deref(), Some("2025-01-15"));
    }

    #[test]
    fn a_continued_page_takes_its_kind_from_its_wording() {
        let text = "（上接第一版）全省上下攻坚克难，我省经济稳中向好，全省新增就业人数创新高。\n\n（记者 王 强）\n（上接第二版）常委会加强立法工作，常委会组成人员认真履职，常委会全年审议法规草案。\n";
        let d = doc(text);
        let kinds: Vec<ArticleKind> = d.articles.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [ArticleKind::News, ArticleKind::StandingCommitteeReport]
        );
        let text = "（上接第一版）全省上下攻坚克难，我省经济稳中向好，全省新增就业人数创新高。\n";
        assert_eq!(
            doc(text).articles[0].kind,
            ArticleKind::GovernmentWorkReport
        );
    }

    #[test]
    fn a_salutation_inside_a_report_does_not_split_it() {
        let text = "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n\n一、过去一年工作回顾\n\n经济运行稳中向好。\n\n各位代表：\n新的征程已经开启，让我们团结奋斗。\n\n各位代表：\n我受省人大常委会委托，向大会报告工作。\n";
        let kinds: Vec<ArticleKind> = doc(text).articles.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [
                ArticleKind::GovernmentWorkReport,
                ArticleKind::StandingCommitteeReport
            ]
        );
    }

    #[test]
    fn dates_in_chinese_numerals() {
        let text = "政府工作报告\n——二〇二五年一月二十一日在湖北省第十四届人民代表大会第四次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n";
        assert_eq!(doc(text).articles[0].date.as_deref(), Some("2025-01-21"));
    }

    #[test]
    fn news_with_byline_has_no_region_and_lists_authors() {
        let text = "广东、河南等地两会密集召开，各地在新的一年坚定信心。\n\n（张 三 李 四）\n";
        let d = doc(text);
        assert_eq!(d.articles.len(), 1);
        let a = &d.articles[0];
        assert_eq!(a.kind, ArticleKind::News);
        assert_eq!(a.region, None);
        assert_eq!(a.authors, ["张三", "李四"]);
    }
}
