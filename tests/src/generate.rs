//! A realistic shop, generated: Chinese names with the real surname
//! distribution (王 李 张 刘 陈 … down to compound and polyphonic surnames),
//! mainland mobile numbers, mostly female customers of salon age, birthdays,
//! card numbers, allergies and notes. Deterministic for a seed.

use std::collections::HashSet;

use frontdesk_core::customers::{CustomerClass, CustomerFields, Gender, Source};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Surnames with their share per ten thousand people (approximate national
/// figures for the common ones; the rare ones are here for search coverage).
const SURNAMES: &[(&str, u32)] = &[
    ("王", 710),
    ("李", 700),
    ("张", 670),
    ("刘", 540),
    ("陈", 440),
    ("杨", 310),
    ("黄", 220),
    ("赵", 200),
    ("吴", 190),
    ("周", 180),
    ("徐", 130),
    ("孙", 120),
    ("马", 120),
    ("朱", 110),
    ("胡", 100),
    ("郭", 90),
    ("何", 90),
    ("高", 80),
    ("林", 80),
    ("罗", 80),
    ("郑", 70),
    ("梁", 70),
    ("谢", 60),
    ("宋", 50),
    ("唐", 50),
    ("许", 50),
    ("韩", 50),
    ("冯", 40),
    ("邓", 40),
    ("曹", 40),
    ("彭", 40),
    ("曾", 40),
    ("肖", 40),
    ("田", 30),
    ("董", 30),
    ("袁", 30),
    ("潘", 30),
    ("于", 30),
    ("蒋", 30),
    ("蔡", 30),
    ("余", 30),
    ("杜", 30),
    ("叶", 30),
    ("程", 30),
    ("苏", 30),
    ("魏", 30),
    ("吕", 30),
    ("丁", 30),
    ("任", 20),
    ("沈", 20),
    ("姚", 20),
    ("卢", 20),
    ("姜", 20),
    ("崔", 20),
    ("钟", 20),
    ("谭", 20),
    ("陆", 20),
    ("汪", 20),
    ("范", 20),
    ("金", 20),
    ("石", 20),
    ("廖", 20),
    ("贾", 20),
    ("夏", 20),
    ("韦", 20),
    ("付", 20),
    ("方", 20),
    ("白", 20),
    ("邹", 20),
    ("孟", 20),
    ("熊", 20),
    ("秦", 20),
    ("邱", 20),
    ("江", 20),
    ("尹", 20),
    ("薛", 20),
    ("闫", 20),
    ("段", 20),
    ("雷", 20),
    ("侯", 20),
    ("龙", 20),
    ("史", 20),
    ("陶", 10),
    ("黎", 10),
    ("贺", 10),
    ("顾", 10),
    ("毛", 10),
    ("郝", 10),
    ("龚", 10),
    ("邵", 10),
    ("万", 10),
    ("钱", 10),
    ("严", 10),
    ("覃", 10),
    ("武", 10),
    ("戴", 10),
    ("莫", 10),
    ("孔", 10),
    ("单", 5),
    ("解", 5),
    ("区", 3),
    ("仇", 3),
    ("查", 3),
    ("欧阳", 5),
    ("司马", 2),
    ("诸葛", 1),
    ("上官", 1),
    ("尉迟", 1),
];
const FEMALE: &[&str] = &[
    "美", "丽", "华", "娜", "芳", "敏", "静", "婷", "雪", "梅", "玲", "燕", "红", "霞", "英", "琳",
    "晶", "欣", "怡", "佳", "颖", "慧", "秀", "兰", "萍", "洁", "莉", "倩", "璐", "雯", "晓", "小",
    "春", "月", "云", "凤", "娟", "丹", "妍", "悦", "文", "思", "雨", "嘉", "诗", "梦", "琪", "蕾",
    "薇", "彤",
];
const MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
    "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "洋", "文",
];
const PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "198", "199",
];
const ALLERGIES: &[&str] = &[
    "果酸",
    "酒精",
    "芦荟",
    "薰衣草精油",
    "维A酸",
    "水杨酸",
    "花粉",
    "海鲜",
    "青霉素",
];
const SKIN: &[&str] = &["干性", "油性", "中性", "混合性", "敏感性"];
const NOTES: &[&str] = &[
    "喜欢安静，少聊天",
    "怕痛，手法要轻",
    "周末上午来得多",
    "不喜欢被推销",
    "朋友介绍来的",
    "对香味敏感",
];

pub struct Generator {
    rng: StdRng,
    total_weight: u32,
    phones: HashSet<String>,
    next_card: u64,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: StdRng::seed_from_u64(seed),
            total_weight: SURNAMES.iter().map(|(_, w)| w).sum(),
            phones: HashSet::new(),
            next_card: 10_000_000,
        }
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.rng.random_range(0..from.len())]
    }

    fn surname(&mut self) -> &'static str {
        let mut x = self.rng.random_range(0..self.total_weight);
        for (s, w) in SURNAMES {
            if x < *w {
                return s;
            }
            x -= w;
        }
        "王"
    }

    pub fn name(&mut self, gender: Gender) -> String {
        let chars = if gender == Gender::Male { MALE } else { FEMALE };
        let mut name = self.surname().to_string();
        name.push_str(self.pick(chars));
        if self.rng.random_bool(0.72) {
            name.push_str(self.pick(chars));
        }
        name
    }

    /// A mobile number no earlier customer of this generator has.
    pub fn phone(&mut self) -> String {
        loop {
            let p = format!(
                "{}{:08}",
                self.pick(PREFIXES),
                self.rng.random_range(0..100_000_000u32)
            );
            if self.phones.insert(p.clone()) {
                return p;
            }
        }
    }

    pub fn customer(&mut self) -> CustomerFields {
        let gender = if self.rng.random_bool(0.88) {
            Gender::Female
        } else if self.rng.random_bool(0.8) {
            Gender::Male
        } else {
            Gender::Unknown
        };
        let birthday = self.rng.random_bool(0.7).then(|| {
            format!(
                "{}-{:02}-{:02}",
                self.rng.random_range(1960..2006),
                self.rng.random_range(1..=12),
                self.rng.random_range(1..=28)
            )
        });
        let card_no = if self.rng.random_bool(0.4) {
            self.next_card += 1;
            self.next_card.to_string()
        } else {
            String::new()
        };
        CustomerFields {
            name: self.name(gender),
            phone: self.phone(),
            gender,
            birthday,
            card_no,
            allergies: if self.rng.random_bool(0.06) {
                self.pick(ALLERGIES).to_string()
            } else {
                String::new()
            },
            skin_type: if self.rng.random_bool(0.6) {
                self.pick(SKIN).to_string()
            } else {
                String::new()
            },
            notes: if self.rng.random_bool(0.2) {
                self.pick(NOTES).to_string()
            } else {
                String::new()
            },
            class: match self.rng.random_range(0..4) {
                0 => Some(CustomerClass::A),
                1 => Some(CustomerClass::B),
                2 => Some(CustomerClass::C),
                _ => None,
            },
            source: if self.rng.random_bool(0.3) {
                Source::Referral
            } else {
                Source::WalkIn
            },
            ..Default::default()
        }
    }

    pub fn customers(&mut self, n: usize) -> Vec<CustomerFields> {
        (0..n).map(|_| self.customer()).collect()
    }

    /// A random index below `n`.
    pub fn index(&mut self, n: usize) -> usize {
        self.rng.random_range(0..n)
    }
}

/// The kinds of search the benchmark and the correctness test run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    PhoneLast4,
    PhoneMiddle4,
    Surname1,
    Name2,
    FullName,
    Initials,
    PinyinPrefix,
    CardNo,
    Mixed,
}

impl QueryKind {
    pub const ALL: [QueryKind; 9] = [
        QueryKind::PhoneLast4,
        QueryKind::PhoneMiddle4,
        QueryKind::Surname1,
        QueryKind::Name2,
        QueryKind::FullName,
        QueryKind::Initials,
        QueryKind::PinyinPrefix,
        QueryKind::CardNo,
        QueryKind::Mixed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            QueryKind::PhoneLast4 => "phone, last 4 digits",
            QueryKind::PhoneMiddle4 => "phone, 4 digits in the middle",
            QueryKind::Surname1 => "name, 1 character (surname)",
            QueryKind::Name2 => "name, 2 characters",
            QueryKind::FullName => "name, whole",
            QueryKind::Initials => "pinyin initials",
            QueryKind::PinyinPrefix => "full pinyin, prefix",
            QueryKind::CardNo => "card number (scanner)",
            QueryKind::Mixed => "mixed: pinyin + 4 digits",
        }
    }

    /// A query of this kind aimed at the given customer.
    pub fn query_for(self, c: &CustomerFields) -> String {
        // The primary reading (a name read several ways lists each).
        let (initials, pinyin) = frontdesk_core::customers::names::pinyin_of(&c.name);
        let initials = initials.split(' ').next().unwrap_or_default().to_string();
        let pinyin = pinyin.split(' ').next().unwrap_or_default().to_string();
        let chars: Vec<char> = c.name.chars().collect();
        match self {
            QueryKind::PhoneLast4 => c.phone[7..].to_string(),
            QueryKind::PhoneMiddle4 => c.phone[3..7].to_string(),
            QueryKind::Surname1 => chars[0].to_string(),
            QueryKind::Name2 => chars.iter().take(2).collect(),
            QueryKind::FullName => c.name.clone(),
            QueryKind::Initials => initials,
            QueryKind::PinyinPrefix => pinyin.chars().take(5).collect(),
            QueryKind::CardNo => {
                if c.card_no.is_empty() {
                    c.phone.clone()
                } else {
                    c.card_no.clone()
                }
            }
            QueryKind::Mixed => format!(
                "{} {}",
                pinyin.chars().take(2).collect::<String>(),
                &c.phone[7..]
            ),
        }
    }
}
