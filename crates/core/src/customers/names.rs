//! Chinese names: the surname (compound ones kept whole), its reading as a
//! surname, pinyin for search, and how the desk addresses the customer.
//!
//! Dictionaries give a character's most common reading, which is wrong for
//! several surnames (曾 is zēng as a surname, not céng; 单 is shàn, not dān).
//! The tables below fix those readings for the surname position only.

use pinyin::ToPinyin;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Two-character surnames, with their readings.
const COMPOUND_SURNAMES: &[(&str, &str, &str)] = &[
    ("欧阳", "ouyang", "oy"),
    ("司马", "sima", "sm"),
    ("诸葛", "zhuge", "zg"),
    ("上官", "shangguan", "sg"),
    ("司徒", "situ", "st"),
    ("东方", "dongfang", "df"),
    ("皇甫", "huangfu", "hf"),
    ("尉迟", "yuchi", "yc"),
    ("公孙", "gongsun", "gs"),
    ("慕容", "murong", "mr"),
    ("令狐", "linghu", "lh"),
    ("夏侯", "xiahou", "xh"),
    ("长孙", "zhangsun", "zs"),
    ("宇文", "yuwen", "yw"),
    ("轩辕", "xuanyuan", "xy"),
    ("端木", "duanmu", "dm"),
    ("独孤", "dugu", "dg"),
    ("南宫", "nangong", "ng"),
    ("万俟", "moqi", "mq"),
    ("闻人", "wenren", "wr"),
    ("澹台", "tantai", "tt"),
    ("公冶", "gongye", "gy"),
    ("太史", "taishi", "ts"),
    ("申屠", "shentu", "st"),
    ("呼延", "huyan", "hy"),
    ("赫连", "helian", "hl"),
    ("西门", "ximen", "xm"),
    ("百里", "baili", "bl"),
    ("东郭", "dongguo", "dg"),
    ("拓跋", "tuoba", "tb"),
    ("钟离", "zhongli", "zl"),
    ("宗政", "zongzheng", "zz"),
    ("濮阳", "puyang", "py"),
    ("淳于", "chunyu", "cy"),
    ("单于", "chanyu", "cy"),
    ("公羊", "gongyang", "gy"),
    ("左丘", "zuoqiu", "zq"),
];

/// Single-character surnames whose surname reading differs from the
/// dictionary's default reading of the character.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('区', "ou"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('查', "zha"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('尉', "yu"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('覃', "qin"),
    ('种', "chong"),
    ('召', "shao"),
    ('秘', "bi"),
    ('繁', "po"),
    ('员', "yun"),
    ('句', "gou"),
    ('华', "hua"),
    ('任', "ren"),
    ('沈', "shen"),
    ('柏', "bai"),
    ('长', "chang"),
    ('重', "chong"),
    ('隗', "wei"),
    ('黑', "he"),
    ('那', "na"),
    ('冼', "xian"),
    ('折', "she"),
    ('朝', "chao"),
    ('万', "wan"),
    ('藏', "zang"),
    ('便', "pian"),
    ('阚', "kan"),
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Whether the name is written in Chinese characters (vs. a Latin name).
pub fn is_chinese(name: &str) -> bool {
    name.chars().next().is_some_and(is_cjk)
}

/// Split a Chinese name into surname and given name: 欧阳娜娜 → (欧阳, 娜娜),
/// 李美华 → (李, 美华). A Latin name has no surname here: ("", name).
pub fn split_surname(name: &str) -> (&str, &str) {
    let name = name.trim();
    if !is_chinese(name) {
        return ("", name);
    }
    for (compound, _, _) in COMPOUND_SURNAMES {
        if let Some(rest) = name.strip_prefix(compound)
            && !rest.is_empty()
        {
            return (&name[..compound.len()], rest);
        }
    }
    let first = name.chars().next().map_or(0, char::len_utf8);
    (&name[..first], &name[first..])
}

/// Pinyin of a name for search: (initials, full), lowercase, no tones, no
/// spaces. 李美华 → ("lmh", "limeihua"); 曾小红 → ("zxh", "zengxiaohong");
/// 欧阳娜娜 → ("oynn", "ouyangnana"). Latin letters and digits are kept as
/// they are (lowercased); other characters are dropped.
pub fn pinyin_of(name: &str) -> (String, String) {
    let name = name.trim();
    let mut initials = String::new();
    let mut full = String::new();
    let (surname, given) = split_surname(name);
    let mut rest = name;
    if !surname.is_empty() {
        if let Some((_, py, ini)) = COMPOUND_SURNAMES.iter().find(|(s, _, _)| *s == surname) {
            full.push_str(py);
            initials.push_str(ini);
            rest = given;
        } else if let Some(c) = surname.chars().next()
            && let Some((_, py)) = SURNAME_READINGS.iter().find(|(s, _)| *s == c)
        {
            full.push_str(py);
            initials.push_str(&py[..1]);
            rest = given;
        }
    }
    let mut in_word = false;
    for c in rest.chars() {
        if is_cjk(c) {
            if let Some(p) = c.to_pinyin() {
                // ü is typed as v on every Chinese keyboard (吕 → lv).
                full.push_str(&p.plain().replace('ü', "v"));
                initials.push_str(p.first_letter());
            }
            in_word = false;
        } else if c.is_ascii_alphanumeric() {
            let lower = c.to_ascii_lowercase();
            full.push(lower);
            if !in_word {
                initials.push(lower);
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    (initials, full)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Gender {
        match s {
            "female" => Gender::Female,
            "male" => Gender::Male,
            _ => Gender::Unknown,
        }
    }
}

/// How the shop addresses customers: 李姐 / 王哥 (familiar, as the manuals'
/// "您好，李姐，感谢光临") or 李女士 / 王先生 (formal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GreetingStyle {
    Familiar,
    Formal,
}

impl GreetingStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            GreetingStyle::Familiar => "familiar",
            GreetingStyle::Formal => "formal",
        }
    }
    pub fn parse(s: &str) -> GreetingStyle {
        if s == "formal" {
            GreetingStyle::Formal
        } else {
            GreetingStyle::Familiar
        }
    }
}

/// How to address the customer at the desk. A salutation written on the card
/// wins; otherwise surname + 姐/哥 or 女士/先生 by gender and shop style; a
/// customer of unknown gender, or with a Latin name, is addressed by name.
pub fn form_of_address(
    name: &str,
    gender: Gender,
    style: GreetingStyle,
    salutation: &str,
) -> String {
    let salutation = salutation.trim();
    if !salutation.is_empty() {
        return salutation.to_string();
    }
    let (surname, _) = split_surname(name);
    if surname.is_empty() {
        return name.trim().to_string();
    }
    let suffix = match (gender, style) {
        (Gender::Female, GreetingStyle::Familiar) => "姐",
        (Gender::Female, GreetingStyle::Formal) => "女士",
        (Gender::Male, GreetingStyle::Familiar) => "哥",
        (Gender::Male, GreetingStyle::Formal) => "先生",
        (Gender::Unknown, _) => return name.trim().to_string(),
    };
    format!("{surname}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("李美华", "李", "美华")]
    #[case("欧阳娜娜", "欧阳", "娜娜")]
    #[case("司马光", "司马", "光")]
    #[case("诸葛亮", "诸葛", "亮")]
    #[case("王芳", "王", "芳")]
    #[case("欧阳", "欧", "阳")] // a two-character name that only looks compound
    #[case("Anna Smith", "", "Anna Smith")]
    fn surnames_are_split_with_compound_surnames_kept_whole(
        #[case] name: &str,
        #[case] surname: &str,
        #[case] given: &str,
    ) {
        assert_eq!(split_surname(name), (surname, given));
    }

    #[rstest]
    #[case("李美华", "lmh", "limeihua")]
    #[case("曾小红", "zxh", "zengxiaohong")]
    #[case("单雪梅", "sxm", "shanxuemei")]
    #[case("解晓东", "xxd", "xiexiaodong")]
    #[case("区家明", "ojm", "oujiaming")]
    #[case("仇英", "qy", "qiuying")]
    #[case("欧阳娜娜", "oynn", "ouyangnana")]
    #[case("尉迟敬德", "ycjd", "yuchijingde")]
    #[case("万俟丽", "mql", "moqili")]
    #[case("Anna Li", "al", "annali")]
    #[case("吕英丽", "lyl", "lvyingli")] // ü typed as v
    #[case("女娲", "nw", "nvwa")]
    fn pinyin_uses_surname_readings(
        #[case] name: &str,
        #[case] initials: &str,
        #[case] full: &str,
    ) {
        assert_eq!(pinyin_of(name), (initials.to_string(), full.to_string()));
    }

    #[rstest]
    #[case("李美华", Gender::Female, GreetingStyle::Familiar, "", "李姐")]
    #[case("李美华", Gender::Female, GreetingStyle::Formal, "", "李女士")]
    #[case("王强", Gender::Male, GreetingStyle::Familiar, "", "王哥")]
    #[case("王强", Gender::Male, GreetingStyle::Formal, "", "王先生")]
    #[case("欧阳娜娜", Gender::Female, GreetingStyle::Formal, "", "欧阳女士")]
    #[case("陈晓", Gender::Unknown, GreetingStyle::Familiar, "", "陈晓")]
    #[case("李美华", Gender::Female, GreetingStyle::Familiar, "华姐", "华姐")]
    #[case("Anna Li", Gender::Female, GreetingStyle::Formal, "", "Anna Li")]
    fn the_desk_addresses_customers_by_surname_gender_and_shop_style(
        #[case] name: &str,
        #[case] gender: Gender,
        #[case] style: GreetingStyle,
        #[case] salutation: &str,
        #[case] want: &str,
    ) {
        assert_eq!(form_of_address(name, gender, style, salutation), want);
    }
}
