//! A fact as one JSON object, written straight into a byte buffer: the same bytes as
//! `serde_json::to_writer` of its `Serialize` form (a property test holds the two together),
//! at a fraction of the cost. `facts --format jsonl` writes a fact per mention, each with its
//! whole sentence, so the output is larger than the input, and going through serde's generic
//! serializer (a call per key, the string escaper looking up every byte in a table) was a
//! tenth of all the work of the command.

use crate::extract::Fact;

/// Appends `fact` as a JSON object (no newline) to `out`.
pub fn write_fact(out: &mut Vec<u8>, fact: &Fact) {
    out.extend_from_slice(b"{\"article\":");
    integer(out, fact.article);
    out.extend_from_slice(b",\"block\":");
    integer(out, fact.block);
    out.extend_from_slice(b",\"line\":");
    integer(out, fact.line);
    out.extend_from_slice(b",\"text\":");
    string(out, &fact.text);
    out.extend_from_slice(b",\"value\":");
    float(out, fact.value);
    out.extend_from_slice(b",\"value_high\":");
    option(out, fact.value_high, float);
    out.extend_from_slice(b",\"unit\":");
    if fact.unit.is_empty() {
        out.extend_from_slice(b"null");
    } else {
        string(out, &fact.unit);
    }
    out.extend_from_slice(b",\"qualifier\":");
    string(out, fact.qualifier.as_str());
    out.extend_from_slice(b",\"measure\":");
    string(out, fact.measure.as_str());
    out.extend_from_slice(b",\"direction\":");
    option(out, fact.direction, |o, d| string(o, d.as_str()));
    out.extend_from_slice(b",\"kind\":");
    string(out, fact.kind.as_str());
    out.extend_from_slice(b",\"region\":");
    option(out, fact.region.as_deref(), string);
    out.extend_from_slice(b",\"region_code\":");
    option(out, fact.region_code.as_deref(), string);
    out.extend_from_slice(b",\"indicator\":");
    string(out, &fact.indicator);
    out.extend_from_slice(b",\"code\":");
    option(out, fact.code.as_deref(), string);
    out.extend_from_slice(b",\"year\":");
    option(out, fact.year, integer);
    out.extend_from_slice(b",\"period\":");
    // A period's text is digits and a hyphen: nothing to escape.
    option(out, fact.period, |o, p| {
        o.push(b'"');
        integer(o, p.start);
        o.push(b'-');
        integer(o, p.end);
        o.push(b'"');
    });
    out.extend_from_slice(b",\"optional\":");
    out.extend_from_slice(if fact.optional { b"true" } else { b"false" });
    out.extend_from_slice(b",\"sentence\":");
    string(out, &fact.sentence);
    out.extend_from_slice(b",\"char_start\":");
    integer(out, fact.char_start);
    out.extend_from_slice(b",\"char_end\":");
    integer(out, fact.char_end);
    out.extend_from_slice(b",\"page\":");
    option(out, fact.page, integer);
    out.extend_from_slice(b",\"page_xy\":");
    option(out, fact.page_xy, |o, [x, y]| {
        o.push(b'[');
        float(o, x);
        o.push(b',');
        float(o, y);
        o.push(b']');
    });
    out.push(b'}');
}

fn option<T>(out: &mut Vec<u8>, value: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match value {
        Some(v) => write(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// As serde_json writes an `f64`: shortest round-trip digits, and `null` for what JSON cannot
/// hold.
fn float(out: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A JSON string, escaped as serde_json escapes it: quote, backslash, and the C0 controls
/// (short forms where JSON has them, else `\u00xx` in lower-case hex); everything else as is.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut done = 0;
    while let Some(at) = next_to_escape(bytes, done) {
        out.extend_from_slice(&bytes[done..at]);
        let b = bytes[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            }
        }
        done = at + 1;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte from `from` on that a JSON string must escape. Eight bytes are told at a
/// time: text is almost never escaped, and Chinese text is all bytes of 0x80 and up.
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `x` is zero (exact as a yes or no, not as to which byte).
    let any_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let rest = &bytes[from..];
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte under 0x20 has all of bits 5-7 clear.
        let control = any_zero(x & (0xE0 * ONES));
        if control
            || any_zero(x ^ (u64::from(b'"') * ONES))
            || any_zero(x ^ (u64::from(b'\\') * ONES))
        {
            if let Some(i) = chunk.iter().position(|&b| needs_escape(b)) {
                return Some(offset + i);
            }
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Direction, FactKind, Measure, Qualifier};
    use crate::structure::Period;
    use proptest::prelude::*;

    fn serde_bytes(fact: &Fact) -> String {
        serde_json::to_string(fact).unwrap()
    }

    fn written(fact: &Fact) -> String {
        let mut out = Vec::new();
        write_fact(&mut out, fact);
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Fact {
        Fact {
            article: 0,
            block: 2,
            line: 9,
            text: "突破14万亿元".into(),
            value: 1.4e13,
            value_high: None,
            unit: "元".into(),
            qualifier: Qualifier::AtLeast,
            measure: Measure::Level,
            direction: None,
            kind: FactKind::Result,
            region: Some("广东".into()),
            region_code: Some("440000".into()),
            indicator: "经济总量".into(),
            code: Some("gdp".into()),
            year: Some(2024),
            period: None,
            optional: false,
            sentence: "广东成为我国首个经济总量突破14万亿元的省份。".into(),
            char_start: 12,
            char_end: 19,
            page: None,
            page_xy: None,
        }
    }

    #[test]
    fn a_fact_is_written_as_serde_writes_it() {
        let fact = sample();
        assert_eq!(written(&fact), serde_bytes(&fact));
        let every_field = Fact {
            value_high: Some(2.5),
            unit: String::new(),
            direction: Some(Direction::Down),
            period: Some(Period {
                start: 2021,
                end: 2025,
            }),
            optional: true,
            page: Some(3),
            page_xy: Some([72.0, 101.25]),
            sentence: "引号\"反斜杠\\换行\n制表\t响铃\u{7}删除\u{7f}".into(),
            ..sample()
        };
        assert_eq!(written(&every_field), serde_bytes(&every_field));
        assert!(written(&every_field).contains(r#"\"反斜杠\\换行\n制表\t响铃\u0007删除"#));
    }

    #[test]
    fn numbers_json_cannot_hold_are_null() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let fact = Fact {
                value: v,
                value_high: Some(v),
                ..sample()
            };
            assert_eq!(written(&fact), serde_bytes(&fact));
            assert!(written(&fact).contains(r#""value":null,"value_high":null"#));
        }
    }

    fn any_text() -> impl Strategy<Value = String> {
        // Controls, quotes and backslashes among Chinese and ASCII text, at every offset of a
        // word of eight bytes.
        proptest::collection::vec(
            prop_oneof![
                3 => proptest::char::range('\u{4e00}', '\u{9fff}'),
                2 => proptest::char::range(' ', '~'),
                1 => proptest::char::range('\0', '\u{1f}'),
                1 => Just('"'),
                1 => Just('\\'),
                1 => any::<char>(),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn any_float() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            (-1_000_000i64..1_000_000).prop_map(|n| n as f64 / 100.0),
            (0u32..20).prop_map(|e| 10f64.powi(e as i32)),
        ]
    }

    proptest! {
        #[test]
        fn any_fact_is_written_as_serde_writes_it(
            text in any_text(),
            sentence in any_text(),
            unit in any_text(),
            indicator in any_text(),
            region in proptest::option::of(any_text()),
            code in proptest::option::of(any_text()),
            value in any_float(),
            value_high in proptest::option::of(any_float()),
            page_xy in proptest::option::of((any_float(), any_float())),
            numbers in (any::<usize>(), any::<usize>(), any::<u32>(), any::<usize>(), any::<usize>()),
            year in proptest::option::of(any::<i32>()),
            period in proptest::option::of((any::<i32>(), any::<i32>())),
            page in proptest::option::of(any::<u32>()),
            optional in any::<bool>(),
            kinds in (0usize..5, 0usize..4, 0usize..3, 0usize..3),
        ) {
            let (article, block, line, char_start, char_end) = numbers;
            let fact = Fact {
                article,
                block,
                line,
                text,
                value,
                value_high,
                unit,
                qualifier: [Qualifier::Exact, Qualifier::Approx, Qualifier::AtLeast, Qualifier::AtMost, Qualifier::Range][kinds.0],
                measure: [Measure::Level, Measure::Change, Measure::Share, Measure::Rank][kinds.1],
                direction: [None, Some(Direction::Up), Some(Direction::Down)][kinds.2],
                kind: [FactKind::Target, FactKind::Result, FactKind::Estimate][kinds.3],
                region_code: region.as_ref().map(|r| r.chars().rev().collect()),
                region,
                indicator,
                code,
                year,
                period: period.map(|(start, end)| Period { start, end }),
                optional,
                sentence,
                char_start,
                char_end,
                page,
                page_xy: page_xy.map(|(x, y)| [x, y]),
            };
            prop_assert_eq!(written(&fact), serde_bytes(&fact));
        }

        #[test]
        fn the_escape_search_finds_the_first_byte_to_escape(text in any_text(), from in 0usize..48) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = bytes[from..].iter().position(|&b| needs_escape(b)).map(|i| from + i);
            prop_assert_eq!(next_to_escape(bytes, from), expected);
        }
    }
}
