use crate::structure::Section;

fn doc(text: &str) -> crate::Document {
    crate::parse_text("t", text)
}

#[test]
fn a_review_heading_names_the_year_before_the_report() {
    // No dated subtitle: the review of 2024 makes this a 2025 report.
    let d = doc("政府工作报告\n\n各位代表：\n\n现在，我代表省人民政府向大会报告工作。\n\n一、2024年工作回顾\n\n全省生产总值增长5.2%。\n\n二、2025年工作安排\n\n全省生产总值增长5%左右。\n");
    let a = &d.articles[0];
    assert_eq!(a.year, Some(2025), "{a:#?}");
    let sections: Vec<Option<Section>> = a.blocks.iter().map(|b| b.section).collect();
    assert_eq!(sections.last(), Some(&Some(Section::Plan)));
    assert!(sections.contains(&Some(Section::Review)));
}

#[test]
fn unnumbered_part_titles_give_sections_by_wording() {
    // A page saved from the web: one paragraph a line, far wider than any printed column.
    let review = "刚刚过去的2025年，全省上下坚决贯彻党中央决策部署，顶压前行、迎难而上，顺利完成全年目标任务，经济运行稳中有进，地区生产总值增长5.8%。";
    let plan = "经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，实际工作中争取更好结果，城镇新增就业30万人以上，居民消费价格涨幅2%左右。";
    let d = doc(&format!("各位代表：\n\n我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n\n“十四五”时期工作回顾\n\n{review}\n\n重点工作\n\n{plan}\n"));
    let a = &d.articles[0];
    assert_eq!(a.year, Some(2026));
    let roles: Vec<(String, Option<Section>)> = a
        .blocks
        .iter()
        .map(|b| (b.text.chars().take(4).collect(), b.section))
        .collect();
    assert_eq!(roles[3].1, Some(Section::Review), "{roles:?}");
    assert_eq!(
        roles.last().map(|r| r.1),
        Some(Some(Section::Plan)),
        "{roles:?}"
    );
}

#[test]
fn region_from_the_opening_when_no_headline_names_it() {
    let d = doc("各位代表：\n\n现在，我代表江西省人民政府，向大会报告工作，请予审议。\n\n一、2025年工作回顾\n\n南昌、九江经济总量持续增长，全省生产总值增长5.2%。\n");
    assert_eq!(d.articles[0].region.as_deref(), Some("江西"));
}

#[test]
fn page_title_and_publication_line_from_a_saved_web_page() {
    let d = doc("2026年甘肃省政府工作报告_某某网\n首页 >\n新闻中心 >\n时间： 2026/02/02/ 16:08\n\n各位代表：\n\n我代表省人民政府，向大会报告工作，请予审议。\n\n过去一年，全省经济稳中有进，地区生产总值增长5.8%。\n");
    assert_eq!(d.articles.len(), 1, "{d:#?}");
    let a = &d.articles[0];
    assert_eq!(a.year, Some(2026));
    assert_eq!(a.region.as_deref(), Some("甘肃"));
    assert_eq!(a.date.as_deref(), Some("2026-02-02"));
    assert!(a.blocks.iter().all(|b| !b.text.contains("首页")));
}

#[test]
fn disagreeing_cues_are_reported() {
    // The subtitle says 2025; the review heading says the report is of 2026.
    let d = doc("政府工作报告\n——2025年1月17日在山西省第十四届人民代表大会第三次会议上\n\n各位代表：\n\n现在，我代表省人民政府向大会报告工作。\n\n一、2025年工作回顾\n\n全省生产总值增长5.2%。\n");
    let a = &d.articles[0];
    assert_eq!(a.year, Some(2025));
    assert!(
        a.warnings.iter().any(|w| w.contains("2026")),
        "{:?}",
        a.warnings
    );
}

/// A 2026 report as provinces deliver it in a plan year: the year's review closing on the five
/// years, the next plan's goals, the year's plan, then the page's related news.
const PLAN_YEAR_REPORT: &str = "政府工作报告\n\n各位代表：\n\n现在，我代表省人民政府，向大会报告工作，请予审议。\n\n一、2025年和“十四五”时期工作回顾\n\n刚刚过去的2025年，全省地区生产总值增长5.2%，城镇新增就业60万人。\n\n各位代表！2025年主要目标任务圆满完成，标志着“十四五”顺利收官。回望过去五年，我们爬坡过坎、砥砺前行。地区生产总值年均增长5.5%，城镇新增就业累计300万人，一般公共预算收入从874.6亿元增加到1112.4亿元。\n\n二、“十五五”时期主要目标任务\n\n“十五五”时期是基本实现社会主义现代化夯实基础的关键时期。地区生产总值年均增长5%左右，城镇新增就业250万人以上。\n\n三、2026年工作安排\n\n2026年是“十五五”开局之年。主要预期目标是：地区生产总值增长5%左右，城镇新增就业55万人以上。\n\n各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写新篇章！\n\n相关新闻\n\n某市前三季度地区生产总值增长6.1%，规上工业增加值增长7.2%。\n";

#[test]
fn a_plan_year_report_has_five_parts_and_an_outside() {
    let d = doc(PLAN_YEAR_REPORT);
    assert_eq!(d.articles.len(), 1, "{d:#?}");
    let a = &d.articles[0];
    assert_eq!(a.year, Some(2026));
    let role = |start: &str| {
        a.blocks
            .iter()
            .find(|b| b.text.starts_with(start))
            .map(|b| (b.section, b.period.map(|p| p.to_string())))
            .unwrap_or_else(|| panic!("no block {start}: {a:#?}"))
    };
    assert_eq!(role("刚刚过去"), (Some(Section::Review), None));
    assert_eq!(
        role("各位代表！2025年"),
        (Some(Section::FiveYearReview), Some("2021-2025".into()))
    );
    assert_eq!(
        role("“十五五”时期是"),
        (Some(Section::FiveYearPlan), Some("2026-2030".into()))
    );
    assert_eq!(role("2026年是"), (Some(Section::Plan), None));
    assert_eq!(role("某市前三季度"), (Some(Section::Outside), None));
}

#[test]
fn the_five_year_cycle_gives_every_fact_its_span() {
    let d = doc(PLAN_YEAR_REPORT);
    let facts = crate::extract::facts(&d);
    let fact = |text: &str| {
        facts
            .iter()
            .find(|f| f.text == text)
            .map(|f| (f.kind.as_str(), f.year, f.period.map(|p| p.to_string())))
            .unwrap_or_else(|| panic!("no fact {text}: {facts:#?}"))
    };
    let span = |s: &str| Some(s.to_owned());
    assert_eq!(fact("5.2%"), ("result", Some(2025), None));
    assert_eq!(fact("60万人"), ("result", Some(2025), None));
    assert_eq!(fact("5.5%"), ("result", Some(2025), span("2021-2025")));
    assert_eq!(fact("300万人"), ("result", Some(2025), span("2021-2025")));
    // The start of a change over the five years is about the year before them.
    assert_eq!(fact("874.6亿元"), ("result", Some(2020), span("2021-2025")));
    assert_eq!(
        fact("1112.4亿元"),
        ("result", Some(2025), span("2021-2025"))
    );
    assert_eq!(
        fact("250万人以上"),
        ("target", Some(2030), span("2026-2030"))
    );
    assert_eq!(fact("55万人以上"), ("target", Some(2026), None));
    // Related news after the report's closing call states none of its facts.
    assert!(facts.iter().all(|f| f.text != "6.1%"), "{facts:#?}");
}

#[test]
fn a_yearly_average_of_a_level_is_not_a_span() {
    let d = doc("政府工作报告\n\n各位代表：\n\n现在，我代表省人民政府，向大会报告工作。\n\n一、2025年工作回顾\n\n过去一年，PM2.5年均浓度降至30微克/立方米，制造业投资年均增长12.2%。\n");
    let facts = crate::extract::facts(&d);
    let pm = facts.iter().find(|f| f.text == "30微克/立方米").unwrap();
    assert_eq!((pm.year, pm.period), (Some(2025), None));
    let inv = facts.iter().find(|f| f.text == "12.2%").unwrap();
    assert_eq!(inv.period.map(|p| p.to_string()), Some("2021-2025".into()));
}

#[test]
fn a_report_printed_twice_on_a_page_is_one_article() {
    let report = "各位代表：\n\n现在，我代表省人民政府，向大会报告工作，请予审议。\n\n一、2025年工作回顾\n\n过去一年，全省地区生产总值增长5.2%，规上工业增加值增长6.8%，社会消费品零售总额增长4.1%。\n\n新增高新技术企业1200家，科技型中小企业突破2万家，研发投入强度提高到2.6%。\n\n城镇新增就业60万人，城乡居民人均可支配收入分别增长4.5%、6.2%。\n\n二、2026年工作安排\n\n主要预期目标是：地区生产总值增长5%左右，城镇新增就业55万人以上。\n";
    let d = doc(&format!("{report}\n返回顶部\n\n{report}"));
    let reports: Vec<_> = d.articles.iter().filter(|a| a.kind.is_report()).collect();
    assert_eq!(reports.len(), 1, "{d:#?}");
    assert!(
        reports[0].warnings.iter().any(|w| w.contains("twice")),
        "{:?}",
        reports[0].warnings
    );
    let facts = crate::extract::facts(&d);
    assert_eq!(facts.iter().filter(|f| f.text == "5.2%").count(), 1);
}

#[test]
fn a_page_whose_metadata_names_another_year_is_read_by_its_content_with_a_warning() {
    let html = "<html><head><meta charset=\"utf-8\"><title>关于做好2024年春节期间安全生产工作的通知_某某网</title><meta name=\"PubDate\" content=\"2024-01-05 10:00\"></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"article\"><p>各位代表：</p><p>现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。</p><p>一、2025年工作回顾</p><p>过去一年，全省地区生产总值增长5.2%，规上工业增加值增长6.8%，社会消费品零售总额增长4.1%，城镇新增就业60万人。</p><p>二、2026年工作安排</p><p>主要预期目标是：地区生产总值增长5%左右，城镇新增就业55万人以上。</p></div></body></html>";
    let d = crate::parse("p.html", html.as_bytes(), &crate::ReadOptions::default()).unwrap();
    let a = d
        .articles
        .iter()
        .find(|a| a.kind.is_report())
        .expect("the report");
    assert_eq!(a.year, Some(2026), "{a:#?}");
    assert!(
        a.warnings.iter().any(|w| w.contains("2024")),
        "{:?}",
        a.warnings
    );
    let facts = crate::extract::facts(&d);
    let gdp = facts.iter().find(|f| f.text == "5.2%").unwrap();
    assert_eq!(gdp.year, Some(2025));
}
