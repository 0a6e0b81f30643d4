//! The core's modules form a straight line: each may use only the modules
//! listed before it in docs/ARCHITECTURE.md ("Layers"). This test reads that
//! list, checks it names every module of `lib.rs` once, and scans every source
//! file for `crate::<module>` paths (comments aside), failing on any that
//! points up the line.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const START: &str = "<!-- layers -->";
const END: &str = "<!-- /layers -->";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The module names of the numbered list between the layer markers, in order:
/// each item starts with the module in backticks ("3. `ids` — …").
fn documented_layers(doc: &str) -> Vec<String> {
    let start = doc
        .find(START)
        .expect("docs/ARCHITECTURE.md has a layers block");
    let end = doc[start..].find(END).expect("the layers block is closed") + start;
    doc[start + START.len()..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let (num, rest) = l.split_once(". ")?;
            num.parse::<u32>().ok()?;
            let rest = rest.strip_prefix('`')?;
            Some(rest[..rest.find('`')?].to_string())
        })
        .collect()
}

fn declared_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

/// Source without comments (`//` to the end of the line, unless inside a
/// string literal on that line, as in a URL).
fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for line in src.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// The crate modules a source file names: `crate::m…`, `frontdesk_core::m…`
/// and each head of `use crate::{a, b::c}`.
fn referenced_modules(src: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let src = strip_comments(src);
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for prefix in ["crate::", "frontdesk_core::"] {
        for (i, _) in src.match_indices(prefix) {
            let before = src[..i].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue; // e.g. `my_crate::`
            }
            let rest = &src[i + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // The heads of a group: the start and each comma at depth 0.
                found.insert(ident(group.trim_start()));
                let mut depth = 0;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            found.insert(ident(group[j + 1..].trim_start()));
                        }
                        _ => {}
                    }
                }
            } else {
                found.insert(ident(rest));
            }
        }
    }
    found.retain(|m| modules.contains(m));
    found
}

/// The top-level module a source file belongs to (`visits/stages.rs` → `visits`).
fn owner_of(rel: &Path) -> String {
    rel.components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .expect("a file name")
        .trim_end_matches(".rs")
        .to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_the_modules_below_it() {
    let doc = fs::read_to_string(root().join("../../docs/ARCHITECTURE.md"))
        .expect("docs/ARCHITECTURE.md");
    let layers = documented_layers(&doc);
    let src = root().join("src");
    let modules = declared_modules(&fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let listed: BTreeSet<String> = layers.iter().cloned().collect();
    assert_eq!(
        listed.len(),
        layers.len(),
        "a module is listed twice: {layers:?}"
    );
    assert_eq!(
        listed, modules,
        "the layers in docs/ARCHITECTURE.md must name every module of lib.rs"
    );
    let rank = |m: &str| layers.iter().position(|l| l == m).expect("listed");

    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    let mut edges = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let owner = owner_of(rel);
        if owner == "lib" {
            continue;
        }
        let text = fs::read_to_string(file).expect("readable source");
        for used in referenced_modules(&text, &modules) {
            if used == owner {
                continue;
            }
            edges += 1;
            if rank(&used) > rank(&owner) {
                upward.push(format!(
                    "{} uses `{used}`, which is above `{owner}`",
                    rel.display()
                ));
            }
        }
    }
    // The scan sees the imports that are there (a blind scan would pass).
    assert!(edges > 50, "only {edges} imports found: the scan is broken");
    assert!(
        upward.is_empty(),
        "imports up the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_scan_finds_paths_groups_and_ignores_comments() {
    let modules: BTreeSet<String> = ["visits", "customers", "staff", "money", "audit"]
        .into_iter()
        .map(String::from)
        .collect();
    let src = r#"
        use crate::{customers::{self, check_active}, staff::Session};
        let x = crate::money::Fen(1); // crate::visits is only mentioned
        /// See [`crate::audit`].
        let url = "https://example.com/crate::nothing";
        let y = other_crate::visits::x;
    "#;
    let found = referenced_modules(src, &modules);
    let want: BTreeSet<String> = ["customers", "staff", "money"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, want);
}

#[test]
fn the_documented_list_is_read_in_order() {
    let doc = "x\n<!-- layers -->\n1. `clock` — time\n2. `text`: typed text\nnot an item\n3. `ids`\n<!-- /layers -->\n4. `after`";
    assert_eq!(documented_layers(doc), ["clock", "text", "ids"]);
}

/// The tables a source file writes (INSERT INTO, UPDATE, DELETE FROM, REPLACE
/// INTO), outside its tests.
fn written_tables(src: &str) -> BTreeSet<String> {
    let src = match src.find("#[cfg(test)]") {
        Some(i) => &src[..i],
        None => src,
    };
    let words: Vec<&str> = src
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = BTreeSet::new();
    for (i, w) in words.iter().enumerate() {
        let table = match *w {
            "INTO" if i > 0 && matches!(words[i - 1], "INSERT" | "REPLACE" | "IGNORE") => {
                words.get(i + 1)
            }
            "UPDATE" => words.get(i + 1),
            "FROM" if i > 0 && words[i - 1] == "DELETE" => words.get(i + 1),
            _ => None,
        };
        if let Some(t) = table.filter(|t| t.chars().all(|c| c.is_ascii_lowercase() || c == '_')) {
            out.insert((*t).to_string());
        }
    }
    out
}

#[test]
fn each_table_is_written_by_one_module() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut writers: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let owner = owner_of(rel);
        // Migrations (schema's SQL steps) and the demo seed may touch any table.
        if ["schema", "demo", "storage"].contains(&owner.as_str()) {
            continue;
        }
        let text = fs::read_to_string(file).expect("readable source");
        for t in written_tables(&text) {
            writers.entry(t).or_default().insert(owner.clone());
        }
    }
    assert!(
        writers.contains_key("visits") && writers.contains_key("sv_ledger"),
        "the scan finds no writes: it is broken ({writers:?})"
    );
    let shared: Vec<String> = writers
        .iter()
        .filter(|(_, w)| w.len() > 1)
        .map(|(t, w)| format!("{t} is written by {w:?}"))
        .collect();
    assert!(
        shared.is_empty(),
        "tables with more than one writer:\n{}",
        shared.join("\n")
    );
}

#[test]
fn the_write_scan_sees_each_kind_of_write() {
    let src = r#"
        tx.execute("INSERT INTO visits (a) VALUES (?1)", [])?;
        tx.execute("INSERT OR IGNORE INTO tags (a) VALUES (1)", [])?;
        tx.execute("UPDATE customers SET name = ?2", [])?;
        tx.execute("DELETE FROM customer_search WHERE id = 1", [])?;
        tx.execute("SELECT x FROM reads_only", [])?;
        #[cfg(test)]
        tx.execute("DELETE FROM only_in_tests", [])?;
    "#;
    let want: BTreeSet<String> = ["visits", "tags", "customers", "customer_search"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(written_tables(src), want);
}
