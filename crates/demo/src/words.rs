//! Word lists for the demo fair, each entry in Traditional Chinese, Simplified Chinese and
//! English. Written for this project; nothing is downloaded.

/// (zh-Hant, zh-Hans, en)
pub type Tri = (&'static str, &'static str, &'static str);

/// A product type: its name, HS code and sector.
pub struct ProductType {
    pub name: Tri,
    pub hs: &'static str,
    pub unit_price: f64,
}

pub struct SectorWords {
    pub code: &'static str,
    /// Word used in company names.
    pub trade: Tri,
    pub products: &'static [ProductType],
}

const fn p(name: Tri, hs: &'static str, unit_price: f64) -> ProductType {
    ProductType {
        name,
        hs,
        unit_price,
    }
}

pub static SECTORS: &[SectorWords] = &[
    SectorWords {
        code: "electronics",
        trade: ("電子", "电子", "Electronics"),
        products: &[
            p(
                ("USB-C 充電器", "USB-C 充电器", "USB-C charger"),
                "850440",
                42.0,
            ),
            p(
                ("藍牙耳機", "蓝牙耳机", "Bluetooth earphones"),
                "851830",
                95.0,
            ),
            p(("移動電源", "移动电源", "power bank"), "850760", 68.0),
            p(
                ("Type-C數據線", "Type-C数据线", "Type-C data cable"),
                "854442",
                12.0,
            ),
            p(("智能手錶", "智能手表", "smartwatch"), "851762", 260.0),
            p(("無線滑鼠", "无线鼠标", "wireless mouse"), "847160", 55.0),
            p(("智能音箱", "智能音箱", "smart speaker"), "851822", 180.0),
            p(("行車記錄儀", "行车记录仪", "dash camera"), "852589", 220.0),
            p(
                ("機械鍵盤", "机械键盘", "mechanical keyboard"),
                "847160",
                310.0,
            ),
            p(
                ("家用路由器", "家用路由器", "home Wi-Fi router"),
                "851762",
                240.0,
            ),
        ],
    },
    SectorWords {
        code: "lighting",
        trade: ("照明", "照明", "Lighting"),
        products: &[
            p(("LED燈泡", "LED灯泡", "LED bulb"), "853952", 9.5),
            p(
                ("護眼檯燈", "护眼台灯", "eye-care desk lamp"),
                "940520",
                120.0,
            ),
            p(
                ("太陽能庭園燈", "太阳能庭院灯", "solar garden light"),
                "940540",
                38.0,
            ),
            p(("LED燈帶", "LED灯带", "LED strip light"), "940540", 25.0),
            p(("吸頂燈", "吸顶灯", "ceiling light"), "940511", 160.0),
            p(
                ("應急照明燈", "应急照明灯", "emergency light"),
                "940540",
                75.0,
            ),
        ],
    },
    SectorWords {
        code: "household",
        trade: ("家居用品", "家居用品", "Homeware"),
        products: &[
            p(
                (
                    "不鏽鋼保溫杯",
                    "不锈钢保温杯",
                    "stainless steel vacuum flask",
                ),
                "961700",
                48.0,
            ),
            p(
                ("陶瓷餐具套裝", "陶瓷餐具套装", "ceramic tableware set"),
                "691110",
                210.0,
            ),
            p(
                ("矽膠廚具", "硅胶厨具", "silicone kitchen utensils"),
                "392410",
                35.0,
            ),
            p(
                ("竹製砧板", "竹制砧板", "bamboo chopping board"),
                "441990",
                40.0,
            ),
            p(("收納箱", "收纳箱", "storage box"), "392490", 28.0),
            p(("香薰機", "香薰机", "aroma diffuser"), "850970", 150.0),
            p(("空氣炸鍋", "空气炸锅", "air fryer"), "851660", 380.0),
        ],
    },
    SectorWords {
        code: "gifts_toys",
        trade: ("玩具禮品", "玩具礼品", "Toys & Gifts"),
        products: &[
            p(
                ("益智積木", "益智积木", "educational building blocks"),
                "950300",
                88.0,
            ),
            p(("毛絨公仔", "毛绒公仔", "plush toy"), "950300", 45.0),
            p(
                ("木製拼圖", "木制拼图", "wooden jigsaw puzzle"),
                "950300",
                30.0,
            ),
            p(
                ("遙控模型車", "遥控模型车", "remote-control model car"),
                "950300",
                150.0,
            ),
            p(
                ("節日禮盒", "节日礼盒", "festive gift box"),
                "482010",
                120.0,
            ),
            p(
                ("文創筆記本", "文创笔记本", "designer notebook"),
                "482010",
                22.0,
            ),
        ],
    },
    SectorWords {
        code: "fashion",
        trade: ("時裝", "时装", "Fashion"),
        products: &[
            p(("真絲圍巾", "真丝围巾", "silk scarf"), "621410", 160.0),
            p(
                ("羊毛針織衫", "羊毛针织衫", "wool knit sweater"),
                "611020",
                280.0,
            ),
            p(("皮革手袋", "皮革手袋", "leather handbag"), "420221", 520.0),
            p(("運動鞋", "运动鞋", "sports shoes"), "640411", 240.0),
            p(("純棉T恤", "纯棉T恤", "cotton T-shirt"), "610910", 38.0),
            p(
                ("防曬外套", "防晒外套", "sun-protection jacket"),
                "620293",
                150.0,
            ),
        ],
    },
    SectorWords {
        code: "jewellery",
        trade: ("珠寶", "珠宝", "Jewellery"),
        products: &[
            p(
                ("淡水珍珠項鏈", "淡水珍珠项链", "freshwater pearl necklace"),
                "711610",
                680.0,
            ),
            p(
                ("18K金戒指", "18K金戒指", "18K gold ring"),
                "711319",
                2400.0,
            ),
            p(("翡翠手鐲", "翡翠手镯", "jadeite bangle"), "711620", 5200.0),
            p(
                ("純銀耳環", "纯银耳环", "sterling silver earrings"),
                "711311",
                180.0,
            ),
            p(
                ("鑽石吊墜", "钻石吊坠", "diamond pendant"),
                "711319",
                3800.0,
            ),
        ],
    },
    SectorWords {
        code: "food_beverage",
        trade: ("食品", "食品", "Foods"),
        products: &[
            p(
                ("雲南普洱茶", "云南普洱茶", "Yunnan Pu'er tea"),
                "090230",
                120.0,
            ),
            p(
                ("流心奶黃月餅", "流心奶黄月饼", "custard lava mooncakes"),
                "190590",
                268.0,
            ),
            p(
                ("特級蠔油", "特级蚝油", "premium oyster sauce"),
                "210390",
                18.0,
            ),
            p(
                ("新會陳皮", "新会陈皮", "Xinhui dried tangerine peel"),
                "121190",
                320.0,
            ),
            p(("鳳梨酥", "凤梨酥", "pineapple cakes"), "190590", 88.0),
            p(
                ("手工雞蛋卷", "手工鸡蛋卷", "hand-made egg rolls"),
                "190590",
                65.0,
            ),
            p(("XO醬", "XO酱", "XO sauce"), "210390", 98.0),
        ],
    },
    SectorWords {
        code: "health_beauty",
        trade: ("美容", "美容", "Beauty"),
        products: &[
            p(
                ("保濕面膜", "保湿面膜", "hydrating sheet mask"),
                "330499",
                6.0,
            ),
            p(
                ("玻尿酸精華液", "玻尿酸精华液", "hyaluronic acid serum"),
                "330499",
                85.0,
            ),
            p(
                ("天然防曬霜", "天然防晒霜", "natural sunscreen"),
                "330499",
                70.0,
            ),
            p(
                ("草本洗髮水", "草本洗发水", "herbal shampoo"),
                "330510",
                45.0,
            ),
            p(
                ("靈芝孢子粉", "灵芝孢子粉", "lingzhi spore powder"),
                "210690",
                420.0,
            ),
        ],
    },
    SectorWords {
        code: "medical",
        trade: ("醫療器械", "医疗器械", "Medical"),
        products: &[
            p(
                ("電子血壓計", "电子血压计", "digital blood-pressure monitor"),
                "901890",
                190.0,
            ),
            p(
                (
                    "紅外線額溫槍",
                    "红外线额温枪",
                    "infrared forehead thermometer",
                ),
                "902519",
                85.0,
            ),
            p(
                ("醫用口罩", "医用口罩", "medical face masks"),
                "630790",
                0.8,
            ),
            p(("血氧儀", "血氧仪", "pulse oximeter"), "901819", 120.0),
            p(("助行器", "助行器", "walking frame"), "902110", 350.0),
        ],
    },
    SectorWords {
        code: "green_energy",
        trade: ("新能源", "新能源", "New Energy"),
        products: &[
            p(
                (
                    "單晶矽太陽能板",
                    "单晶硅太阳能板",
                    "monocrystalline solar panel",
                ),
                "854143",
                1100.0,
            ),
            p(
                (
                    "家用儲能電池",
                    "家用储能电池",
                    "home energy-storage battery",
                ),
                "850760",
                9800.0,
            ),
            p(
                ("電動車充電樁", "电动车充电桩", "EV charging station"),
                "850440",
                6200.0,
            ),
            p(
                ("光伏逆變器", "光伏逆变器", "solar inverter"),
                "850440",
                3200.0,
            ),
            p(
                ("小型風力發電機", "小型风力发电机", "small wind turbine"),
                "850231",
                15000.0,
            ),
        ],
    },
];

/// A product name with a modifier in front, in the three languages ("智能" + "藍牙耳機" →
/// "智能藍牙耳機", "Smart Bluetooth earbuds"), except where the name already says it: "智能手錶"
/// stays "智能手錶", not "智能智能手錶", and "smartwatch" is not made a "Smart smartwatch".
pub fn modified(m: &Tri, name: &Tri) -> (String, String, String) {
    let zh = |m: &str, n: &str| {
        if n.contains(m) {
            n.to_string()
        } else {
            format!("{m}{n}")
        }
    };
    let en = if name.2.to_lowercase().contains(&m.2.to_lowercase()) {
        name.2.to_string()
    } else {
        format!("{} {}", m.2, name.2)
    };
    (zh(m.0, name.0), zh(m.1, name.1), en)
}

pub static MODIFIERS: &[Tri] = &[
    ("智能", "智能", "Smart"),
    ("便攜式", "便携式", "Portable"),
    ("環保", "环保", "Eco-friendly"),
    ("高端", "高端", "Premium"),
    ("迷你", "迷你", "Mini"),
    ("專業級", "专业级", "Professional"),
    ("輕巧", "轻巧", "Lightweight"),
    ("防水", "防水", "Waterproof"),
    ("經典款", "经典款", "Classic"),
    ("定製", "定制", "Custom"),
    ("新款", "新款", "New"),
    ("節能", "节能", "Energy-saving"),
];

pub static BRANDS: &[Tri] = &[
    ("華南", "华南", "Huanan"),
    ("東方明珠", "东方明珠", "Oriental Pearl"),
    ("金輝", "金辉", "Golden Glory"),
    ("恒達", "恒达", "Everreach"),
    ("偉業", "伟业", "Wai Yip"),
    ("創新", "创新", "Innovista"),
    ("龍騰", "龙腾", "Dragon Rise"),
    ("星光", "星光", "Starlight"),
    ("鴻運", "鸿运", "Fortune Way"),
    ("翠峰", "翠峰", "Jade Peak"),
    ("海濱", "海滨", "Seaside"),
    ("德信", "德信", "Tak Shun"),
    ("福興", "福兴", "Fook Hing"),
    ("永利", "永利", "Wing Lee"),
    ("晶采", "晶采", "Crystal Hue"),
    ("寶源", "宝源", "Po Yuen"),
    ("新紀元", "新纪元", "New Era"),
    ("百匯", "百汇", "Bay Harbour"),
    ("嶺南", "岭南", "Lingnan"),
    ("銀河", "银河", "Galaxy Way"),
    ("卓越", "卓越", "Excelsior"),
    ("灣區", "湾区", "Bayside"),
    ("匯豐源", "汇丰源", "Wui Fung Yuen"),
    ("祥龍", "祥龙", "Auspicious Dragon"),
];

/// Exhibitor home bases with weights for a Hong Kong fair: mostly Hong Kong and the GBA.
pub static EXHIBITOR_LOCATIONS: &[(&str, u32)] = &[
    ("HK", 30),
    ("CN-GD-SZ", 18),
    ("CN-GD-GZ", 10),
    ("CN-GD-DG", 8),
    ("CN-GD-FS", 6),
    ("CN-GD-ZS", 3),
    ("CN-GD-ZH", 2),
    ("CN-GD-HZ", 2),
    ("CN-GD-JM", 1),
    ("CN-GD-ZQ", 1),
    ("MO", 3),
    ("CN", 8),
    ("TW", 2),
    ("JP", 2),
    ("KR", 1),
    ("SG", 2),
    ("TH", 1),
    ("MY", 1),
    ("DE", 1),
    ("IT", 1),
    ("US", 1),
    ("AE", 1),
];

pub static BUYER_LOCATIONS: &[(&str, u32)] = &[
    ("HK", 25),
    ("CN-GD-SZ", 12),
    ("CN-GD-GZ", 8),
    ("CN", 10),
    ("MO", 3),
    ("SG", 5),
    ("MY", 4),
    ("TH", 3),
    ("ID", 3),
    ("VN", 3),
    ("AE", 4),
    ("SA", 3),
    ("IN", 3),
    ("GB", 3),
    ("DE", 2),
    ("FR", 2),
    ("US", 4),
    ("AU", 2),
    ("JP", 2),
];

pub static CITY_NAMES: &[(&str, Tri)] = &[
    ("HK", ("香港", "香港", "Hong Kong")),
    ("CN-GD-SZ", ("深圳", "深圳", "Shenzhen")),
    ("CN-GD-GZ", ("廣州", "广州", "Guangzhou")),
    ("CN-GD-DG", ("東莞", "东莞", "Dongguan")),
    ("CN-GD-FS", ("佛山", "佛山", "Foshan")),
    ("CN-GD-ZS", ("中山", "中山", "Zhongshan")),
    ("CN-GD-ZH", ("珠海", "珠海", "Zhuhai")),
    ("CN-GD-HZ", ("惠州", "惠州", "Huizhou")),
    ("CN-GD-JM", ("江門", "江门", "Jiangmen")),
    ("CN-GD-ZQ", ("肇慶", "肇庆", "Zhaoqing")),
    ("MO", ("澳門", "澳门", "Macau")),
    ("CN", ("義烏", "义乌", "Yiwu")),
    ("TW", ("台中", "台中", "Taichung")),
    ("JP", ("大阪", "大阪", "Osaka")),
    ("KR", ("首爾", "首尔", "Seoul")),
    ("SG", ("新加坡", "新加坡", "Singapore")),
    ("TH", ("曼谷", "曼谷", "Bangkok")),
    ("MY", ("吉隆坡", "吉隆坡", "Kuala Lumpur")),
    ("DE", ("漢堡", "汉堡", "Hamburg")),
    ("IT", ("米蘭", "米兰", "Milan")),
    ("US", ("洛杉磯", "洛杉矶", "Los Angeles")),
    ("AE", ("迪拜", "迪拜", "Dubai")),
];

pub static SURNAMES: &[Tri] = &[
    ("陳", "陈", "Chan"),
    ("李", "李", "Lee"),
    ("張", "张", "Cheung"),
    ("黃", "黄", "Wong"),
    ("王", "王", "Wang"),
    ("林", "林", "Lam"),
    ("劉", "刘", "Lau"),
    ("吳", "吴", "Ng"),
    ("梁", "梁", "Leung"),
    ("何", "何", "Ho"),
    ("周", "周", "Chow"),
    ("鄭", "郑", "Cheng"),
    ("羅", "罗", "Law"),
    ("馮", "冯", "Fung"),
    ("謝", "谢", "Tse"),
];

pub static GIVEN_NAMES: &[Tri] = &[
    ("嘉欣", "嘉欣", "Ka Yan"),
    ("志明", "志明", "Chi Ming"),
    ("詠詩", "咏诗", "Wing Sze"),
    ("國偉", "国伟", "Kwok Wai"),
    ("曉彤", "晓彤", "Hiu Tung"),
    ("俊傑", "俊杰", "Chun Kit"),
    ("美玲", "美玲", "Mei Ling"),
    ("家豪", "家豪", "Ka Ho"),
    ("雅婷", "雅婷", "Nga Ting"),
    ("建華", "建华", "Kin Wah"),
    ("麗華", "丽华", "Lai Wah"),
    ("浩然", "浩然", "Ho Yin"),
    ("思穎", "思颖", "Sze Wing"),
    ("子軒", "子轩", "Tsz Hin"),
    ("慧敏", "慧敏", "Wai Man"),
    ("文傑", "文杰", "Man Kit"),
];

pub static INTERNATIONAL_NAMES: &[&str] = &[
    "Aisha Rahman",
    "Tom Müller",
    "Priya Nair",
    "Somchai Wongsakul",
    "Nguyen Thi Lan",
    "Ahmed Al-Mansouri",
    "Sarah O'Brien",
    "Kenji Watanabe",
    "Siti Aminah",
    "Lucas Martin",
    "Fatima Al-Harbi",
    "David Goldberg",
    "Maria Rossi",
    "Rahul Mehta",
    "Emma Thompson",
    "Budi Santoso",
    "Park Ji-woo",
    "Olivia Brown",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_product_name_says_its_modifier_twice() {
        let mut kept = 0;
        for sector in SECTORS {
            for p in sector.products {
                for m in MODIFIERS {
                    let (hant, hans, en) = modified(m, &p.name);
                    assert_eq!(hant.matches(m.0).count(), 1, "{hant}");
                    assert_eq!(hans.matches(m.1).count(), 1, "{hans}");
                    assert_eq!(
                        en.to_lowercase().matches(&m.2.to_lowercase()).count(),
                        1,
                        "{en}"
                    );
                    if hant == p.name.0 {
                        kept += 1;
                    }
                }
            }
        }
        // The case that prompted it: a smartwatch is not made smart twice.
        let watch = SECTORS
            .iter()
            .flat_map(|s| s.products.iter())
            .find(|p| p.name.0 == "智能手錶")
            .expect("the demo sells smartwatches");
        assert_eq!(modified(&MODIFIERS[0], &watch.name).0, "智能手錶");
        assert!(kept > 0);
    }
}
