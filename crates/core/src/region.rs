//! Provincial-level regions by GB/T 2260 code, with Chinese and English names.

/// (code, Chinese name, English name)
const PROVINCES: &[(u32, &str, &str)] = &[
    (110000, "北京", "Beijing"),
    (120000, "天津", "Tianjin"),
    (130000, "河北", "Hebei"),
    (140000, "山西", "Shanxi"),
    (150000, "内蒙古", "Inner Mongolia"),
    (210000, "辽宁", "Liaoning"),
    (220000, "吉林", "Jilin"),
    (230000, "黑龙江", "Heilongjiang"),
    (310000, "上海", "Shanghai"),
    (320000, "江苏", "Jiangsu"),
    (330000, "浙江", "Zhejiang"),
    (340000, "安徽", "Anhui"),
    (350000, "福建", "Fujian"),
    (360000, "江西", "Jiangxi"),
    (370000, "山东", "Shandong"),
    (410000, "河南", "Henan"),
    (420000, "湖北", "Hubei"),
    (430000, "湖南", "Hunan"),
    (440000, "广东", "Guangdong"),
    (450000, "广西", "Guangxi"),
    (460000, "海南", "Hainan"),
    (500000, "重庆", "Chongqing"),
    (510000, "四川", "Sichuan"),
    (520000, "贵州", "Guizhou"),
    (530000, "云南", "Yunnan"),
    (540000, "西藏", "Tibet"),
    (610000, "陕西", "Shaanxi"),
    (620000, "甘肃", "Gansu"),
    (630000, "青海", "Qinghai"),
    (640000, "宁夏", "Ningxia"),
    (650000, "新疆", "Xinjiang"),
    (710000, "台湾", "Taiwan"),
    (810000, "香港", "Hong Kong"),
    (820000, "澳门", "Macao"),
];

/// The province (xx0000) a GB/T 2260 code belongs to.
pub fn province_of(code: u32) -> u32 {
    code / 10000 * 10000
}

/// Names of the province that `code` belongs to, if it is a known province.
pub fn names(code: u32) -> Option<(&'static str, &'static str)> {
    let p = province_of(code);
    PROVINCES.iter().find(|(c, _, _)| *c == p).map(|(_, zh, en)| (*zh, *en))
}

/// Name in the given language, or the bare code when unknown.
pub fn name(code: u32, lang: crate::lang::Lang) -> String {
    match (names(code), lang) {
        (Some((zh, _)), crate::lang::Lang::Zh) => zh.to_string(),
        (Some((_, en)), crate::lang::Lang::En) => en.to_string(),
        (None, _) => format!("{code:06}"),
    }
}

/// Whether `code` is a six-digit code of a known province.
pub fn is_known(code: u32) -> bool {
    (100000..=999999).contains(&code) && names(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn names_of_provinces_and_cities() {
        assert_eq!(names(310000), Some(("上海", "Shanghai")));
        assert_eq!(names(340100), Some(("安徽", "Anhui")));
        assert_eq!(name(440300, Lang::En), "Guangdong");
        assert_eq!(name(990000, Lang::Zh), "990000");
        assert!(!is_known(12));
        assert!(is_known(510000));
    }
}
