//! Chinese names: the surname (compound ones kept whole), the name's pinyin
//! readings for search (see [`super::readings`]), and how the desk addresses
//! the customer.

use super::readings;
use crate::shop::GreetingStyle;
use crate::text::is_cjk;

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
    if let Some(compound) = readings::compound_surname(name) {
        return (compound, &name[compound.len()..]);
    }
    let first = name.chars().next().map_or(0, char::len_utf8);
    (&name[..first], &name[first..])
}

/// Pinyin of a name for search: (initials, full), lowercase, no tones, no
/// spaces within a reading. A name read more than one way lists every
/// reading, space-separated, primary first: 乐乐 → ("yl ll", "yuele lele").
/// 李美华 → ("lmh", "limeihua"); 欧阳娜娜 → ("oynn", "ouyangnana"). Latin
/// letters and digits are kept as they are (lowercased).
pub fn pinyin_of(name: &str) -> (String, String) {
    let mut initials: Vec<String> = Vec::new();
    let mut full: Vec<String> = Vec::new();
    for r in readings::readings(name) {
        if !initials.contains(&r.initials) {
            initials.push(r.initials);
        }
        if !full.contains(&r.full) {
            full.push(r.full);
        }
    }
    (initials.join(" "), full.join(" "))
}

crate::text_enum! {
    pub enum Gender {
        Female = "female",
        Male = "male",
        Unknown = "unknown",
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
        let (i, f) = pinyin_of(name);
        let primary = |s: &str| s.split(' ').next().unwrap_or("").to_string();
        assert_eq!(
            (primary(&i), primary(&f)),
            (initials.to_string(), full.to_string())
        );
    }

    #[test]
    fn a_name_read_two_ways_lists_both_readings() {
        // 乐 as a surname is yuè or lè; 长生 is chángshēng as a word, and
        // its 长 may still be read zhǎng.
        let (i, f) = pinyin_of("乐长生");
        assert_eq!(i, "ycs yzs lcs lzs");
        assert_eq!(f, "yuechangsheng yuezhangsheng lechangsheng lezhangsheng");
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
