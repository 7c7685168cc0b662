//! Fact rows on passages written for the tests, in the style of work reports and the press.
//! Each row: text|value|value_high|unit|qualifier|measure|direction|kind|region|code|year.

use super::*;
use crate::output::number;

fn rows(text: &str) -> Vec<String> {
    let doc = crate::parse_text("test", text);
    facts(&doc)
        .iter()
        .map(|f| {
            [
                f.text.clone(),
                number(f.value),
                f.value_high.map(number).unwrap_or_default(),
                f.unit.clone(),
                f.qualifier.as_str().to_owned(),
                f.measure.as_str().to_owned(),
                f.direction
                    .map(|d| d.as_str().to_owned())
                    .unwrap_or_default(),
                f.kind.as_str().to_owned(),
                f.region.clone().unwrap_or_default(),
                f.code.clone().unwrap_or_default(),
                f.year.map(|y| y.to_string()).unwrap_or_default(),
            ]
            .join("|")
        })
        .collect()
}

/// Each fact's `field` (its text, its indicator), kind and year.
fn field_kind_year(
    text: &str,
    field: fn(&Fact) -> &str,
) -> Vec<(String, &'static str, Option<i32>)> {
    facts(&crate::parse_text("test", text))
        .iter()
        .map(|f| (field(f).to_owned(), f.kind.as_str(), f.year))
        .collect()
}

/// Asserts each fact's text, kind, year and region.
fn assert_text_kind_year_region(text: &str, want: &[(&str, &str, Option<i32>, Option<&str>)]) {
    let facts = facts(&crate::parse_text("test", text));
    let got: Vec<(&str, &str, Option<i32>, Option<&str>)> = facts
        .iter()
        .map(|f| {
            (
                f.text.as_str(),
                f.kind.as_str(),
                f.year,
                f.region.as_deref(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn provincial_targets_with_bounds_and_no_number_clauses() {
    let text = "政府工作报告
——2026年1月25日在河南省第十四届人民代表大会第四次会议上
省长 王某某

各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。

二、2026年工作安排

今年经济社会发展的主要预期目标是：全省生产总值增长5.5%左右，规模以上工业增加值增长6%，固定资产投资增长6%以上，社会消费品零售总额增长5.5%，城镇新增就业110万人以上，城镇调查失业率5.5%左右，居民消费价格涨幅2%左右，居民人均可支配收入增长与经济增长同步，粮食产量稳定在1300亿斤以上，单位生产总值能耗降低3%左右。
";
    let want = [
        "5.5%左右|5.5||%|approx|change|up|target|河南|gdp_growth|2026",
        "6%|6||%|exact|change|up|target|河南|industrial_value_added_growth|2026",
        "6%以上|6||%|at_least|change|up|target|河南|fixed_asset_investment_growth|2026",
        "5.5%|5.5||%|exact|change|up|target|河南|retail_sales_growth|2026",
        "110万人以上|1100000||人|at_least|level||target|河南|urban_new_jobs|2026",
        "5.5%左右|5.5||%|approx|level||target|河南|urban_unemployment_rate|2026",
        "2%左右|2||%|approx|change|up|target|河南|cpi|2026",
        "1300亿斤以上|130000000000||斤|at_least|level||target|河南|grain_output|2026",
        "3%左右|3||%|approx|change|down|target|河南|energy_intensity|2026",
    ];
    assert_eq!(rows(text), want);
    // A page set in half-width punctuation (目标是: …, …;) reads the same.
    let half_width: String = text
        .chars()
        .map(|c| match c {
            '：' => ':',
            '，' => ',',
            '；' => ';',
            _ => c,
        })
        .collect();
    assert_eq!(rows(&half_width), want);
}

#[test]
fn city_review_and_targets_with_ranges_and_respectively() {
    let text = "政府工作报告
——2025年1月8日在郑州市第十六届人民代表大会第五次会议上
市长 李某某

各位代表：
现在，我代表市人民政府向大会报告工作，请予审议。

一、2024年工作回顾

过去一年，全市生产总值增长5.1%，一般公共预算收入增长3.5%，城乡居民人均可支配收入预计分别增长4.6%、6.4%。

二、2025年主要目标任务

全市生产总值增长5.5-6%，城乡居民人均可支配收入分别增长6%左右和7%左右，研发经费投入强度达到2.8%，外贸进出口实现正增长，PM2.5平均浓度控制在38微克/立方米以内。
";
    let want = [
        "5.1%|5.1||%|exact|change|up|result|郑州|gdp_growth|2024",
        "3.5%|3.5||%|exact|change|up|result|郑州|budget_revenue_growth|2024",
        "4.6%|4.6||%|exact|change|up|estimate|郑州|urban_income_growth|2024",
        "6.4%|6.4||%|exact|change|up|estimate|郑州|rural_income_growth|2024",
        "5.5-6%|5.5|6|%|range|change|up|target|郑州|gdp_growth|2025",
        "6%左右|6||%|approx|change|up|target|郑州|urban_income_growth|2025",
        "7%左右|7||%|approx|change|up|target|郑州|rural_income_growth|2025",
        "2.8%|2.8||%|exact|level||target|郑州|rd_intensity|2025",
        "控制在38微克/立方米以内|38||微克/立方米|at_most|level||target|郑州|pm25|2025",
    ];
    assert_eq!(rows(text), want);
}

#[test]
fn grain_in_jin_jobs_in_wan_ren_and_intensity_targets() {
    let text = "政府工作报告
——2026年1月12日在黑龙江省第十四届人民代表大会第五次会议上

各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。

今年的预期目标

粮食总产量保持在1600亿斤以上，货物进出口总额增长8%左右，城镇新增就业35万人，单位地区生产总值二氧化碳排放降低2.5%，居民消费价格涨幅3%以内，地区生产总值增长4.5%—5%。
";
    let want = [
        "1600亿斤以上|160000000000||斤|at_least|level||target|黑龙江|grain_output|2026",
        "8%左右|8||%|approx|change|up|target|黑龙江|trade_growth|2026",
        "35万人|350000||人|exact|level||target|黑龙江|urban_new_jobs|2026",
        "2.5%|2.5||%|exact|change|down|target|黑龙江|carbon_intensity|2026",
        "3%以内|3||%|at_most|change|up|target|黑龙江|cpi|2026",
        "4.5%—5%|4.5|5|%|range|change|up|target|黑龙江|gdp_growth|2026",
    ];
    assert_eq!(rows(text), want);
}

#[test]
fn news_round_up_of_provinces_with_elided_subjects() {
    let text = "各地两会陆续召开。湖北将经济增长目标设为6%左右、湖南设为5.5%左右、安徽设为5.5%以上……多地把2026年固定资产投资增长目标定在6%左右。

（张 三 李 四）
";
    let want = [
        "6%左右|6||%|approx|change|up|target|湖北|gdp_growth|2026",
        "5.5%左右|5.5||%|approx|change|up|target|湖南|gdp_growth|2026",
        "5.5%以上|5.5||%|at_least|change|up|target|安徽|gdp_growth|2026",
        "6%左右|6||%|approx|change|up|target||fixed_asset_investment_growth|2026",
    ];
    assert_eq!(rows(text), want);
}

#[test]
fn a_short_indicator_ending_in_a_measure_noun_is_not_elided() {
    // A list after a headline topic: 赤字率 names its own indicator; 增长率 would not.
    let text = "全国GDP增长目标5%左右

城镇调查失业率平均5.1%。

2025年目标：

赤字率4%左右
";
    let facts = facts(&crate::parse_text("test", text));
    let deficit = facts.iter().find(|f| f.value == 4.0).unwrap();
    assert_eq!(deficit.indicator, "赤字率");
    assert_eq!(deficit.code, None);
    assert!(!is_elided("赤字率"));
    assert!(is_elided("增长率"));
    assert!(is_elided("设为"));
}

#[test]
fn a_glossed_abbreviation_and_a_modal_continue_leave_the_indicator_whole() {
    let text = "今年发展主要预期目标是：国内生产总值（GDP）增长5%左右，居民消费价格(CPI)涨幅2%左右，粮食产量要继续保持1.4万亿斤左右。";
    let facts = facts(&crate::parse_text("test", text));
    let got: Vec<(&str, Option<&str>)> = facts
        .iter()
        .map(|f| (f.indicator.as_str(), f.code.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("国内生产总值（GDP）增长", Some("gdp_growth")),
            ("居民消费价格(CPI)涨幅", Some("cpi")),
            ("粮食产量", Some("grain_output")),
        ]
    );
}

#[test]
fn press_coverage_of_a_work_report_states_its_targets() {
    // Invented coverage: a dateline in the capital, the report named in the opening, the
    // figures without the word target, and last year's results in a paragraph of their own.
    let text = "2025年全国两会：一组关键数字

新华社北京3月5日电  十四届全国人大三次会议今天开幕，国务院总理作政府工作报告，提出一组关键数字。

国内生产总值（GDP）增长5%左右，城镇新增就业1200万人以上。

过去一年，经济运行总体平稳。对全球经济增长的贡献率保持在30%左右。
";
    assert_text_kind_year_region(
        text,
        &[
            ("5%左右", "target", Some(2025), Some("全国")),
            ("1200万人以上", "target", Some(2025), Some("全国")),
            ("30%左右", "result", Some(2024), Some("全国")),
        ],
    );
    // Invented: the dateline and the byline stand as lines of their own above the lead that
    // names the congress; a paragraph that speaks of a target but dates its figure in the year
    // before states a result.
    let text = "本报北京2025年3月6日电 题：读懂政府工作报告

本报记者 某某

居民消费价格涨幅2%左右、粮食产量1.4万亿斤左右……

政府工作报告指出，提出上述预期目标，兼顾了需要与可能。

十四届全国人大三次会议开幕，国务院总理作政府工作报告。

2024年单位国内生产总值能耗降幅超过3%，完成了上一年的目标。
";
    assert_text_kind_year_region(
        text,
        &[
            ("2%左右", "target", Some(2025), Some("全国")),
            ("1.4万亿斤左右", "target", Some(2025), Some("全国")),
            ("超过3%", "result", Some(2024), Some("全国")),
        ],
    );
}

#[test]
fn coverage_that_keeps_the_review_heading_dates_its_results() {
    // Invented magazine coverage that reprints a report's part headings: under the review
    // heading, a paragraph that does not itself name last year still states its results, even
    // with a qualifier (突破, 超过) that press coverage otherwise reads as a target.
    let text = "本刊讯 2025年3月5日，国务院总理在十四届全国人大三次会议上作政府工作报告。

一、2024年工作回顾

过去一年，国内生产总值增长5%。

产业有新进展，新能源汽车年产量突破1300万辆，单位国内生产总值能耗降幅超过3%。

二、2025年经济社会发展总体要求

发展主要预期目标是：国内生产总值增长5%左右。
";
    let facts = facts(&crate::parse_text("test", text));
    let got: Vec<(&str, &str, Option<i32>)> = facts
        .iter()
        .map(|f| (f.text.as_str(), f.kind.as_str(), f.year))
        .collect();
    assert_eq!(
        got,
        [
            ("5%", "result", Some(2024)),
            ("突破1300万辆", "result", Some(2024)),
            ("超过3%", "result", Some(2024)),
            ("5%左右", "target", Some(2025)),
        ]
    );
}

#[test]
fn list_items_share_the_last_items_head_and_link_verbs_leave_the_indicator() {
    let text = "过去一年，软件和信息服务业、批发和零售业增加值分别增长9.5%、4.2%，粮食产量跃上700亿斤。文化产业、旅游产业增加值占地区生产总值比重分别达到4%、6%。一般公共预算收入从300亿元增加到350亿元。技术合同成交额累计达260亿元。";
    let facts = facts(&crate::parse_text("test", text));
    let got: Vec<(&str, &str)> = facts
        .iter()
        .map(|f| (f.text.as_str(), f.indicator.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("9.5%", "软件和信息服务业增加值增长"),
            ("4.2%", "批发和零售业增加值增长"),
            ("700亿斤", "粮食产量"),
            ("4%", "文化产业增加值占地区生产总值比重"),
            ("6%", "旅游产业增加值占地区生产总值比重"),
            ("300亿元", "一般公共预算收入"),
            ("350亿元", "一般公共预算收入"),
            ("260亿元", "技术合同成交额"),
        ]
    );
}

#[test]
fn a_markdown_summary_of_a_report_is_read_by_its_parts() {
    // Invented: a summary written in Markdown, as a converter or a chat answer leaves it. The
    // marks go; the dated part headings date the items under them; a short item is no heading.
    let text = "以下是2024年政府工作报告的要点：

### 一、2023年工作回顾
- **经济**：国内生产总值超过126万亿元，增长5.2%。
### 二、2024年经济社会发展主要预期目标
- **生产总值增长**：5%左右
- **研发投入强度**：达到2.8%
";
    let doc = crate::parse_text("test", text);
    assert!(doc.articles[0]
        .blocks
        .iter()
        .all(|b| !b.text.contains('*') && !b.text.starts_with('#')));
    let got: Vec<String> = facts(&doc)
        .iter()
        .map(|f| {
            format!(
                "{} {} {:?} {}",
                f.text,
                f.kind.as_str(),
                f.year,
                f.indicator
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "超过126万亿元 result Some(2023) 国内生产总值",
            "5.2% result Some(2023) 国内生产总值增长",
            "5%左右 target Some(2024) 生产总值增长",
            "2.8% target Some(2024) 研发投入强度",
        ]
    );
}

#[test]
fn taiwan_coverage_with_a_venue_a_publication_line_and_a_span_of_years() {
    // Invented: a byline and publication time on one line, the congress opening in the
    // capital (a venue, not the subject), a span since 1991 (not the article's year), the
    // target in corner brackets after 宣布.
    let text = "某某網記者某某 2026-03-05 09:47

全國人大會議今天在北京人民大會堂揭幕，國務院總理宣讀政府工作報告，他宣布今年經濟成長目標設在「4.5% 至 5%」，為 1991 年以來最低。

去年中國經濟增長目標為「5% 左右」，最終成績為 5%。
";
    assert_text_kind_year_region(
        text,
        &[
            ("4.5%至5%", "target", Some(2026), Some("全国")),
            ("5%左右", "target", Some(2025), Some("全国")),
            ("5%", "result", Some(2025), Some("全国")),
        ],
    );
    // Indicators stay as printed, the elided subject of the second sentence too.
    let indicators: Vec<String> = facts(&crate::parse_text("test", text))
        .into_iter()
        .map(|f| f.indicator)
        .collect();
    assert_eq!(indicators, ["經濟成長", "經濟增長", "經濟增長"]);
}

#[test]
fn a_national_session_dates_coverage_that_names_no_year() {
    // Invented: no date and no year, only the session (十四届 began in 2023, so its fourth
    // session met in 2026) and a dateline without a month.
    for (session, year) in [
        ("十四届全国人大四次会议", 2026),
        ("第十三届全国人民代表大会第一次会议", 2018),
        ("全国政协十四届三次会议", 2025),
    ] {
        let text = format!(
            "本报北京5日电 {session}今天开幕，国务院总理作政府工作报告，提出国内生产总值增长5%左右。\n"
        );
        let facts = facts(&crate::parse_text("test", &text));
        let got: Vec<(Option<i32>, Option<&str>)> = facts
            .iter()
            .map(|f| (f.year, f.region.as_deref()))
            .collect();
        assert_eq!(got, [(Some(year), Some("全国"))], "{session}");
    }
}

#[test]
fn national_report_targets() {
    let text = "国务院政府工作报告
——2025年3月5日在第十四届全国人民代表大会第三次会议上
国务院总理 李强

各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。

二、2025年经济社会发展总体要求和政策取向

今年发展的主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；居民消费价格涨幅2%左右；居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.4万亿斤左右；单位国内生产总值能耗降低3%左右，生态环境质量持续改善。
";
    let want = [
        "5%左右|5||%|approx|change|up|target|全国|gdp_growth|2025",
        "5.5%左右|5.5||%|approx|level||target|全国|urban_unemployment_rate|2025",
        "1200万人以上|12000000||人|at_least|level||target|全国|urban_new_jobs|2025",
        "2%左右|2||%|approx|change|up|target|全国|cpi|2025",
        "1.4万亿斤左右|1400000000000||斤|approx|level||target|全国|grain_output|2025",
        "3%左右|3||%|approx|change|down|target|全国|energy_intensity|2025",
    ];
    assert_eq!(rows(text), want);
}

#[test]
fn clauses_without_a_number_yield_no_fact() {
    let text = "各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n二、今年工作安排\n\n外贸进出口实现正增长，居民收入增长与经济增长同步，就业保持合理水平，国际收支保持基本平衡。\n";
    assert!(rows(text).is_empty(), "{:?}", rows(text));
}

#[test]
fn provenance_points_at_the_sentence_and_line() {
    let doc = crate::parse_text("t", "各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n二、今年工作安排\n\n全省生产总值增长5%左右。\n");
    let f = &facts(&doc)[0];
    assert_eq!(f.sentence, "全省生产总值增长5%左右。");
    assert_eq!(f.line, 6);
    let block = &doc.articles[f.article].blocks[f.block];
    assert_eq!(f.span_in(&block.text), f.text);
}

#[test]
fn codes_come_from_the_synonym_lexicon() {
    let cases = [
        ("地区生产总值增长", "%", Measure::Change, Some("gdp_growth")),
        ("全市生产总值增长", "%", Measure::Change, Some("gdp_growth")),
        ("经济增长", "%", Measure::Change, Some("gdp_growth")),
        ("GDP增速", "%", Measure::Change, Some("gdp_growth")),
        ("数字经济增长", "%", Measure::Change, None),
        ("经济总量", "元", Measure::Level, Some("gdp")),
        ("数字经济规模占GDP的比重", "%", Measure::Share, None),
        (
            "城镇居民人均可支配收入增长",
            "%",
            Measure::Change,
            Some("urban_income_growth"),
        ),
        (
            "农村居民收入增长",
            "%",
            Measure::Change,
            Some("rural_income_growth"),
        ),
        (
            "居民人均可支配收入增长",
            "%",
            Measure::Change,
            Some("income_growth"),
        ),
        ("工业设备投资增长", "%", Measure::Change, None),
        ("粮食产量", "万吨", Measure::Level, None),
        ("粮食产量", "吨", Measure::Level, Some("grain_output")),
        ("PM2.5年均浓度", "微克/立方米", Measure::Level, Some("pm25")),
        // A comparison with the year before names no other indicator.
        (
            "生产总值比上年增长",
            "%",
            Measure::Change,
            Some("gdp_growth"),
        ),
        ("生产总值同比增长", "%", Measure::Change, Some("gdp_growth")),
        (
            "生产总值预期目标增长",
            "%",
            Measure::Change,
            Some("gdp_growth"),
        ),
        (
            "农村居民人均纯收入增长",
            "%",
            Measure::Change,
            Some("rural_income_growth"),
        ),
        (
            "研究与试验发展经费支出占生产总值比重",
            "%",
            Measure::Share,
            Some("rd_intensity"),
        ),
    ];
    for (indicator, unit, measure, code) in cases {
        assert_eq!(
            indicator_code(indicator, unit, measure),
            code,
            "{indicator}"
        );
    }
}

#[test]
fn an_elided_subject_before_a_bare_change_verb_is_restored() {
    let text = "政府工作报告\n——2025年1月20日在湖北省第十四届人民代表大会第三次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n一、2024年工作回顾\n\n全省实现地区生产总值6万亿元、增长5.8%，一般公共预算收入增长3.2%。\n";
    let got = rows(text);
    assert_eq!(
        got,
        [
            "6万亿元|6000000000000||元|exact|level||result|湖北|gdp|2024",
            "5.8%|5.8||%|exact|change|up|result|湖北|gdp_growth|2024",
            "3.2%|3.2||%|exact|change|up|result|湖北|budget_revenue_growth|2024",
        ]
    );
}

#[test]
fn a_subsection_with_a_cue_word_stays_in_the_review() {
    let text = "政府工作报告\n——2025年1月20日在湖北省第十四届人民代表大会第三次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n一、2024年工作回顾\n\n（一）坚持目标引领。新增高新技术企业1200家。\n";
    let got = rows(text);
    assert_eq!(got, ["1200家|1200||家|exact|level||result|湖北||2024"]);
}

#[test]
fn places_listed_with_respectively_each_get_their_number() {
    let text = "政府工作报告\n——2025年1月20日在湖北省第十四届人民代表大会第三次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n一、2024年工作回顾\n\n全省经济总量达到6万亿元，稳居全国第7位。武汉、襄阳、宜昌分别增长6.2%、5.9%、6.1%。\n";
    let doc = crate::parse_text("t", text);
    let f = facts(&doc);
    let regions: Vec<&str> = f.iter().filter_map(|f| f.region.as_deref()).collect();
    assert_eq!(regions, ["湖北", "湖北", "武汉", "襄阳", "宜昌"]);
    assert_eq!(f[1].indicator, "全省经济总量全国排名");
    assert_eq!(f[1].measure, Measure::Rank);
}

#[test]
fn of_them_points_back_at_the_object_before() {
    let text = "各位代表：\n我受省人大常委会委托，向大会报告工作。\n\n过去一年的主要工作\n\n一年来，常委会稳中求进，共审议法规草案31件，通过其中28件。\n";
    let doc = crate::parse_text("t", text);
    let f = facts(&doc);
    let indicators: Vec<&str> = f.iter().map(|f| f.indicator.as_str()).collect();
    assert_eq!(indicators, ["审议法规草案", "通过法规草案"]);
}

/// Sentences that each state figures of their own, in the forms reports use.
fn numbered_sentences(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match i % 4 {
            0 => format!("全省新增企业{}家。", 1000 + i),
            1 => format!("粮食产量{}万吨，增长{}.{}%。", 600 + i, i % 9, i % 7),
            2 => format!(
                "城镇新增就业{}万人以上，其中高校毕业生{}万人。",
                40 + i % 50,
                i % 30 + 1
            ),
            _ => format!("地区生产总值{}亿元、增长{}%左右。", 9000 + i, 5 + i % 3),
        })
        .collect()
}

#[test]
fn a_paragraph_longer_than_a_window_gives_each_sentence_its_own_facts() {
    let sentences = numbered_sentences(6_000);
    let long: String = sentences.concat();
    assert!(long.chars().count() > WINDOW_CHARS + 2 * WINDOW_MARGIN);
    let in_one = facts(&crate::parse_text("t", &format!("{long}\n")));
    let apart = facts(&crate::parse_text("t", &sentences.join("\n\n")));
    let summary = |f: &Fact| {
        (
            f.text.clone(),
            f.value.to_bits(),
            f.unit.clone(),
            f.kind,
            f.indicator.clone(),
            f.region.clone(),
            f.sentence.clone(),
        )
    };
    assert_eq!(in_one.len(), apart.len());
    for (a, b) in in_one.iter().zip(&apart) {
        assert_eq!(summary(a), summary(b));
    }
    // Positions count from the paragraph's start, across windows.
    let chars: Vec<char> = long.chars().collect();
    for f in &in_one {
        let at: String = chars[f.char_start..f.char_end].iter().collect();
        assert_eq!(at, f.text);
    }
}

#[test]
fn a_target_frame_reaches_every_window_of_its_paragraph() {
    let body = numbered_sentences(6_000).concat();
    let text = format!("今年经济社会发展的主要预期目标是：{body}\n");
    let f = facts(&crate::parse_text("t", &text));
    assert_eq!(f.len(), 10_500);
    assert!(f.iter().all(|f| f.kind == FactKind::Target));
}

#[test]
fn phrase_edges_lose_punctuation_and_unpaired_quotes() {
    let cases = [
        ("、“两重”项目", "“两重”项目"),
        ("企业“小升规”", "企业“小升规”"),
        ("“小升规”", "“小升规”"),
        ("（一）着力推动，", "一）着力推动"),
        ("”新质生产力“", "新质生产力"),
        ("‘两新’政策；", "‘两新’政策"),
        ("《规划》", "规划"),
        ("，：、", ""),
        ("经济增长", "经济增长"),
        ("“开局之年", "开局之年"),
        ("、“”，", "“”"),
    ];
    for (raw, trimmed) in cases {
        assert_eq!(trim_edges(raw), trimmed, "{raw}");
    }
}

/// The definition of a figure's clause, segment and sentence: scan both ways from it for a
/// break, at most `MAX_CONTEXT` characters.
fn bounds_by_scanning(chars: &[char], at: usize, is_break: fn(char) -> bool) -> (usize, usize) {
    let lo = at.saturating_sub(MAX_CONTEXT);
    let hi = (at + MAX_CONTEXT).min(chars.len());
    let start = chars[lo..at]
        .iter()
        .rposition(|&c| is_break(c))
        .map_or(lo, |p| lo + p + 1);
    let end = chars[at..hi]
        .iter()
        .position(|&c| is_break(c))
        .map_or(hi, |p| at + p);
    (start, end)
}

proptest::proptest! {
    #[test]
    fn bounds_read_off_the_breaks_are_the_scanned_ones(
        // Runs long enough to pass MAX_CONTEXT, with breaks of every kind.
        runs in proptest::collection::vec(
            (0usize..400, proptest::sample::select(vec!['，', '；', '。', '！', '…', ';', '?', ':', '年'])),
            0..6,
        ),
        picks in proptest::collection::vec(0usize..2000, 1..8),
    ) {
        let chars: Vec<char> = runs
            .iter()
            .flat_map(|&(n, c)| std::iter::repeat_n('字', n).chain(std::iter::once(c)))
            .collect();
        let mut breaks = Breaks::default();
        breaks.find(&chars);
        for at in picks.into_iter().filter(|&at| at < chars.len()) {
            for (found, is_break) in [
                (&breaks.clause, is_clause_break as fn(char) -> bool),
                (&breaks.segment, is_segment_break),
                (&breaks.sentence, is_sentence_break),
            ] {
                proptest::prop_assert_eq!(
                    bounds_at(found, chars.len(), at),
                    bounds_by_scanning(&chars, at, is_break),
                    "at {}", at
                );
            }
        }
    }
}

#[test]
fn coverage_with_no_headline_speaks_of_the_province_it_names() {
    // No headline, no year: the opening names the congress and the governor of one province,
    // and a venue in it. A sentence that compares with the year before tells results, bound
    // (超过) or capped (控制在) as they are.
    let text = "2月14日,山东省十三届人大二次会议在济南开幕。山东省省长作报告。
报告提出,一年来,经济社会保持持续健康发展。
经济运行总体平稳,全年实现生产总值7.65万亿元,比上年增长6.4%,粮食总产超过1000亿斤;城镇登记失业率控制在3.35%。
";
    assert_eq!(
        rows(text),
        [
            "7.65万亿元|7650000000000||元|exact|level||result|山东|gdp|",
            "6.4%|6.4||%|exact|change|up|result|山东|gdp_growth|",
            "超过1000亿斤|100000000000||斤|at_least|level||result|山东|grain_output|",
            "控制在3.35%|3.35||%|at_most|level||result|山东||",
        ]
    );
}

#[test]
fn a_round_up_of_two_provinces_takes_neither() {
    let text = "广东、河南两省政府工作报告相继发布。
今年经济增长目标，广东为5%左右，河南为5.5%左右。
";
    let doc = crate::parse_text("t", text);
    assert_eq!(doc.articles[0].region, None);
    let regions: Vec<Option<String>> = facts(&doc).into_iter().map(|f| f.region).collect();
    assert_eq!(regions, [Some("广东".to_owned()), Some("河南".to_owned())]);
}

#[test]
fn a_share_names_its_own_indicator_and_no_growth_code() {
    let text =
        "报告显示，2025年地方一般公共预算收入6485亿元，增长6.3%，税收占比75.5%，提高3个百分点。\n";
    let doc = crate::parse_text("t", text);
    let got: Vec<(String, Option<String>)> = facts(&doc)
        .into_iter()
        .map(|f| (f.indicator, f.code))
        .collect();
    assert_eq!(
        got,
        [
            ("地方一般公共预算收入".to_owned(), None),
            (
                "地方一般公共预算收入增长".to_owned(),
                Some("budget_revenue_growth".to_owned())
            ),
            ("税收占比".to_owned(), None),
            ("税收占比提高".to_owned(), None),
        ]
    );
}

#[test]
fn value_added_is_a_level_and_an_item_with_its_own_head_shares_none() {
    let text = "报告提出，到2027年规上工业增加值突破3万亿元，规上工业增加值增长7%。\n2025年全省固定资产投资、社会消费品零售总额分别增长4.1%、8.8%。\n";
    let doc = crate::parse_text("t", text);
    let got: Vec<(String, &str)> = facts(&doc)
        .into_iter()
        .map(|f| (f.indicator, f.measure.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("规上工业增加值".to_owned(), "level"),
            ("规上工业增加值增长".to_owned(), "change"),
            ("全省固定资产投资增长".to_owned(), "change"),
            ("社会消费品零售总额增长".to_owned(), "change"),
        ]
    );
}

#[test]
fn a_composed_indicator_in_traditional_script_is_printed_and_coded() {
    let text = "政府工作報告\n——2025年2月11日在嘉興市第九屆人民代表大會第五次會議上\n\n各位代表：\n現在，我代表市人民政府向大會報告工作。\n\n一、2024年工作回顧\n\n全市實現地區生產總值7569.5億元、增長5.6%。\n";
    let doc = crate::parse_text("t", text);
    let got: Vec<(String, Option<String>)> = facts(&doc)
        .into_iter()
        .map(|f| (f.indicator, f.code))
        .collect();
    assert_eq!(
        got,
        [
            ("地區生產總值".to_owned(), Some("gdp".to_owned())),
            ("地區生產總值增長".to_owned(), Some("gdp_growth".to_owned())),
        ]
    );
}

#[test]
fn proposed_by_and_put_into_promise_nothing() {
    // 提出的 says who made the suggestions; 将 before a number is 把. In news dated 2026,
    // 一年来 dates the year before.
    let text = "2026-03-09\n全国人大常委会工作报告显示，一年来，对公民、组织提出的6705件审查建议逐一研究，将12件法规列入清理范围，共审议法律草案40件，已表决通过其中的24件。\n";
    assert_eq!(
        field_kind_year(text, |f| &f.indicator),
        [
            ("审查建议逐一研究".to_owned(), "result", Some(2025)),
            ("法规列入清理范围".to_owned(), "result", Some(2025)),
            ("审议法律草案".to_owned(), "result", Some(2025)),
            ("已表决通过".to_owned(), "result", Some(2025)),
        ]
    );
}

#[test]
fn an_estimate_opening_its_sentence_governs_every_figure_of_it() {
    let text = "政府工作报告\n——2016年1月6日在马鞍山市第十五届人民代表大会第五次会议上\n\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n\n一、2015年工作回顾\n\n预计，全市实现地区生产总值1360亿元，增长9.4%；财政收入210亿元，增长3.6%。新增企业189家。\n";
    assert_eq!(
        field_kind_year(text, |f| &f.text),
        [
            ("1360亿元".to_owned(), "estimate", Some(2015)),
            ("9.4%".to_owned(), "estimate", Some(2015)),
            ("210亿元".to_owned(), "estimate", Some(2015)),
            ("3.6%".to_owned(), "estimate", Some(2015)),
            ("189家".to_owned(), "result", Some(2015)),
        ]
    );
}

#[test]
fn coverage_speaks_of_the_place_whose_congress_it_names() {
    // The province names where the city lies; the city's congress is the subject.
    let text = "2月4日上午,陕西咸阳市第九届人民代表大会第六次会议隆重开幕。代市长作政府工作报告。
报告提出今年全市经济社会发展的主要预期目标是:生产总值增长5.5%以上,一般公共预算收入增长3%左右。
";
    let doc = crate::parse_text("t", text);
    assert_eq!(doc.articles[0].region.as_deref(), Some("咸阳"));
    let regions: Vec<Option<String>> = facts(&doc).into_iter().map(|f| f.region).collect();
    assert_eq!(regions, [Some("咸阳".to_owned()), Some("咸阳".to_owned())]);
}

#[test]
fn a_span_of_years_with_respectively_dates_each_figure() {
    // Taiwan usage: spelled years with ○, 年增率 for the growth rate, 兆 after a Chinese numeral.
    let text = "2026-01-27\n去年廣東GDP總值為人民幣十四點五八兆元，年增率僅三點九%。二○二一至二○二四年，廣東GDP年增率分別為八%、一點九%、四點八%、三點五%。\n";
    let got: Vec<(String, String, Option<String>, Option<i32>)> =
        facts(&crate::parse_text("t", text))
            .into_iter()
            .map(|f| (f.text, f.indicator, f.code, f.year))
            .collect();
    let gdp_growth = || Some("gdp_growth".to_owned());
    assert_eq!(
        got,
        [
            (
                "十四點五八兆元".to_owned(),
                "GDP總值".to_owned(),
                None,
                Some(2025)
            ),
            ("三點九%".to_owned(), "年增率".to_owned(), None, Some(2025)),
            (
                "八%".to_owned(),
                "GDP年增率".to_owned(),
                gdp_growth(),
                Some(2021)
            ),
            (
                "一點九%".to_owned(),
                "GDP年增率".to_owned(),
                gdp_growth(),
                Some(2022)
            ),
            (
                "四點八%".to_owned(),
                "GDP年增率".to_owned(),
                gdp_growth(),
                Some(2023)
            ),
            (
                "三點五%".to_owned(),
                "GDP年增率".to_owned(),
                gdp_growth(),
                Some(2024)
            ),
        ]
    );
}

#[test]
fn the_country_before_a_core_indicator_owns_the_figure() {
    let text = "2026-01-26\n广东省省长作政府工作报告。2025年广东生产总值增长3.9%，低于全国GDP增长5%，高于全国0.5个百分点。\n";
    let regions: Vec<Option<String>> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| f.region)
        .collect();
    let r = |s: &str| Some(s.to_owned());
    assert_eq!(regions, [r("广东"), r("全国"), r("广东")]);
}

#[test]
fn a_paragraph_that_opens_with_a_year_dates_its_figures_and_coverage_keeps_spans() {
    // Coverage without a date: the year comes from the report's target year (2026). A
    // paragraph that opens with 2025年 reports that year; 年均 under “十四五” is a span.
    let text = "新疆2026年地区生产总值预期目标增长5.5%—6%
1月27日,新疆维吾尔自治区第十四届人民代表大会第四次会议开幕,自治区主席作政府工作报告。
2025年是新疆发展历程中具有重要意义的一年。全年地区生产总值2.15万亿元、增长5.5%,农村居民人均可支配收入首次突破2万元。
“十四五”时期,地区生产总值年均增长5.9%。建议“十五五”时期地区生产总值增速目标设定为年均增长5.5%-6%。
";
    let got: Vec<(String, &str, Option<i32>, Option<String>)> =
        facts(&crate::parse_text("t", text))
            .into_iter()
            .map(|f| {
                (
                    f.text,
                    f.kind.as_str(),
                    f.year,
                    f.period.map(|p| p.to_string()),
                )
            })
            .collect();
    let span = |s: &str| Some(s.to_owned());
    assert_eq!(
        got,
        [
            ("5.5%—6%".to_owned(), "target", Some(2026), None),
            ("2.15万亿元".to_owned(), "result", Some(2025), None),
            ("5.5%".to_owned(), "result", Some(2025), None),
            ("突破2万元".to_owned(), "result", Some(2025), None),
            ("5.9%".to_owned(), "result", Some(2025), span("2021-2025")),
            (
                "5.5%-6%".to_owned(),
                "target",
                Some(2030),
                span("2026-2030")
            ),
        ]
    );
}

#[test]
fn a_glossed_indicator_after_the_word_target_is_its_own_topic() {
    let text = "主席作政府工作报告时提出,2026年主要预期目标是地区生产总值(GDP)增长7%以上,固定资产投资增长15%左右。\n";
    let codes: Vec<Option<String>> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(
        codes,
        [
            Some("gdp_growth".to_owned()),
            Some("fixed_asset_investment_growth".to_owned())
        ]
    );
}

#[test]
fn respectively_with_no_subject_pairs_the_amounts_before_it() {
    let text = "2026-03-09\n最高人民法院工作报告显示，2025年全国各级法院受理案件3748.6万件，审结3620万件，同比分别增长10.8%、8.9%。\n";
    let indicators: Vec<String> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| f.indicator)
        .collect();
    assert_eq!(
        indicators,
        [
            "全国各级法院受理案件",
            "审结",
            "全国各级法院受理案件增长",
            "审结增长"
        ]
    );
}

#[test]
fn a_summary_list_one_figure_a_line_keeps_its_parts() {
    // Taiwan usage, one item a line, no punctuation: each line is its own item, a line that
    // ends in a figure is no heading, and the numbered parts (with 「」 quotes) date them.
    let text = "2026-03-05
據報導，國務院總理向十四屆全國人大四次會議作政府工作報告，要點如下：
一、2025 年工作回顧
國內生產毛額增長 5%
城鎮新增就業 1,267 萬人
二、「十五五」時期主要目標和重大任務
國內生產毛額增長保持在合理區間
全社會研發經費投入年均增長 7% 以上
單位國內生產毛額二氧化碳排放累計降低 17%
數位經濟核心產業增加值佔國內生產毛額比重達到 12.5%
三、2026 年經濟社會發展總體要求和政策取向
經濟增長 4.5%—5%
城鎮新增就業 1,200 萬人以上
";
    type Row = (String, String, &'static str, Option<i32>, Option<String>);
    let got: Vec<Row> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| {
            (
                f.text,
                f.indicator,
                f.kind.as_str(),
                f.year,
                f.period.map(|p| p.to_string()),
            )
        })
        .collect();
    let row = |t: &str, i: &str, k: &'static str, y: i32, p: Option<&str>| {
        (t.to_owned(), i.to_owned(), k, Some(y), p.map(str::to_owned))
    };
    let plan = Some("2026-2030");
    assert_eq!(
        got,
        [
            row("5%", "國內生產毛額增長", "result", 2025, None),
            row("1,267萬人", "城鎮新增就業", "result", 2025, None),
            row("7%以上", "全社會研發經費投入年均增長", "target", 2030, plan),
            row(
                "17%",
                "單位國內生產毛額二氧化碳排放降低",
                "target",
                2030,
                plan
            ),
            row(
                "12.5%",
                "數位經濟核心產業增加值佔國內生產毛額比重",
                "target",
                2030,
                plan
            ),
            row("4.5%—5%", "經濟增長", "target", 2026, None),
            row("1,200萬人以上", "城鎮新增就業", "target", 2026, None),
        ]
    );
}

#[test]
fn a_five_year_look_back_in_coverage_tells_results() {
    let text = "2026-03-05\n國務院總理作政府工作報告，要點如下：\n\n2025年工作回顧國內生產總值增長5%，城鎮新增就業1267萬人。\n\n過去5年國內生產總值年均增長5.4%、城鎮新增就業累計超過6000萬人。\n";
    let got: Vec<(Option<String>, &str, Option<String>)> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| (f.code, f.kind.as_str(), f.period.map(|p| p.to_string())))
        .collect();
    let code = |c: &str| Some(c.to_owned());
    let review = || Some("2021-2025".to_owned());
    assert_eq!(
        got,
        [
            (code("gdp_growth"), "result", None),
            (code("urban_new_jobs"), "result", None),
            // 过去5年 itself: a span of time, borderline (optional in gold).
            (None, "result", None),
            (code("gdp_growth"), "result", review()),
            (code("urban_new_jobs"), "result", review()),
        ]
    );
}

#[test]
fn a_margin_over_a_benchmark_is_the_growth_before_it() {
    let text = "规上工业增加值增长6.7%、高于全国0.8个百分点，地区生产总值增长4.7%、低于全国0.3个百分点，城镇化率提高0.5个百分点。";
    let got: Vec<(String, &str, Option<&str>)> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| {
            (
                f.indicator,
                f.measure.as_str(),
                f.direction.map(|d| d.as_str()),
            )
        })
        .collect();
    let row = |i: &str, m, d| (i.to_owned(), m, d);
    assert_eq!(
        got,
        [
            row("规上工业增加值增长", "change", Some("up")),
            row("规上工业增加值增长高于全国", "change", Some("up")),
            row("地区生产总值增长", "change", Some("up")),
            row("地区生产总值增长低于全国", "change", Some("down")),
            row("城镇化率提高", "change", Some("up")),
        ]
    );
}

#[test]
fn a_bare_share_verb_is_the_share_of_the_amount_before_it() {
    let text = "立案提案中，委员提案4502件，占89.9%。";
    let got: Vec<(String, &str)> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| (f.indicator, f.measure.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("委员提案".to_owned(), "level"),
            ("委员提案占比".to_owned(), "share")
        ]
    );
}

#[test]
fn a_count_after_a_verb_and_its_object_is_a_level_a_sum_of_money_a_change() {
    let text = "完善提升县乡村三级养老服务网络20个，改造提升农村公路3983公里，减少碳排放2810万吨，电力现货市场交易降低电力供应成本5.3亿元，赤字规模5.89万亿元(人民币、下同)、较上年增加2300亿元，今年赤字率拟按4%左右安排。";
    let got: Vec<(String, &str)> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| (f.indicator, f.measure.as_str()))
        .collect();
    let row = |i: &str, m| (i.to_owned(), m);
    assert_eq!(
        got,
        [
            row("完善提升县乡村三级养老服务网络", "level"),
            row("改造提升农村公路", "level"),
            row("减少碳排放", "change"),
            row("电力现货市场交易降低电力供应成本", "change"),
            row("赤字规模", "level"),
            // The gloss closed after the amount before is not this figure's subject.
            row("赤字规模较上年增加", "change"),
            row("赤字率", "level"),
        ]
    );
}

#[test]
fn a_national_committee_report_and_a_dated_lede_date_coverage() {
    // A CPPCC standing committee report names no place: it is the country's, dated by its
    // session (十四届四次会议: 2026), its past year 2025.
    let report = "全国政协十四届四次会议今日开幕，王沪宁代表常务委员会作工作报告。\n\n过去一年，全年共收到委员提案5992件。\n";
    let f = facts(&crate::parse_text("t", report));
    assert_eq!(
        (f[0].region.as_deref(), f[0].year),
        (Some("全国"), Some(2025))
    );
    // A news lede that opens with its date gives the article's year, not a later one it names.
    let news = "2026年3月5日，国务院总理在政府工作报告中介绍规划纲要草案。\n\n提出全社会研发经费投入年均增长7%以上，为到2035年人均国内生产总值翻一番打好基础。\n";
    let f = facts(&crate::parse_text("t", news));
    assert_eq!(
        (f[0].year, f[0].period.map(|p| p.to_string())),
        (Some(2030), Some("2026-2030".to_owned()))
    );
}

#[test]
fn an_unmarked_list_after_a_respectively_list_takes_its_subjects_in_order() {
    let text = "城乡居民人均可支配收入分别达到41538元、17027元，增长5.4%、5.6%。";
    let got = field_kind_year(text, |f| f.code.as_deref().unwrap_or(&f.indicator));
    let codes: Vec<&str> = got.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "城镇居民人均可支配收入",
            "农村居民人均可支配收入",
            "urban_income_growth",
            "rural_income_growth"
        ]
    );
}

#[test]
fn a_december_report_is_the_next_years_and_its_estimates_and_spans_stay_in_their_clause() {
    let text = "政府工作报告\n——2025年12月22日在陵川县第十七届人民代表大会第七次会议上\n县长 王丽\n各位代表：\n一、2025年工作回顾\n预计2025年，全县地区生产总值完成87.4亿元，年均增速达到8%；规模以上工业增加值同比(下同)增长16%。\n";
    let doc = crate::parse_text("t", text);
    assert_eq!(doc.articles[0].year, Some(2026));
    let got: Vec<(String, &str, Option<i32>, Option<String>)> = facts(&doc)
        .into_iter()
        .map(|f| {
            let period = f.period.map(|p| p.to_string());
            (f.indicator, f.kind.as_str(), f.year, period)
        })
        .collect();
    let row =
        |i: &str, p: Option<&str>| (i.to_owned(), "estimate", Some(2025), p.map(str::to_owned));
    assert_eq!(
        got,
        [
            row("全县地区生产总值完成", None),
            row("年均增速", Some("2021-2025")),
            // The editor's note (下同) is no part of the name; 年均 was the clause before's.
            row("规模以上工业增加值同比增长", None),
        ]
    );
}

#[test]
fn a_note_after_a_figure_and_a_clause_before_with_no_figure_name_nothing_and_the_subject() {
    let text = "地区生产总值跨越5000亿元，达5600亿元（预计数，下同），增长14%以上；辖内财政收入迈过千亿大关，达1330亿元。";
    let got: Vec<String> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| f.indicator)
        .collect();
    assert_eq!(
        got,
        [
            "地区生产总值跨越",
            "地区生产总值跨越",
            "地区生产总值跨越增长",
            "辖内财政收入迈过千亿大关"
        ]
    );
}

#[test]
fn a_percentage_of_something_named_before_it_is_a_share_and_negative_growth_is_down() {
    let text = "全国一般公共预算收入216045亿元，为预算的98.3%。上划中央收入完成37.78亿元，负增长1.21%。常住人口城镇化率从2020年的53.2%提升到2025年的57.7%。";
    let got: Vec<(String, &str, Option<&str>)> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| {
            (
                f.indicator,
                f.measure.as_str(),
                f.direction.map(|d| d.as_str()),
            )
        })
        .collect();
    let row = |i: &str, m, d| (i.to_owned(), m, d);
    assert_eq!(
        got[1..4],
        [
            row("全国一般公共预算收入为预算的", "share", None),
            row("上划中央收入完成", "level", None),
            row("上划中央收入完成负增长", "change", Some("down")),
        ]
    );
    // 2020年的 is a time, not what the rate is a share of.
    assert!(got[4..].iter().all(|(_, m, _)| *m != "share"), "{got:?}");
}

#[test]
fn a_rank_of_a_growth_or_a_share_names_the_figure_before_it() {
    let text = "地区生产总值增长5.8%，增速居全国第2位；新能源汽车保有量突破50万辆、占比居全国第二；地表水、近岸海域水质优良比例分别达96.9%、99.7%。";
    let got: Vec<String> = facts(&crate::parse_text("t", text))
        .into_iter()
        .map(|f| f.indicator)
        .collect();
    assert_eq!(
        got,
        [
            "地区生产总值增长",
            "地区生产总值增速全国排名",
            "新能源汽车保有量",
            "新能源汽车保有量占比全国排名",
            "地表水水质优良比例",
            "近岸海域水质优良比例"
        ]
    );
}
