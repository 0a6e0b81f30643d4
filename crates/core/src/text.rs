//! Text as people type and import it: the one place that decides how typed
//! text is tidied before it is validated, stored or matched.
//!
//! Chinese input methods and spreadsheets produce full-width forms (１３８,
//! ＶＩＰ, the ideographic space 　), which look the same on screen but would
//! never match or validate. [`fold`] applies Unicode NFKC, which maps every
//! full-width digit, letter and punctuation mark to its ASCII form and the
//! ideographic space to a space (and CJK compatibility ideographs to the
//! unified ones). It is for text that is *matched or validated*: names,
//! phones, card and staff numbers, PINs, search queries, imported dates and
//! codes, categories. Free text (notes, allergies, comments) is stored as
//! written: its full-width Chinese punctuation (，。) is meant.
//!
//! Person names follow one rule ([`person_name`]): a Chinese name carries no
//! inner spaces (仇  静 is 仇静); a Latin-script name keeps single spaces
//! (Anna  Li is Anna Li); the middle dot of a transliterated name is written
//! `·` with no spaces around it (阿依古丽 · 买买提 is 阿依古丽·买买提).

use unicode_normalization::UnicodeNormalization;

/// Full-width forms to ASCII, the ideographic space to a space, and
/// invisible characters (zero-width spaces, a stray BOM) dropped.
pub fn fold(s: &str) -> String {
    s.nfkc().filter(|c| !is_invisible(*c)).collect()
}

/// Zero-width and byte-order marks that sneak in from spreadsheets and web
/// pages and make two equal-looking strings differ.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// A Han character (the unified ideographs and their extensions).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The ways people type the middle dot of a transliterated name.
fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '∙' | '⋅' | '･')
}

/// A person's name as it is stored and matched (see the module header):
/// folded, trimmed, no spaces inside Chinese, single spaces between Latin
/// words, `·` for the middle dot without spaces around it.
pub fn person_name(s: &str) -> String {
    let folded: String = fold(s)
        .chars()
        .map(|c| if is_name_dot(c) { '·' } else { c })
        .collect();
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if let (Some(before), Some(after)) = (out.chars().last(), word.chars().next()) {
            let joined = (is_cjk(before) && is_cjk(after)) || before == '·' || after == '·';
            if !joined {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    out
}

/// Whether two names are the same name under [`person_name`] (the typed
/// confirmation before erasing a card, duplicate warnings).
pub fn same_name(a: &str, b: &str) -> bool {
    person_name(a) == person_name(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("１３６１２３４５６７８", "13612345678")]
    #[case("ＶＩＰ００１２", "VIP0012")]
    #[case("ａｂｃ－１", "abc-1")]
    #[case("（０１０）", "(010)")]
    #[case("１９９０／５／１２", "1990/5/12")]
    #[case("李\u{3000}美华", "李 美华")]
    #[case("13\u{200B}8", "138")]
    #[case("\u{FEFF}姓名", "姓名")]
    fn full_width_forms_fold_to_ascii(#[case] typed: &str, #[case] want: &str) {
        assert_eq!(fold(typed), want);
    }

    #[rstest]
    #[case("仇  静", "仇静")]
    #[case(" 仇 静 ", "仇静")]
    #[case("仇\u{3000}静", "仇静")]
    #[case("欧阳 娜 娜", "欧阳娜娜")]
    #[case("Anna   Li", "Anna Li")]
    #[case("ＡＮＮＡ　ＬＩ", "ANNA LI")]
    #[case("\tAnna\u{00A0}Li ", "Anna Li")]
    #[case("李 Anna", "李 Anna")]
    #[case("阿依古丽 · 买买提", "阿依古丽·买买提")]
    #[case("阿依古丽•买买提", "阿依古丽·买买提")]
    #[case("阿依古丽・买买提", "阿依古丽·买买提")]
    #[case("李美华", "李美华")]
    fn names_have_no_spaces_inside_chinese_and_single_spaces_between_latin_words(
        #[case] typed: &str,
        #[case] want: &str,
    ) {
        assert_eq!(person_name(typed), want);
    }

    #[test]
    fn free_text_punctuation_is_not_touched_by_the_name_rule_alone() {
        // fold is for matched text; a note keeps its full-width comma because
        // notes are never passed through it.
        assert_eq!(fold("，"), ",");
        assert!(same_name("仇 静", "仇静"));
        assert!(!same_name("仇静", "仇晶"));
    }
}
