//! City-level regions (GB/T 2260 prefecture codes) for the itinerary row, in zh and en.
//! Municipalities, provincial capitals and large cities; any other code is shown as its
//! province and the bare code (see [`name`]).

use crate::lang::Lang;
use crate::region;

/// (code, Chinese name, English name)
const CITIES: &[(u32, &str, &str)] = &[
    (110100, "北京", "Beijing"),
    (120100, "天津", "Tianjin"),
    (130100, "石家庄", "Shijiazhuang"),
    (130200, "唐山", "Tangshan"),
    (130600, "保定", "Baoding"),
    (131000, "廊坊", "Langfang"),
    (140100, "太原", "Taiyuan"),
    (140200, "大同", "Datong"),
    (150100, "呼和浩特", "Hohhot"),
    (150200, "包头", "Baotou"),
    (210100, "沈阳", "Shenyang"),
    (210200, "大连", "Dalian"),
    (220100, "长春", "Changchun"),
    (220200, "吉林", "Jilin"),
    (230100, "哈尔滨", "Harbin"),
    (310100, "上海", "Shanghai"),
    (320100, "南京", "Nanjing"),
    (320200, "无锡", "Wuxi"),
    (320300, "徐州", "Xuzhou"),
    (320400, "常州", "Changzhou"),
    (320500, "苏州", "Suzhou"),
    (320600, "南通", "Nantong"),
    (321000, "扬州", "Yangzhou"),
    (330100, "杭州", "Hangzhou"),
    (330200, "宁波", "Ningbo"),
    (330300, "温州", "Wenzhou"),
    (330400, "嘉兴", "Jiaxing"),
    (330600, "绍兴", "Shaoxing"),
    (330700, "金华", "Jinhua"),
    (340100, "合肥", "Hefei"),
    (340200, "芜湖", "Wuhu"),
    (340300, "蚌埠", "Bengbu"),
    (350100, "福州", "Fuzhou"),
    (350200, "厦门", "Xiamen"),
    (350500, "泉州", "Quanzhou"),
    (360100, "南昌", "Nanchang"),
    (370100, "济南", "Jinan"),
    (370200, "青岛", "Qingdao"),
    (370600, "烟台", "Yantai"),
    (410100, "郑州", "Zhengzhou"),
    (410300, "洛阳", "Luoyang"),
    (420100, "武汉", "Wuhan"),
    (420500, "宜昌", "Yichang"),
    (430100, "长沙", "Changsha"),
    (440100, "广州", "Guangzhou"),
    (440300, "深圳", "Shenzhen"),
    (440400, "珠海", "Zhuhai"),
    (440500, "汕头", "Shantou"),
    (440600, "佛山", "Foshan"),
    (441900, "东莞", "Dongguan"),
    (442000, "中山", "Zhongshan"),
    (450100, "南宁", "Nanning"),
    (450300, "桂林", "Guilin"),
    (460100, "海口", "Haikou"),
    (460200, "三亚", "Sanya"),
    (500100, "重庆", "Chongqing"),
    (510100, "成都", "Chengdu"),
    (520100, "贵阳", "Guiyang"),
    (530100, "昆明", "Kunming"),
    (540100, "拉萨", "Lhasa"),
    (610100, "西安", "Xi'an"),
    (620100, "兰州", "Lanzhou"),
    (630100, "西宁", "Xining"),
    (640100, "银川", "Yinchuan"),
    (650100, "乌鲁木齐", "Urumqi"),
    (810000, "香港", "Hong Kong"),
    (820000, "澳门", "Macao"),
];

/// The city's name, or its province's name with the code when the city is not listed.
pub fn name(code: u32, lang: Lang) -> String {
    match (CITIES.iter().find(|(c, _, _)| *c == code), lang) {
        (Some((_, zh, _)), Lang::Zh) => zh.to_string(),
        (Some((_, _, en)), Lang::En) => en.to_string(),
        (None, _) if region::names(code).is_some() => format!("{} {code:06}", region::name(code, lang)),
        (None, _) => format!("{code:06}"),
    }
}

/// The cities' names joined for a sentence ("上海、深圳" / "Shanghai, Shenzhen").
pub fn names(codes: &[u32], lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    codes.iter().map(|c| name(*c, lang)).collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_unlisted_and_unknown_codes() {
        assert_eq!(names(&[310100, 440300], Lang::Zh), "上海、深圳");
        assert_eq!(names(&[310100, 440300], Lang::En), "Shanghai, Shenzhen");
        assert_eq!(name(441300, Lang::En), "Guangdong 441300");
        assert_eq!(name(990100, Lang::Zh), "990100");
        // codes are unique
        let mut codes: Vec<u32> = CITIES.iter().map(|c| c.0).collect();
        codes.dedup();
        assert_eq!(codes.len(), CITIES.len());
    }
}
