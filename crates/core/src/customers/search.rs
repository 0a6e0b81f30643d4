//! Finding a customer as the receptionist types: any 4+ consecutive digits of
//! the mobile, any part of a Chinese name (one or two characters included),
//! pinyin initials and full pinyin by prefix, an exact card number.
//!
//! SQLite's FTS5 trigram tokenizer cannot match 1–2 character queries, and
//! most Chinese names are 2–3 characters, so the shop keeps its own index
//! (`customer_search`): one row per (term, rank, customer), where a term is a
//! name character or bigram, a 4-digit run of the phone, or the name's pinyin
//! initials / full pinyin (searched by key range for prefixes). `rank` 0 marks
//! the better kind of hit (the name's start, the phone's last four), so a scan
//! in index order meets the best hits first and stops after `limit`.
//!
//! Whether a customer matches is decided by one function, [`match_kind`], for
//! both the indexed search and the brute-force [`scan`] the tests compare it with;
//! the index only has to propose every candidate.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use super::CustomerId;
use super::names;
use crate::error::Result;

/// How a customer matched, best first (the order results are ranked in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchKind {
    /// The whole mobile number.
    ExactPhone,
    /// The member card number (what a card scanner types).
    ExactCard,
    /// The end of the mobile (usually its last four digits).
    PhoneSuffix,
    /// Digits elsewhere in the mobile.
    Phone,
    /// The whole name.
    NameExact,
    /// The start of the name (the surname, usually).
    NamePrefix,
    /// Characters elsewhere in the name.
    Name,
    /// Exactly the name's pinyin initials (lmh).
    Initials,
    /// The start of the pinyin or the initials (limei, lm).
    Pinyin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Digits(String),
    Cjk(String),
    Latin(String),
}

/// A parsed search: the tokens typed (`li 5678` → Latin "li", Digits "5678")
/// and the whole query as a card number would be written.
#[derive(Debug, Clone)]
pub struct Query {
    tokens: Vec<Token>,
    card: String,
}

impl Query {
    /// Full-width forms are folded first (１３８ is 138). Spaces and middle
    /// dots between Chinese characters, or between letters, do not split a
    /// token (仇 静 is 仇静, "li mei hua" is limeihua), since names and their
    /// readings are stored without them.
    pub fn parse(q: &str) -> Query {
        let folded = crate::text::fold(q);
        let mut tokens: Vec<Token> = Vec::new();
        let mut current: Option<Token> = None;
        for c in folded.chars() {
            let class = if c.is_ascii_digit() {
                1
            } else if c.is_ascii_alphabetic() {
                2
            } else if crate::text::is_cjk(c) {
                3
            } else {
                0
            };
            // Spaces (and dots) inside a name or its pinyin keep the token
            // open: 仇 静 is 仇静, "li mei hua" and "Anna Smith" are one
            // pinyin run. A character of another kind closes it.
            if class == 0
                && matches!(current, Some(Token::Cjk(_) | Token::Latin(_)))
                && (c.is_whitespace() || c == '·')
            {
                continue;
            }
            let same = matches!(
                (&current, class),
                (Some(Token::Digits(_)), 1) | (Some(Token::Latin(_)), 2) | (Some(Token::Cjk(_)), 3)
            );
            if !same && let Some(t) = current.take() {
                tokens.push(t);
            }
            match (&mut current, class) {
                (Some(Token::Digits(s)), 1) => s.push(c),
                (Some(Token::Latin(s)), 2) => s.push(c.to_ascii_lowercase()),
                (Some(Token::Cjk(s)), 3) => s.push(c),
                (None, 1) => current = Some(Token::Digits(c.to_string())),
                (None, 2) => current = Some(Token::Latin(c.to_ascii_lowercase().to_string())),
                (None, 3) => current = Some(Token::Cjk(c.to_string())),
                _ => {}
            }
        }
        if let Some(t) = current {
            tokens.push(t);
        }
        Query {
            tokens,
            card: normalise_card(&folded),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty() && self.card.is_empty()
    }

    /// Only short digit groups (`56`, `12 34`): too early to search phones;
    /// only a card number can match.
    fn card_only(&self) -> bool {
        self.tokens
            .iter()
            .all(|t| matches!(t, Token::Digits(d) if d.len() < 4))
    }

    /// The token that drives the search: the most selective one.
    fn primary(&self) -> Option<&Token> {
        let score = |t: &Token| match t {
            Token::Digits(d) if d.len() >= 4 => 6,
            Token::Cjk(s) if s.chars().count() >= 2 => 5,
            Token::Latin(s) if s.len() >= 3 => 4,
            Token::Cjk(_) => 3,
            Token::Latin(_) => 2,
            Token::Digits(_) => 1,
        };
        self.tokens.iter().max_by_key(|t| score(t))
    }
}

/// Card numbers are compared folded (ＶＩＰ is VIP), without spaces or
/// dashes, upper-case.
pub fn normalise_card(s: &str) -> String {
    crate::text::fold(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// The fields of a customer the search looks at.
#[derive(Debug, Clone)]
pub struct Searchable {
    pub id: CustomerId,
    pub name: String,
    pub phone: Option<String>,
    pub card_no: Option<String>,
    pub initials: String,
    pub pinyin: String,
}

fn token_kind(t: &Token, c: &Searchable) -> Option<MatchKind> {
    match t {
        Token::Digits(d) => {
            let phone = c.phone.as_deref().unwrap_or("");
            if phone == d {
                Some(MatchKind::ExactPhone)
            } else if c.card_no.as_deref() == Some(d.as_str()) {
                Some(MatchKind::ExactCard)
            } else if !phone.is_empty() && phone.ends_with(d.as_str()) {
                Some(MatchKind::PhoneSuffix)
            } else if phone.contains(d.as_str()) {
                Some(MatchKind::Phone)
            } else {
                None
            }
        }
        // Chinese is matched without the middle dot of a transliterated
        // name: nobody types 阿依古丽·买买提's dot at the desk.
        Token::Cjk(s) => {
            let name = c.name.replace('·', "");
            if name == *s {
                Some(MatchKind::NameExact)
            } else if name.starts_with(s.as_str()) {
                Some(MatchKind::NamePrefix)
            } else if name.contains(s.as_str()) {
                Some(MatchKind::Name)
            } else {
                None
            }
        }
        // A name read several ways lists every reading, space-separated.
        Token::Latin(s) => {
            if c.initials.split(' ').any(|i| i == s) {
                Some(MatchKind::Initials)
            } else if c.initials.split(' ').any(|i| i.starts_with(s.as_str()))
                || c.pinyin.split(' ').any(|p| p.starts_with(s.as_str()))
            {
                Some(MatchKind::Pinyin)
            } else {
                None
            }
        }
    }
}

/// Whether (and how) `c` matches `q`: an exact card number always matches;
/// otherwise every token must match, and the primary token says how.
pub fn match_kind(q: &Query, c: &Searchable) -> Option<MatchKind> {
    if !q.card.is_empty() && c.card_no.as_deref() == Some(q.card.as_str()) {
        return Some(MatchKind::ExactCard);
    }
    if q.card_only() {
        return None;
    }
    let primary = q.primary()?;
    let kind = token_kind(primary, c)?;
    for t in &q.tokens {
        if !std::ptr::eq(t, primary) && token_kind(t, c).is_none() {
            return None;
        }
    }
    Some(kind)
}

// ------------------------------------------------------------------ the index

/// The index rows of a customer: (term, rank), each term once with its best rank.
pub fn terms(name: &str, phone: Option<&str>, initials: &str, pinyin: &str) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    let mut push = |term: String, rank: i64| match out.iter_mut().find(|(t, _)| *t == term) {
        Some((_, r)) => *r = (*r).min(rank),
        None => out.push((term, rank)),
    };
    let chars: Vec<char> = name
        .chars()
        .filter(|c| names::is_chinese(&c.to_string()))
        .collect();
    let starts_cjk = names::is_chinese(name);
    for (i, c) in chars.iter().enumerate() {
        let at_start = i == 0 && starts_cjk;
        push(format!("n{c}"), if at_start { 0 } else { 1 });
        if let Some(next) = chars.get(i + 1) {
            push(format!("n{c}{next}"), if at_start { 0 } else { 1 });
        }
    }
    if let Some(phone) = phone {
        let digits = phone.as_bytes();
        if digits.len() >= 4 {
            for i in 0..=digits.len() - 4 {
                let gram = &phone[i..i + 4];
                push(
                    format!("p{gram}"),
                    if i + 4 == digits.len() { 0 } else { 1 },
                );
            }
        }
    }
    for reading in initials.split(' ').filter(|r| !r.is_empty()) {
        push(format!("i{reading}"), 0);
    }
    for reading in pinyin.split(' ').filter(|r| !r.is_empty()) {
        push(format!("f{reading}"), 0);
    }
    out
}

pub(crate) fn index(conn: &Connection, c: &Searchable) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO customer_search (term, rank, customer_id) VALUES (?1, ?2, ?3)",
    )?;
    for (term, rank) in terms(&c.name, c.phone.as_deref(), &c.initials, &c.pinyin) {
        stmt.execute(params![term, rank, c.id.0])?;
    }
    Ok(())
}

/// Remove the rows `index` wrote for these (old) values.
pub(crate) fn unindex(conn: &Connection, c: &Searchable) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "DELETE FROM customer_search WHERE term = ?1 AND rank = ?2 AND customer_id = ?3",
    )?;
    for (term, rank) in terms(&c.name, c.phone.as_deref(), &c.initials, &c.pinyin) {
        stmt.execute(params![term, rank, c.id.0])?;
    }
    Ok(())
}

/// Rebuild the whole index (and each card's stored readings) from the
/// customers' names, phones and card numbers, tidying each name by the name
/// rule first. A migration step runs it whenever the way names are read or
/// stored changes (`crate::schema`), so every file matches the app's rules.
/// Returns how many customers were indexed.
pub(crate) fn rebuild_index(conn: &Connection) -> Result<usize> {
    conn.execute("DELETE FROM customer_search", [])?;
    let all: Vec<(i64, String, Option<String>, Option<String>)> = conn
        .prepare(
            "SELECT id, name, phone, card_no FROM customers
             WHERE erased_at IS NULL AND name <> ''",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare(
        "UPDATE customers SET name = ?2, name_initials = ?3, name_pinyin = ?4 WHERE id = ?1",
    )?;
    for (id, name, phone, card_no) in &all {
        let name = crate::text::person_name(name);
        let (initials, pinyin) = names::pinyin_of(&name);
        update.execute(params![id, name, initials, pinyin])?;
        index(
            conn,
            &Searchable {
                id: CustomerId(*id),
                name,
                phone: phone.clone(),
                card_no: card_no.clone(),
                initials,
                pinyin,
            },
        )?;
    }
    Ok(all.len())
}

// ------------------------------------------------------------------ searching

fn load(conn: &Connection, id: i64) -> Result<Option<Searchable>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, phone, card_no, name_initials, name_pinyin FROM customers
         WHERE id = ?1 AND erased_at IS NULL",
    )?;
    Ok(stmt
        .query_row([id], |r| {
            Ok(Searchable {
                id: CustomerId(id),
                name: r.get(0)?,
                phone: r.get(1)?,
                card_no: r.get(2)?,
                initials: r.get(3)?,
                pinyin: r.get(4)?,
            })
        })
        .optional()?)
}

struct Collector<'a> {
    conn: &'a Connection,
    query: &'a Query,
    limit: usize,
    seen: HashSet<i64>,
    hits: Vec<(CustomerId, MatchKind)>,
}

impl Collector<'_> {
    fn full(&self) -> bool {
        self.hits.len() >= self.limit
    }

    fn offer(&mut self, id: i64) -> Result<()> {
        if !self.seen.insert(id) {
            return Ok(());
        }
        if let Some(c) = load(self.conn, id)?
            && let Some(kind) = match_kind(self.query, &c)
        {
            self.hits.push((c.id, kind));
        }
        Ok(())
    }

    /// Offer the customers of one SQL stream, in its order, until full.
    fn stream(&mut self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<()> {
        if self.full() {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(args)?;
        while let Some(row) = rows.next()? {
            self.offer(row.get(0)?)?;
            if self.full() {
                break;
            }
        }
        Ok(())
    }
}

/// Marks where the index probes end and the customer-row conditions begin.
const ROW_CONDITIONS: &str = " /* row */";

/// The SQL conditions every token puts on a candidate `c` (a `customers` row),
/// so rows that cannot match never leave SQLite. They say the same as
/// [`token_kind`] being `Some` for every token; [`match_kind`] still decides.
///
/// With `indexed`, a token's other index terms (each further bigram of a name
/// fragment, the first four of a long digit run) are also required of the
/// candidate `s` as index-only probes, which SQLite checks before it reads the
/// customer's row: a three-character name or an 8-digit card number then
/// reads a handful of rows instead of hundreds.
fn token_conditions(q: &Query, first_param: usize, indexed: bool) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut params = Vec::new();
    if indexed {
        let mut probes: Vec<String> = Vec::new();
        for t in &q.tokens {
            match t {
                Token::Cjk(s) => {
                    let chars: Vec<char> = s.chars().collect();
                    for w in chars.windows(2).skip(1) {
                        probes.push(format!("n{}{}", w[0], w[1]));
                    }
                }
                Token::Digits(d) if d.len() >= 5 => probes.push(format!("p{}", &d[..4])),
                _ => {}
            }
        }
        for term in probes {
            let n = first_param + params.len();
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM customer_search t
                   WHERE t.term = ?{n} AND t.rank IN (0, 1) AND t.customer_id = s.customer_id)"
            ));
            params.push(term);
        }
    }
    sql.push_str(ROW_CONDITIONS);
    for t in &q.tokens {
        let n = first_param + params.len();
        match t {
            Token::Digits(d) => {
                sql.push_str(&format!(
                    " AND (instr(coalesce(c.phone, ''), ?{n}) > 0 OR c.card_no = ?{n})"
                ));
                params.push(d.clone());
            }
            Token::Cjk(s) => {
                sql.push_str(&format!(" AND instr(replace(c.name, '·', ''), ?{n}) > 0"));
                params.push(s.clone());
            }
            // Any reading starting with the letters (readings are
            // space-separated, so " " || letters finds a reading's start).
            Token::Latin(s) => {
                sql.push_str(&format!(
                    " AND (instr(' ' || c.name_initials, ?{n}) > 0 OR instr(' ' || c.name_pinyin, ?{n}) > 0)"
                ));
                params.push(format!(" {s}"));
            }
        }
    }
    (sql, params)
}

/// Where candidates come from: one index term, or a key range of terms.
#[derive(Debug, Clone)]
enum Source {
    Term(String),
    Range(String, String),
}

/// Index rows under a source, counted up to `cap` (index-only, cheap).
fn rows_under(conn: &Connection, source: &Source, cap: usize) -> Result<usize> {
    let n: i64 = match source {
        Source::Term(t) => conn
            .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE term = ?1 LIMIT ?2)")?
            .query_row(params![t, cap as i64], |r| r.get(0))?,
        Source::Range(a, b) => conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE term >= ?1 AND term < ?2 LIMIT ?3)",
            )?
            .query_row(params![a, b, cap as i64], |r| r.get(0))?,
    };
    Ok(n as usize)
}

/// The ways to find every candidate for one token: each entry is a complete
/// set of sources on its own (any 4-digit run of a digit fragment, any bigram
/// of a name fragment; a pinyin fragment needs both its ranges). The first
/// entry is the one whose index order follows the ranking.
fn alternatives(t: &Token) -> Vec<Vec<Source>> {
    match t {
        // Fewer than four digits have no index term: they only filter.
        Token::Digits(d) if d.len() < 4 => Vec::new(),
        Token::Digits(d) => {
            let mut grams: Vec<Vec<Source>> = (0..=d.len() - 4)
                .rev()
                .map(|i| vec![Source::Term(format!("p{}", &d[i..i + 4]))])
                .collect();
            grams.dedup_by(
                |a, b| matches!((&a[0], &b[0]), (Source::Term(x), Source::Term(y)) if x == y),
            );
            grams
        }
        Token::Cjk(s) => {
            let chars: Vec<char> = s.chars().collect();
            if chars.len() == 1 {
                vec![vec![Source::Term(format!("n{s}"))]]
            } else {
                chars
                    .windows(2)
                    .map(|w| vec![Source::Term(format!("n{}{}", w[0], w[1]))])
                    .collect()
            }
        }
        Token::Latin(l) => vec![vec![
            Source::Range(format!("i{l}"), format!("i{l}{{")),
            Source::Range(format!("f{l}"), format!("f{l}{{")),
        ]],
    }
}

/// Enough rows to tell a rare term from a common one.
const COUNT_CAP: usize = 1_500;

/// Stream candidates from one source, keeping those that pass every token's
/// condition.
fn index_stream(c: &mut Collector<'_>, source: &Source) -> Result<()> {
    let (conds, params) = token_conditions(c.query, 3, true);
    let (range, order, a, b) = match source {
        Source::Range(a, b) => (
            "s.term >= ?1 AND s.term < ?2",
            "s.term, s.rank, s.customer_id",
            a.as_str(),
            b.as_str(),
        ),
        Source::Term(t) => (
            "s.term = ?1 AND ?2 IS NOT NULL",
            "s.rank, s.customer_id",
            t.as_str(),
            "",
        ),
    };
    // The customer's own checks sit in a correlated scalar subquery on its
    // rowid. Written as a join (or an EXISTS, which SQLite turns into one), a
    // long index range makes SQLite build a Bloom filter over the whole
    // customers table first: a full scan, ~200 ms at a million customers.
    let (probes, row_conds) = conds.split_once(ROW_CONDITIONS).unwrap_or((&conds, ""));
    let sql = format!(
        "SELECT s.customer_id FROM customer_search s
         WHERE {range}{probes} AND (SELECT 1 FROM customers c
             WHERE c.id = s.customer_id AND c.erased_at IS NULL{row_conds}) IS NOT NULL
         ORDER BY {order}"
    );
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&a, &b];
    for p in &params {
        args.push(p);
    }
    c.stream(&sql, &args)
}

/// Up to `limit` customers matching `query`, best first (by [`MatchKind`],
/// then by the order the index meets them).
///
/// Candidates come from the rarest index term any token offers (counted,
/// capped, before the search). When that term is the primary token's ranking
/// term, the scan meets the best hits first and stops at `limit`; otherwise it
/// reads all of the (few) candidates and ranks them after.
pub fn search(
    conn: &Connection,
    query: &Query,
    limit: usize,
) -> Result<Vec<(CustomerId, MatchKind)>> {
    let mut c = Collector {
        conn,
        query,
        limit,
        seen: HashSet::new(),
        hits: Vec::new(),
    };
    if !query.card.is_empty() {
        c.stream(
            "SELECT id FROM customers WHERE card_no = ?1",
            &[&query.card],
        )?;
    }
    let primary = if query.card_only() {
        None
    } else {
        query.primary()
    };
    match primary {
        None => {}
        // Mobiles are exactly 11 digits: only an equal one can contain 11
        // digits, and none can contain more.
        Some(Token::Digits(d)) if d.len() > 11 => {}
        Some(Token::Digits(d)) if d.len() == 11 => {
            let (conds, params) = token_conditions(query, 2, false);
            let sql = format!("SELECT c.id FROM customers c WHERE c.phone = ?1{conds}");
            let mut args: Vec<&dyn rusqlite::ToSql> = vec![d];
            for p in &params {
                args.push(p);
            }
            c.stream(&sql, &args)?;
        }
        Some(primary) => {
            if let (Token::Cjk(s), 1) = (primary, query.tokens.len()) {
                // The whole name first, in the name index's own order, so it
                // stops at the limit (王芳 has a thousand namesakes).
                c.stream(
                    "SELECT id FROM customers WHERE name = ?1 AND erased_at IS NULL",
                    &[s],
                )?;
            }
            // The primary token's ranking alternative, and every other
            // token alternative that could be rarer.
            let Some(ranking) = alternatives(primary).into_iter().next() else {
                // A primary token without index terms (only short digits and
                // a card number, handled above) has nothing more to find.
                let mut hits = c.hits;
                hits.sort_by_key(|(_, kind)| *kind);
                hits.truncate(limit);
                return Ok(hits);
            };
            let mut best = (ranking.clone(), usize::MAX, true);
            let mut candidates: Vec<(Vec<Source>, bool)> = vec![(ranking, true)];
            for t in &query.tokens {
                for alt in alternatives(t) {
                    let same = |a: &[Source], b: &[Source]| format!("{a:?}") == format!("{b:?}");
                    if !candidates.iter().any(|(c, _)| same(c, &alt)) {
                        candidates.push((alt, false));
                    }
                }
            }
            // Only worth counting when there is a choice.
            if candidates.len() > 1 {
                for (alt, ranks) in candidates {
                    let mut n = 0;
                    for src in &alt {
                        n += rows_under(conn, src, COUNT_CAP)?;
                    }
                    // Prefer the ranking alternative on a tie.
                    if n < best.1 || (n == best.1 && ranks) {
                        best = (alt, n, ranks);
                    }
                }
            }
            let (sources, _, ranks) = best;
            if !ranks {
                c.limit = usize::MAX;
            }
            for src in &sources {
                index_stream(&mut c, src)?;
            }
        }
    }
    let mut hits = c.hits;
    hits.sort_by_key(|(_, kind)| *kind);
    hits.truncate(limit);
    Ok(hits)
}

/// Every customer matching `query`, by checking each one: the reference the
/// indexed [`search`] must agree with.
pub fn scan(conn: &Connection, query: &Query) -> Result<Vec<(CustomerId, MatchKind)>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, phone, card_no, name_initials, name_pinyin FROM customers
         WHERE erased_at IS NULL ORDER BY id",
    )?;
    let all = stmt
        .query_map([], |r| {
            Ok(Searchable {
                id: CustomerId(r.get(0)?),
                name: r.get(1)?,
                phone: r.get(2)?,
                card_no: r.get(3)?,
                initials: r.get(4)?,
                pinyin: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut hits: Vec<(CustomerId, MatchKind)> = all
        .iter()
        .filter_map(|c| match_kind(query, c).map(|k| (c.id, k)))
        .collect();
    hits.sort_by_key(|(id, kind)| (*kind, *id));
    Ok(hits)
}

#[cfg(test)]
mod tests;
