//! The quantity parser's specification: one case a line.

use super::*;

/// `(text, mention, value, unit, qualifier, value_high)`; the first quantity found in `text`.
type Case = (
    &'static str,
    &'static str,
    f64,
    &'static str,
    Qualifier,
    Option<f64>,
);

use Qualifier::{Approx as A, AtLeast as L, AtMost as M, Exact as E, Range as R};

const CASES: &[Case] = &[
    // Taiwan usage: 兆 after digits is 10^12; 兆瓦 stays a unit
    (
        "國內生產毛額達134.9兆元",
        "134.9兆元",
        1.349e14,
        "元",
        E,
        None,
    ),
    ("糧食產量1.43兆斤", "1.43兆斤", 1.43e12, "斤", E, None),
    ("新增装机100兆瓦", "100兆瓦", 100.0, "兆瓦", E, None),
    // ... and after a Chinese numeral that has ended; a range of Chinese numerals
    (
        "GDP总值为人民币十四点五八兆元",
        "十四点五八兆元",
        1.458e13,
        "元",
        E,
        None,
    ),
    (
        "GDP增速为四点五%至五%",
        "四点五%至五%",
        4.5,
        "%",
        R,
        Some(5.0),
    ),
    // An indicator's abbreviation may run into its figure
    ("也低于全国GDP5%", "5%", 5.0, "%", E, None),
    // Chinese decimals before a large unit; 约为; 数 only before a Chinese numeral
    ("就业三点五万人", "三点五万人", 35000.0, "人", E, None),
    ("增速约为5%", "约为5%", 5.0, "%", A, None),
    ("参保人数120万人", "120万人", 1.2e6, "人", E, None),
    ("数百家企业", "数百家", 100.0, "家", L, None),
    // A quoted figure is a figure, not a name
    ("GDP增长目标「5%左右」", "5%左右", 5.0, "%", A, None),
    (
        "人均预期寿命提高到80岁以上",
        "80岁以上",
        80.0,
        "岁",
        L,
        None,
    ),
    // Arabic numbers with units and measure words
    ("新培育高新技术企业1599家", "1599家", 1599.0, "家", E, None),
    ("专精特新中小企业626家", "626家", 626.0, "家", E, None),
    ("实施省重点项目1000个", "1000个", 1000.0, "个", E, None),
    ("审议法规草案31件", "31件", 31.0, "件", E, None),
    ("作出决议决定4项", "4项", 4.0, "项", E, None),
    (
        "任免国家机关工作人员245人次",
        "245人次",
        245.0,
        "人次",
        E,
        None,
    ),
    ("组织宪法宣誓11批", "11批", 11.0, "批", E, None),
    ("新增规上企业法人1802户", "1802户", 1802.0, "户", E, None),
    ("建成5G基站3万座", "3万座", 30000.0, "座", E, None),
    ("新建学校12所", "12所", 12.0, "所", E, None),
    ("新开通航线8条", "8条", 8.0, "条", E, None),
    ("引进院士5名", "5名", 5.0, "人", E, None),
    ("更新公交车1200辆", "1200辆", 1200.0, "辆", E, None),
    ("家电800万台", "800万台", 8e6, "台", E, None),
    ("改造老旧小区2800套", "2800套", 2800.0, "套", E, None),
    (
        "累计成交绿证131.7万张",
        "131.7万张",
        1_317_000.0,
        "张",
        E,
        None,
    ),
    ("发放消费券3000万份", "3000万份", 3e7, "份", E, None),
    ("新建充电桩4.2万个", "4.2万个", 42000.0, "个", E, None),
    ("新增床位2000张", "2000张", 2000.0, "张", E, None),
    ("培育品牌35种", "35种", 35.0, "种", E, None),
    // money, with multipliers
    ("全年完成投资2400亿元", "2400亿元", 2.4e11, "元", E, None),
    (
        "经济总量突破14万亿元",
        "突破14万亿元",
        1.4e13,
        "元",
        L,
        None,
    ),
    (
        "减税降费退税219.6亿元",
        "219.6亿元",
        2.196e10,
        "元",
        E,
        None,
    ),
    ("降低成本5.3亿元", "5.3亿元", 5.3e8, "元", E, None),
    ("发放补贴48.3亿元", "48.3亿元", 4.83e9, "元", E, None),
    ("投资5000万元", "5000万元", 5e7, "元", E, None),
    ("奖励资金300元", "300元", 300.0, "元", E, None),
    ("出口120亿美元", "120亿美元", 1.2e10, "美元", E, None),
    ("营业收入1,234亿元", "1,234亿元", 1.234e11, "元", E, None),
    ("总额２４００亿元", "２４００亿元", 2.4e11, "元", E, None),
    ("预算1.5万亿元", "1.5万亿元", 1.5e12, "元", E, None),
    ("资金50百万元", "50百万元", 5e7, "元", E, None),
    // percentages and points
    ("增长5%左右", "5%左右", 5.0, "%", A, None),
    ("增长5.5%以上", "5.5%以上", 5.5, "%", L, None),
    ("比重首次突破50%", "突破50%", 50.0, "%", L, None),
    ("比重超过49%", "超过49%", 49.0, "%", L, None),
    ("占比达到49.7%", "49.7%", 49.7, "%", E, None),
    ("增长11.2%", "11.2%", 11.2, "%", E, None),
    ("增长５％", "５％", 5.0, "%", E, None),
    ("失业率控制在5.5%以内", "控制在5.5%以内", 5.5, "%", M, None),
    ("居民消费价格涨幅2%左右", "2%左右", 2.0, "%", A, None),
    ("赤字率3%上下", "3%上下", 3.0, "%", A, None),
    ("涨幅不超过3%", "不超过3%", 3.0, "%", M, None),
    ("增速不低于6%", "不低于6%", 6.0, "%", L, None),
    ("降低约2%", "约2%", 2.0, "%", A, None),
    ("增长近8%", "近8%", 8.0, "%", A, None),
    ("下降2.5%以下", "2.5%以下", 2.5, "%", M, None),
    ("下降0.5个百分点", "0.5个百分点", 0.5, "百分点", E, None),
    ("提高1.2个百分点", "1.2个百分点", 1.2, "百分点", E, None),
    ("回落3百分点", "3百分点", 3.0, "百分点", E, None),
    ("增长百分之五", "百分之五", 5.0, "%", E, None),
    ("增长百分之十二点五", "百分之十二点五", 12.5, "%", E, None),
    // a range written out twice, with or without a trailing qualifier
    (
        "增长百分之四点五至百分之五",
        "百分之四点五至百分之五",
        4.5,
        "%",
        R,
        Some(5.0),
    ),
    (
        "增长百分之五到百分之六左右",
        "百分之五到百分之六左右",
        5.0,
        "%",
        R,
        Some(6.0),
    ),
    ("增长百分之五至六", "百分之五", 5.0, "%", E, None),
    ("增长-0.5%", "-0.5%", -0.5, "%", E, None),
    ("增长负1.2%", "负1.2%", -1.2, "%", E, None),
    // ranges
    ("增长4.5%—5%", "4.5%—5%", 4.5, "%", R, Some(5.0)),
    ("增长4.5-5%", "4.5-5%", 4.5, "%", R, Some(5.0)),
    ("增长6%至7%", "6%至7%", 6.0, "%", R, Some(7.0)),
    (
        "提高5至6个百分点",
        "5至6个百分点",
        5.0,
        "百分点",
        R,
        Some(6.0),
    ),
    ("增长6.5%～7%", "6.5%～7%", 6.5, "%", R, Some(7.0)),
    ("增长7—8%", "7—8%", 7.0, "%", R, Some(8.0)),
    ("投资200-300亿元", "200-300亿元", 2e10, "元", R, Some(3e10)),
    ("增长5%—5.5%左右", "5%—5.5%左右", 5.0, "%", R, Some(5.5)),
    // bounds and approximations around the number
    ("入驻优质企业团队300多家", "300多家", 300.0, "家", L, None),
    ("签订合同4400余件", "4400余件", 4400.0, "件", L, None),
    ("惠及160余万人", "160余万人", 1_600_000.0, "人", L, None),
    ("投资超过550亿元", "超过550亿元", 5.5e10, "元", L, None),
    ("推动超1万家工业企业", "超1万家", 10000.0, "家", L, None),
    (
        "总投资不低于2000亿元",
        "不低于2000亿元",
        2e11,
        "元",
        L,
        None,
    ),
    ("规模进入5万亿元以上", "5万亿元以上", 5e12, "元", L, None),
    ("压缩至10个自然日内", "10个自然日内", 10.0, "日", M, None),
    ("办结时间3个工作日以内", "3个工作日以内", 3.0, "日", M, None),
    ("投资近千亿元", "近千亿元", 1e11, "元", A, None),
    ("吸引逾200家企业", "逾200家", 200.0, "家", L, None),
    ("约30万人", "约30万人", 300_000.0, "人", A, None),
    ("大约50个", "大约50个", 50.0, "个", A, None),
    ("将近100亿元", "将近100亿元", 1e10, "元", A, None),
    ("不少于500户", "不少于500户", 500.0, "户", L, None),
    (
        "高于全国平均水平1.5个百分点",
        "1.5个百分点",
        1.5,
        "百分点",
        E,
        None,
    ),
    ("低于5%", "低于5%", 5.0, "%", M, None),
    ("处理200件左右", "200件左右", 200.0, "件", A, None),
    // energy, area, length, mass and other measures
    (
        "绿电交易量76.6亿千瓦时",
        "76.6亿千瓦时",
        7.66e9,
        "千瓦时",
        E,
        None,
    ),
    ("新增装机1200万千瓦", "1200万千瓦", 1.2e7, "千瓦", E, None),
    ("用电量2000亿度", "2000亿度", 2e11, "度", E, None),
    ("营造林319万亩", "319万亩", 3_190_000.0, "亩", E, None),
    (
        "治理水土流失面积579.6万亩",
        "579.6万亩",
        5_796_000.0,
        "亩",
        E,
        None,
    ),
    ("建设高标准农田50万公顷", "50万公顷", 5e5, "公顷", E, None),
    ("全长1.3万公里", "1.3万公里", 13000.0, "公里", E, None),
    ("新建道路120千米", "120千米", 120.0, "公里", E, None),
    ("改造管网800米", "800米", 800.0, "米", E, None),
    ("新建住房200万平方米", "200万平方米", 2e6, "平方米", E, None),
    (
        "修复湿地30平方公里",
        "30平方公里",
        30.0,
        "平方公里",
        E,
        None,
    ),
    (
        "PM2.5年均浓度降至36微克/立方米",
        "36微克/立方米",
        36.0,
        "微克/立方米",
        E,
        None,
    ),
    // A rate with its denominator before the number, and a bound before that
    (
        "PM2.5平均浓度低于每立方米19微克",
        "低于每立方米19微克",
        19.0,
        "微克/立方米",
        M,
        None,
    ),
    (
        "粮食产量稳定在500亿斤以上",
        "500亿斤以上",
        5e10,
        "斤",
        L,
        None,
    ),
    ("粮食总产量1400万吨", "1400万吨", 1.4e7, "吨", E, None),
    (
        "集装箱吞吐量300万标准箱",
        "300万标准箱",
        3e6,
        "标准箱",
        E,
        None,
    ),
    ("节能50万吨标准煤", "50万吨标准煤", 5e5, "吨标准煤", E, None),
    ("供水2亿立方米", "2亿立方米", 2e8, "立方米", E, None),
    ("8英寸碳化硅衬底", "8英寸", 8.0, "英寸", E, None),
    ("历时7年建设", "7年", 7.0, "年", E, None),
    ("成立75周年", "75周年", 75.0, "年", E, None),
    ("工期18个月", "18个月", 18.0, "月", E, None),
    ("响应时间30分钟", "30分钟", 30.0, "分钟", E, None),
    ("连续运行72小时", "72小时", 72.0, "小时", E, None),
    ("审批时限压缩到15天", "15天", 15.0, "日", E, None),
    // multiples
    ("出口增长两倍多", "两倍多", 2.0, "倍", L, None),
    ("增长1.5倍", "1.5倍", 1.5, "倍", E, None),
    ("增长3倍以上", "3倍以上", 3.0, "倍", L, None),
    ("扩大到十倍", "十倍", 10.0, "倍", E, None),
    // Chinese numerals
    (
        "来自产业链的百余家大模型企业",
        "百余家",
        100.0,
        "家",
        L,
        None,
    ),
    ("制定十一项核心指标", "十一项", 11.0, "项", E, None),
    ("实施二十项改革", "二十项", 20.0, "项", E, None),
    ("新建三所学校", "三所", 3.0, "所", E, None),
    ("两千万元", "两千万元", 2e7, "元", E, None),
    ("一万二千三百户", "一万二千三百户", 12300.0, "户", E, None),
    ("三个一号旅游公路", "三个", 3.0, "个", E, None),
    ("五年来", "五年", 5.0, "年", E, None),
    ("千余家企业", "千余家", 1000.0, "家", L, None),
    ("数百家", "数百家", 100.0, "家", L, None),
    ("新增十家", "十家", 10.0, "家", E, None),
    ("近千家", "近千家", 1000.0, "家", A, None),
    ("超百亿元", "超百亿元", 1e10, "元", L, None),
    ("两批", "两批", 2.0, "批", E, None),
    ("四十五件", "四十五件", 45.0, "件", E, None),
    ("一百零五个", "一百零五个", 105.0, "个", E, None),
    // ranks
    ("外送量全国第一", "全国第一", 1.0, "位", E, None),
    ("种群数量保持全国首位", "全国首位", 1.0, "位", E, None),
    (
        "旅客吞吐量增速居省会城市机场首位",
        "首位",
        1.0,
        "位",
        E,
        None,
    ),
    ("经济总量居全国第7位", "全国第7位", 7.0, "位", E, None),
    ("居全省第3位", "全省第3位", 3.0, "位", E, None),
    ("位居全国前三", "全国前三", 3.0, "位", M, None),
    ("创新能力排名上升5位", "上升5位", 5.0, "位", E, None),
    ("排名下降2位", "下降2位", 2.0, "位", E, None),
    ("排名前移3位", "前移3位", 3.0, "位", E, None),
    ("排名第二", "第二", 2.0, "位", E, None),
    ("位列全球第10名", "全球第10名", 10.0, "位", E, None),
    ("增速居西部第三", "第三", 3.0, "位", E, None),
    ("综合实力列第5位", "第5位", 5.0, "位", E, None),
    // spacing and separators the restorer leaves
    ("城乡居民收入分别增长4.1%、6%", "4.1%", 4.1, "%", E, None),
    (
        "分别达到2000亿元、1800亿元",
        "2000亿元",
        2e11,
        "元",
        E,
        None,
    ),
    ("GDP增长5.2%", "5.2%", 5.2, "%", E, None),
    ("R&D经费投入强度2.5%", "2.5%", 2.5, "%", E, None),
    ("增长5.0%", "5.0%", 5.0, "%", E, None),
    ("投资增长10%”", "10%", 10.0, "%", E, None),
    ("实施设备更新项目3000个，", "3000个", 3000.0, "个", E, None),
    ("（1000个）", "1000个", 1000.0, "个", E, None),
    ("0.8个百分点", "0.8个百分点", 0.8, "百分点", E, None),
    ("完成22件便民利企改革", "22件", 22.0, "件", E, None),
    ("9家民企上榜", "9家", 9.0, "家", E, None),
    (
        "城镇新增就业45万人以上",
        "45万人以上",
        450_000.0,
        "人",
        L,
        None,
    ),
    ("粮食产量1500万吨左右", "1500万吨左右", 1.5e7, "吨", A, None),
    ("研发经费投入强度达到2.6%", "2.6%", 2.6, "%", E, None),
    (
        "单位地区生产总值能耗降低3%左右",
        "3%左右",
        3.0,
        "%",
        A,
        None,
    ),
    ("进出口总额增长8%", "8%", 8.0, "%", E, None),
    ("新增高新技术企业1,200家", "1,200家", 1200.0, "家", E, None),
    ("接待游客1.2亿人次", "1.2亿人次", 1.2e8, "人次", E, None),
    ("建成口袋公园100处", "100处", 100.0, "处", E, None),
    ("救治患者300例", "300例", 300.0, "例", E, None),
    ("新增耕地5000亩以上", "5000亩以上", 5000.0, "亩", L, None),
    ("建成场馆6座", "6座", 6.0, "座", E, None),
    (
        "开展促消费活动2.9万场次",
        "2.9万场次",
        29000.0,
        "场次",
        E,
        None,
    ),
    (
        "高质量完成40期国家援外培训任务",
        "40期",
        40.0,
        "期",
        E,
        None,
    ),
    ("吉曲3乡大电网延伸工程", "3乡", 3.0, "乡", E, None),
    ("外送电量超3000亿度", "超3000亿度", 3e11, "度", L, None),
    // 减负 is a word, not a minus sign before the amount.
    (
        "为经营主体减负1000亿元以上",
        "1000亿元以上",
        1e11,
        "元",
        L,
        None,
    ),
    ("增速为负0.5%", "负0.5%", -0.5, "%", E, None),
    ("城乡居民收入比收窄至2：1以内", "2：1以内", 2.0, "", M, None),
    ("男女比例1.05:1", "1.05:1", 1.05, "", E, None),
];

/// Texts with no quantity: years, dates, ordinals, names, idioms, bare numbers.
const NOT_QUANTITIES: &[&str] = &[
    // 微克 alone is no unit: only after a denominator such as 每立方米
    "含量19微克",
    "2025年是“十四五”规划收官之年",
    "刚刚过去的2024年",
    "2025年1月17日",
    // a year spelled digit by digit is a time, not a number of years
    "这是自一九九一年以来的最低目标",
    "到二〇三五年基本实现",
    "二○二一至二○二四年",
    "第三次会议",
    "十二届八次全会",
    "按照省委十一届十次、十一次全会部署要求",
    "第十五个五年规划纲要",
    "深入贯彻中央八项规定精神",
    "党的二十大和二十届二中、三中全会精神",
    "PM2.5年均浓度",
    "PM10年均浓度首次达到国家二级标准",
    "T800、T1000等高端碳纤维",
    "5G网络",
    "“两个确立”的决定性意义",
    "增强“四个意识”",
    "‘五个中心’建设",
    "加快建设\"五个中心\"",
    "推进＂两个确立＂",
    "千方百计扩大有效需求",
    "百花齐放",
    "一批大模型应用",
    "一年来",
    "一项一项落实好",
    "一刻钟便民生活圈",
    "“一老一小”普惠补贴",
    "“新三样”出口",
    "十大行动",
    "“十五五”乃至更长时期",
    "第一议题",
    "上午10:15开幕",
    "城乡居民收入比第一次缩小",
    "全国第一批试点",
    "中国民营企业500强",
    "四季度增速加快",
    "省市县三级",
    "增长1234",
    "万家灯火",
    "2024—2025年",
    "两会密集召开",
];

fn check(case: &Case) -> Result<(), String> {
    let &(text, mention, value, unit, qualifier, high) = case;
    let chars: Vec<char> = text.chars().collect();
    let found = scan(text);
    let q = found.first().ok_or(format!("{text}: no quantity found"))?;
    let got = (q.text(&chars), q.unit.canonical, q.qualifier);
    if got != (mention.to_string(), unit, qualifier) {
        return Err(format!(
            "{text}: got {got:?}, want {:?}",
            (mention, unit, qualifier)
        ));
    }
    if (q.value - value).abs() > 1e-6 * value.abs().max(1.0) {
        return Err(format!("{text}: value {} != {value}", q.value));
    }
    let high_ok = match (q.value_high, high) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.max(1.0),
        _ => false,
    };
    if !high_ok {
        return Err(format!("{text}: value_high {:?} != {high:?}", q.value_high));
    }
    Ok(())
}

#[test]
fn quantity_table() {
    assert!(CASES.len() >= 150, "{} cases", CASES.len());
    let failures: Vec<String> = CASES.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn not_quantities() {
    let failures: Vec<String> = NOT_QUANTITIES
        .iter()
        .filter_map(|text| {
            let chars: Vec<char> = text.chars().collect();
            let found: Vec<String> = scan(text).iter().map(|q| q.text(&chars)).collect();
            (!found.is_empty()).then(|| format!("{text}: found {found:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_quantity_of_a_list_is_found() {
    let text =
        "电子信息、高端装备制造、现代消费品营业收入预计分别达到2000亿元、1800亿元、1400亿元。";
    let values: Vec<f64> = scan(text).iter().map(|q| q.value).collect();
    assert_eq!(values, [2e11, 1.8e11, 1.4e11]);
    let text = "更新汽车50万辆、家电800万台，实施设备更新项目3000个，工业设备投资增长10%";
    assert_eq!(scan(text).len(), 4);
}

#[test]
fn rank_moves_carry_their_direction() {
    let up = &scan("全省创新能力排名上升5位")[0];
    assert!(up.is_rank);
    assert_eq!(up.rank_move, Some(true));
    let down = &scan("排名下降2位")[0];
    assert_eq!(down.rank_move, Some(false));
    let people = &scan("引进12位院士")[0];
    assert!(!people.is_rank);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn scan_never_panics_and_spans_are_in_bounds(s in "\\PC{0,64}") {
            let n = s.chars().count();
            for q in scan(&s) {
                prop_assert!(q.start <= q.num_start && q.num_start < q.end && q.end <= n);
            }
        }

        /// The definition: every character after an opening quote (not one right before a
        /// digit) up to its closing quote, when that comes within `NAME_QUOTE_MAX`.
        #[test]
        fn short_quotes_are_told_as_marking_them_would(
            text in proptest::collection::vec(
                prop::sample::select(vec!['“', '”', '‘', '’', '「', '」', '《', '》', '5', '五', '个', '。']),
                0..40,
            )
        ) {
            let mut marks = vec![false; text.len()];
            for (i, &c) in text.iter().enumerate() {
                if text.get(i + 1).is_some_and(|&d| digit(d).is_some()) {
                    continue;
                }
                if let Some(&(_, close)) = QUOTE_PAIRS.iter().find(|(o, _)| *o == c) {
                    let end = text[i + 1..].iter().take(NAME_QUOTE_MAX + 1).position(|&x| x == close);
                    if let Some(len) = end {
                        marks[i + 1..i + 1 + len].iter_mut().for_each(|m| *m = true);
                    }
                }
            }
            for (at, &marked) in marks.iter().enumerate() {
                prop_assert_eq!(in_short_quote(&text, at), marked, "at {} of {:?}", at, text);
            }
        }

        #[test]
        fn arabic_amounts_read_back(n in 1u64..100_000_000, unit in prop::sample::select(vec!["家", "个", "亿元", "万人", "%", "吨"])) {
            let text = format!("全年完成{n}{unit}，");
            let qs = scan(&text);
            prop_assert_eq!(qs.len(), 1);
            let mult = match unit { "亿元" => 1e8, "万人" => 1e4, _ => 1.0 };
            prop_assert!((qs[0].value - n as f64 * mult).abs() < 1e-6 * (n as f64 * mult));
        }

        #[test]
        fn chinese_counts_read_back(n in 2u64..100_000) {
            let text = format!("新建{}所学校。", crate::extract::numeral::to_chinese(n));
            let qs = scan(&text);
            prop_assert_eq!(qs.len(), 1, "{}", text);
            prop_assert_eq!(qs[0].value, n as f64);
        }
    }
}
