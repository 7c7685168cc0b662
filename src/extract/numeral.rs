//! Numerals: Arabic (with full-width digits and thousands separators), Chinese (`一万二千三百`,
//! `两千万`, `〇`), their mixes (`1.3万`, `14万亿`) and `百分之五`.

/// Value of a Chinese digit character.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        // The white circle stands in for 〇 in many printed years (二○二四年).
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a Chinese place-value character (十 百 千) or large unit (万 亿).
pub fn cn_multiplier(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

/// A large unit written after a number that has ended: Taiwan usage's 兆 (10¹², 万亿 on the
/// mainland: `1.43 兆斤`, `十四點五八兆元`). Never read inside a Chinese numeral, where 兆 is
/// a word.
pub fn large_multiplier_after_digits(c: char) -> Option<f64> {
    (c == '兆').then_some(1e12)
}

pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_multiplier(c).is_some()
}

/// An ASCII or full-width digit's value.
pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Parses a Chinese numeral: `十一` 11, `一百零五` 105, `一万二千三百` 12300, `两千万` 2e7,
/// `一万亿` 1e12, `三点五` 3.5, `二〇二五` 2025 (digit by digit). None when `s` is not one.
pub fn parse_chinese(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('点') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let mut value = parse_chinese_integer(int_part)?;
    if let Some(frac) = frac_part {
        let mut scale = 0.1;
        let mut any = false;
        for c in frac.chars() {
            value += f64::from(cn_digit(c)?) * scale;
            scale /= 10.0;
            any = true;
        }
        if !any {
            return None;
        }
    }
    Some(value)
}

fn parse_chinese_integer(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    // Digit-by-digit form (二〇二五, 一九九八): no place values at all.
    if chars.len() > 1 && chars.iter().all(|&c| cn_digit(c).is_some()) {
        return chars.iter().try_fold(0.0, |acc, &c| {
            cn_digit(c).map(|d| acc * 10.0 + f64::from(d))
        });
    }
    let mut total = 0.0; // completed 亿 groups
    let mut section = 0.0; // the 万 group and the places below it
    let mut number: Option<f64> = None; // pending digit
    for &c in &chars {
        if let Some(d) = cn_digit(c) {
            // 零 holds a place (一千零一); any other two digits in a row are not a numeral.
            if number.is_some_and(|n| n != 0.0) {
                return None;
            }
            number = Some(f64::from(d));
            continue;
        }
        let m = cn_multiplier(c)?;
        if m < 1e4 {
            section += number.unwrap_or(1.0) * m;
        } else if m == 1e4 {
            let group = section + number.unwrap_or(0.0);
            section = if group == 0.0 { 1.0 } else { group } * m;
        } else {
            let group = section + number.unwrap_or(0.0);
            let group = if group == 0.0 && total == 0.0 {
                1.0
            } else {
                group
            };
            total = (total + group) * m;
            section = 0.0;
        }
        number = None;
    }
    Some(total + section + number.unwrap_or(0.0))
}

/// Parses Arabic digits with an optional decimal part and ASCII thousands separators, full-width
/// digits and points included: `1,234.5`, `１２３`, `4.5`. None when `s` has anything else.
pub fn parse_arabic(s: &str) -> Option<f64> {
    let mut out = String::with_capacity(s.len());
    let mut seen_point = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            out.push(char::from_digit(d, 10)?);
        } else if matches!(c, '.' | '．') && !seen_point {
            seen_point = true;
            out.push('.');
        } else if matches!(c, ',' | '，') && !seen_point {
            continue;
        } else {
            return None;
        }
    }
    if out.is_empty() || out.starts_with('.') || out.ends_with('.') {
        return None;
    }
    out.parse().ok()
}

/// Parses any numeral with trailing large multipliers: `1.3万` 13000, `14万亿` 1.4e13,
/// `两千万` 2e7, `5000` 5000, `百分之五` 5 (as a percentage value).
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("百分之") {
        return parse_number(rest);
    }
    let split = s
        .char_indices()
        .find(|&(_, c)| !(digit(c).is_some() || matches!(c, '.' | '．' | ',' | '，')))
        .map_or(s.len(), |(i, _)| i);
    if split == 0 {
        return parse_chinese(s);
    }
    let base = parse_arabic(&s[..split])?;
    let mut m = 1.0;
    for c in s[split..].chars() {
        m *= cn_multiplier(c).filter(|&v| v >= 10.0)?;
    }
    Some(base * m)
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes a non-negative integer as a Chinese numeral (`12300` → `一万二千三百`), the inverse
/// of [`parse_chinese`]; used by tests and the corpus generator.
pub fn to_chinese(n: u64) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    let parts = [
        (n / 100_000_000, Some('亿')),
        ((n / 10_000) % 10_000, Some('万')),
        (n % 10_000, None),
    ];
    let mut out = String::new();
    let mut higher = false;
    let mut gap = false;
    for (value, suffix) in parts {
        if value == 0 {
            gap |= higher;
            continue;
        }
        if higher && (gap || value < 1000) {
            out.push('零');
        }
        if suffix == Some('亿') && value >= 10_000 {
            out.push_str(&to_chinese(value));
        } else {
            out.push_str(&group(value, higher));
        }
        out.extend(suffix);
        higher = true;
        gap = false;
    }
    out
}

/// A group below 10000. `inner` tells that a higher group precedes, so `十` keeps its `一`.
fn group(n: u64, inner: bool) -> String {
    let places = [
        (1000, Some('千')),
        (100, Some('百')),
        (10, Some('十')),
        (1, None),
    ];
    let mut out = String::new();
    let mut started = false;
    let mut zero = false;
    for (p, place) in places {
        let d = ((n / p) % 10) as usize;
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if p != 10 || d != 1 || started || inner {
            out.push(DIGITS[d]);
        }
        out.extend(place);
        started = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_numerals() {
        let cases: &[(&str, f64)] = &[
            ("零", 0.0),
            ("〇", 0.0),
            ("一", 1.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十一", 11.0),
            ("二十", 20.0),
            ("二十五", 25.0),
            ("一百", 100.0),
            ("百", 100.0),
            ("一百零五", 105.0),
            ("一百一十", 110.0),
            ("三百六十五", 365.0),
            ("千", 1000.0),
            ("一千零一", 1001.0),
            ("两千", 2000.0),
            ("一万", 1e4),
            ("万", 1e4),
            ("一万二千三百", 12300.0),
            ("一万零五百", 10500.0),
            ("十万", 1e5),
            ("一百万", 1e6),
            ("两千万", 2e7),
            ("一亿", 1e8),
            ("亿", 1e8),
            ("一亿二千万", 1.2e8),
            ("三亿零五万", 300_050_000.0),
            ("一万亿", 1e12),
            ("万亿", 1e12),
            ("千亿", 1e11),
            ("十四万亿", 1.4e13),
            ("三点五", 3.5),
            ("零点五", 0.5),
            ("二〇二五", 2025.0),
            ("一九九八", 1998.0),
            ("壹佰", 100.0),
        ];
        for &(s, v) in cases {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
    }

    #[test]
    fn not_chinese_numerals() {
        for s in ["", "点五", "三点", "五六七十", "百分"] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
    }

    #[test]
    fn arabic_numerals() {
        let cases: &[(&str, f64)] = &[
            ("0", 0.0),
            ("5", 5.0),
            ("1599", 1599.0),
            ("131.7", 131.7),
            ("1,234", 1234.0),
            ("1,234,567.89", 1_234_567.89),
            ("１２３", 123.0),
            ("４．５", 4.5),
            ("0.5", 0.5),
        ];
        for &(s, v) in cases {
            assert_eq!(parse_arabic(s), Some(v), "{s}");
        }
        for s in ["", ".5", "5.", "1.2.3", "5a"] {
            assert_eq!(parse_arabic(s), None, "{s}");
        }
    }

    #[test]
    fn mixed_numbers() {
        let cases: &[(&str, f64)] = &[
            ("1.3万", 13000.0),
            ("14万亿", 1.4e13),
            ("131.7万", 1_317_000.0),
            ("76.6亿", 7.66e9),
            ("5000万", 5e7),
            ("2.5亿", 2.5e8),
            ("两千万", 2e7),
            ("百分之五", 5.0),
            ("百分之十二点五", 12.5),
            ("1百", 100.0),
        ];
        for &(s, v) in cases {
            let got = parse_number(s).unwrap_or(f64::NAN);
            assert!((got - v).abs() < 1e-6 * v.max(1.0), "{s}: {got} != {v}");
        }
    }

    #[test]
    fn writes_chinese() {
        let cases: &[(u64, &str)] = &[
            (0, "零"),
            (7, "七"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (12300, "一万二千三百"),
            (10500, "一万零五百"),
            (100_010, "十万零一十"),
            (20_000_000, "二千万"),
            (120_000_000, "一亿二千万"),
            (300_050_000, "三亿零五万"),
            (1_000_000_000_000, "一万亿"),
        ];
        for &(n, s) in cases {
            assert_eq!(to_chinese(n), s, "{n}");
        }
    }

    proptest! {
        #[test]
        fn chinese_round_trip_integers(n in 0u64..1_000_000_000_000) {
            let s = to_chinese(n);
            prop_assert_eq!(parse_chinese(&s), Some(n as f64), "{}", s);
        }

        #[test]
        fn chinese_round_trip_decimals(n in 0u64..1_000_000_000, frac in 0u32..100) {
            let digits: String = format!("{frac:02}")
                .chars()
                .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
                .collect();
            let s = format!("{}点{}", to_chinese(n), digits);
            let want = n as f64 + f64::from(frac) / 100.0;
            let got = parse_chinese(&s).unwrap_or(f64::NAN);
            prop_assert!((got - want).abs() <= 1e-9 * want.max(1.0), "{} -> {} != {}", s, got, want);
        }

        #[test]
        fn arabic_round_trip(n in 0u64..1_000_000_000_000, frac in 0u32..100) {
            let s = format!("{n}.{frac:02}");
            let want = n as f64 + f64::from(frac) / 100.0;
            let got = parse_arabic(&s).unwrap_or(f64::NAN);
            prop_assert!((got - want).abs() <= 1e-9 * want.max(1.0));
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,24}") {
            let _ = parse_number(&s);
            let _ = parse_chinese(&s);
            let _ = parse_arabic(&s);
        }
    }
}
