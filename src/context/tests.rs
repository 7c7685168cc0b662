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
