//! Query parameters of the dashboard and the API, checked before they reach the store: a bad
//! value is a 400 with a message, never a query.

use crate::store::{FactFilter, PeriodFilter};

/// Every parameter name the server understands.
const KNOWN: &[&str] = &[
    "code",
    "indicator",
    "kind",
    "year",
    "by",
    "region",
    "measure",
    "q",
    "limit",
    "format",
    "period",
];
const MAX_TEXT: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct Params {
    pub code: Option<String>,
    pub indicator: Option<String>,
    pub kind: Option<String>,
    pub year: Option<i32>,
    pub by_year: bool,
    pub region: Option<String>,
    pub measure: Option<String>,
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub format: Option<String>,
    /// `annual`, `any` or a span such as `2021-2025`, as given.
    pub period: Option<String>,
}

impl Params {
    /// Parses and checks raw `(name, value)` pairs; empty values count as absent.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, String> {
        let mut p = Params::default();
        for (name, value) in pairs {
            let value = value.trim();
            if !KNOWN.contains(&name.as_str()) {
                return Err(format!("unknown parameter {name:?}"));
            }
            if value.is_empty() {
                continue;
            }
            if value.chars().count() > MAX_TEXT {
                return Err(format!("{name} is longer than {MAX_TEXT} characters"));
            }
            let text = Some(value.to_owned());
            match name.as_str() {
                "code" => {
                    if !value
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        return Err(format!("code {value:?} is not an indicator code"));
                    }
                    p.code = text;
                }
                "kind" => {
                    one_of(name, value, &["target", "result", "estimate"])?;
                    p.kind = text;
                }
                "measure" => {
                    one_of(name, value, &["level", "change", "share", "rank"])?;
                    p.measure = text;
                }
                "by" => {
                    one_of(name, value, &["region", "year"])?;
                    p.by_year = value == "year";
                }
                "format" => {
                    one_of(name, value, &["json", "csv", "xlsx", "html"])?;
                    p.format = text;
                }
                "year" => {
                    let y: i32 = value
                        .parse()
                        .map_err(|_| format!("year {value:?} is not a year"))?;
                    if !(1900..=2200).contains(&y) {
                        return Err(format!("year {y} is out of range"));
                    }
                    p.year = Some(y);
                }
                "limit" => {
                    let l: usize = value
                        .parse()
                        .map_err(|_| format!("limit {value:?} is not a number"))?;
                    if !(1..=100_000).contains(&l) {
                        return Err(format!("limit {l} is out of range 1..100000"));
                    }
                    p.limit = Some(l);
                }
                "period" => {
                    if PeriodFilter::parse(value).is_none() {
                        return Err(format!(
                            "period {value:?} is not annual, any or a span such as 2021-2025"
                        ));
                    }
                    p.period = text;
                }
                "indicator" => p.indicator = text,
                "region" => p.region = text,
                "q" => p.q = text,
                _ => {}
            }
        }
        Ok(p)
    }

    /// The period asked for, or `default` where none was.
    pub fn period_or(&self, default: PeriodFilter) -> PeriodFilter {
        self.period
            .as_deref()
            .and_then(PeriodFilter::parse)
            .unwrap_or(default)
    }

    /// The filter of a listing; `period` where the parameters name none.
    pub fn filter(&self, period: PeriodFilter) -> FactFilter {
        FactFilter {
            period: self.period_or(period),
            region: self.region.clone(),
            code: self.code.clone(),
            indicator: self.indicator.clone(),
            kind: self.kind.clone(),
            year: self.year,
            measure: self.measure.clone(),
            text: self.q.clone(),
            doc_id: None,
            limit: self.limit,
        }
    }

    /// The parameters as a query string, for links that keep the current view.
    pub fn query_string(&self, format: Option<&str>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |k: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                pairs.push((k, v.clone()));
            }
        };
        push("code", &self.code);
        push("indicator", &self.indicator);
        push("kind", &self.kind);
        push("region", &self.region);
        push("measure", &self.measure);
        push("q", &self.q);
        push("period", &self.period);
        if let Some(y) = self.year {
            pairs.push(("year", y.to_string()));
        }
        if self.by_year {
            pairs.push(("by", "year".into()));
        }
        if let Some(l) = self.limit {
            pairs.push(("limit", l.to_string()));
        }
        if let Some(f) = format {
            pairs.push(("format", f.into()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", url_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn one_of(name: &str, value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!("{name} must be one of {}", allowed.join(", ")))
    }
}

pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &[(&str, &str)]) -> Result<Params, String> {
        let pairs: Vec<(String, String)> = q
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Params::parse(&pairs)
    }

    #[test]
    fn good_parameters_parse() {
        let p = parse(&[
            ("code", "gdp_growth"),
            ("kind", "target"),
            ("year", "2025"),
            ("by", "year"),
            ("region", "河南"),
        ])
        .unwrap();
        assert_eq!(p.code.as_deref(), Some("gdp_growth"));
        assert_eq!(p.year, Some(2025));
        assert!(p.by_year);
        assert_eq!(
            p.query_string(None),
            "code=gdp_growth&kind=target&region=%E6%B2%B3%E5%8D%97&year=2025&by=year"
        );
    }

    #[test]
    fn bad_parameters_are_refused_with_a_reason() {
        for (q, why) in [
            (vec![("year", "twenty")], "not a year"),
            (vec![("year", "99999")], "out of range"),
            (vec![("kind", "wish")], "kind must be one of"),
            (
                vec![("code", "gdp'; DROP TABLE facts;--")],
                "not an indicator code",
            ),
            (vec![("limit", "0")], "out of range"),
            (vec![("color", "red")], "unknown parameter"),
        ] {
            let err = parse(&q).unwrap_err();
            assert!(err.contains(why), "{q:?}: {err}");
        }
    }
}
