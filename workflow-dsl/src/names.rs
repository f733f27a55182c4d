//! Name checks: Distributed Map `Label` (rule V614), workflow variable names
//! (rule V910), and "did you mean" suggestions for misspelt names.

/// Longest `Label` AWS accepts, in characters.
const LABEL_MAX: usize = 40;
/// Longest variable name, in characters (ASL spec, "Variables").
const VARIABLE_MAX: usize = 80;

/// Why `label` is not a valid Map `Label` (rule V614), or `None` if it is.
///
/// AWS documents: at most 40 characters, and none of: whitespace, `?` `*`,
/// `<` `>` `{` `}` `[` `]`, `:` `;` `,` `\` `|` `^` `~` `$` `#` `%` `&` `` ` `` `"`,
/// control characters (U+0000–U+001F, U+007F–U+009F). The message names the
/// first offending character and its position.
#[must_use]
pub fn label_problem(label: &str) -> Option<String> {
    if label.is_empty() {
        return Some("the Label is empty; give the Map run a name of 1 to 40 characters".into());
    }
    for (position, c) in label.chars().enumerate() {
        let kind = if c.is_whitespace() {
            "whitespace"
        } else if c.is_control() {
            "a control character"
        } else if matches!(c, '?' | '*') {
            "a wildcard character"
        } else if matches!(c, '<' | '>' | '{' | '}' | '[' | ']') {
            "a bracket"
        } else if matches!(
            c,
            ':' | ';' | ',' | '\\' | '|' | '^' | '~' | '$' | '#' | '%' | '&' | '`' | '"'
        ) {
            "a special character"
        } else {
            continue;
        };
        return Some(format!(
            "the Label contains {kind}, {} at position {position} (0-based); \
             labels may not contain whitespace, `? *`, `< > {{ }} [ ]`, \
             `: ; , \\ | ^ ~ $ # % & ` \"` or control characters",
            describe(c)
        ));
    }
    let length = label.chars().count();
    (length > LABEL_MAX)
        .then(|| format!("the Label is {length} characters long; AWS allows at most {LABEL_MAX}"))
}

/// Why `name` is not a valid workflow variable name (rule V910), or `None`
/// if it is. `name` is an `Assign` key with any `.$` suffix already stripped.
/// The reserved name `states` is rule V912 and is not reported here.
///
/// The rule is the ASL specification's (UAX #31 default identifiers): the
/// first character is `ID_Start`, every other one `ID_Continue`, at most 80
/// characters. `_` is `ID_Continue` but not `ID_Start`, so `_x` is refused;
/// AWS's own behaviour for a leading `_` is unrecorded, and the spec is the
/// only source.
#[must_use]
pub fn variable_name_problem(name: &str) -> Option<String> {
    let Some(first) = name.chars().next() else {
        return Some("the variable name is empty; use an identifier such as `total`".into());
    };
    // An Assign key names a whole variable; paths are the usual mistake.
    if let Some((position, c)) = name
        .chars()
        .enumerate()
        .find(|(_, c)| matches!(c, '.' | '['))
    {
        let root: String = name.chars().take(position).collect();
        let fix = if root.is_empty() {
            String::new()
        } else {
            format!("; assign the whole value of `{root}` instead")
        };
        return Some(format!(
            "`{name}` is a path, not a variable name: {} at position {position} is not allowed \
             in an Assign key{fix}",
            describe(c)
        ));
    }
    if !unicode_ident::is_xid_start(first) && !is_id_not_xid(first) {
        let hint = if first == '_' || first.is_ascii_digit() || first == '$' {
            format!(
                "; start it with a letter, for example `v{}`",
                name.trim_start_matches('$')
            )
        } else {
            String::new()
        };
        return Some(format!(
            "the variable name `{name}` starts with {}, which cannot begin an identifier \
             (the first character must be a Unicode ID_Start character, such as a letter){hint}",
            describe(first)
        ));
    }
    if let Some((position, c)) = name
        .chars()
        .enumerate()
        .skip(1)
        .find(|&(_, c)| !unicode_ident::is_xid_continue(c) && !is_id_not_xid(c))
    {
        return Some(format!(
            "the variable name `{name}` contains {} at position {position}; after the first \
             character only Unicode ID_Continue characters (letters, digits, `_`, combining marks) \
             are allowed",
            describe(c)
        ));
    }
    let length = name.chars().count();
    (length > VARIABLE_MAX).then(|| {
        format!(
            "the variable name `{name}` is {length} characters long; the limit is {VARIABLE_MAX}"
        )
    })
}

/// `unicode-ident` implements the NFKC-stable `XID_Start`/`XID_Continue`; the
/// spec names `ID_Start`/`ID_Continue`. They differ only in these characters,
/// which are `ID_Start` (hence `ID_Continue`) but not `XID_Start`; every
/// `ID_Continue`-only character is among them (checked against Unicode's
/// `DerivedCoreProperties` with Python's `regex` module).
fn is_id_not_xid(c: char) -> bool {
    matches!(
        c,
        '\u{037A}' | '\u{0E33}' | '\u{0EB3}' | '\u{309B}' | '\u{309C}' | '\u{FC5E}'
            ..='\u{FC63}'
                | '\u{FDFA}'
                | '\u{FDFB}'
                | '\u{FE70}'
                | '\u{FE72}'
                | '\u{FE74}'
                | '\u{FE76}'
                | '\u{FE78}'
                | '\u{FE7A}'
                | '\u{FE7C}'
                | '\u{FE7E}'
                | '\u{FF9E}'
                | '\u{FF9F}'
    )
}

/// A character as messages show it: printable ones quoted, others by code point.
fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}' (U+{:04X})", u32::from(c))
    }
}

/// The candidate closest to `wanted`, for "did you mean …?" hints on unknown
/// state names, field names and operators; `None` when nothing is close.
///
/// Distance is the optimal-string-alignment Damerau–Levenshtein distance over
/// characters, compared case-insensitively (a candidate differing only in
/// case is always the best); ties go to the smaller case-sensitive distance,
/// then to the earlier candidate. A candidate qualifies when its distance is
/// at most a third of the longer length (minimum 1) and smaller than the
/// length of `wanted`, so `Nxt` finds `Next` but `A` does not find `B`.
#[must_use]
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // The DP is quadratic; names this long are not typos worth suggesting for.
    const MAX_CHARS: usize = 256;
    let wanted_chars: Vec<char> = wanted.chars().collect();
    if wanted_chars.is_empty() || wanted_chars.len() > MAX_CHARS {
        return None;
    }
    let wanted_lower: Vec<char> = wanted.to_lowercase().chars().collect();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let mut best: Option<((usize, usize), &'a str)> = None;
    for &candidate in &candidates {
        let chars: Vec<char> = candidate.chars().collect();
        if chars.is_empty() || chars.len() > MAX_CHARS {
            continue;
        }
        let longer = chars.len().max(wanted_chars.len());
        let limit = (longer / 3).max(1);
        if chars.len().abs_diff(wanted_chars.len()) > limit {
            continue;
        }
        let lower: Vec<char> = candidate.to_lowercase().chars().collect();
        let folded = osa_distance(&wanted_lower, &lower);
        // Also require something in common, so one-letter names do not all
        // suggest each other.
        if folded > limit || folded >= wanted_chars.len() {
            continue;
        }
        let key = (folded, osa_distance(&wanted_chars, &chars));
        if best.is_none_or(|(best_key, _)| key < best_key) {
            best = Some((key, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
        .or_else(|| completion(wanted, &candidates))
}

/// A truncated name (`Timeout` for `TimeoutSeconds`) is too far for the edit distance; suggest
/// the shortest candidate it begins, ignoring case, once it is long enough to mean something.
fn completion<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    const MIN_PREFIX: usize = 4;
    if wanted.chars().count() < MIN_PREFIX {
        return None;
    }
    let wanted = wanted.to_lowercase();
    candidates
        .iter()
        .copied()
        .filter(|candidate| candidate.to_lowercase().starts_with(&wanted))
        .min_by_key(|candidate| candidate.len())
}

/// Optimal string alignment distance: insertions, deletions, substitutions and
/// transpositions of adjacent characters, each costing 1.
fn osa_distance(a: &[char], b: &[char]) -> usize {
    // Three rolling rows: the transposition step looks two rows back.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let mut value = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                value = value.min(before[j - 1] + 1);
            }
            current[j + 1] = value;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(label_problem("Batcher_1"), None, "ok_distributed_map_full");
        assert_eq!(label_problem("dup"), None);
        assert_eq!(label_problem(&"a".repeat(40)), None);
        assert_eq!(label_problem("é-ünïcode"), None);
        let m = label_problem("my label").unwrap(); // V614_label_with_space
        assert!(
            m.contains("whitespace") && m.contains("U+0020") && m.contains("position 2"),
            "{m}"
        );
        assert!(
            label_problem(&"a".repeat(41))
                .unwrap()
                .contains("41 characters")
        );
        assert!(label_problem("").is_some());
        for bad in "?*<>{}[]:;,\\|^~$#%&`\"".chars() {
            let m = label_problem(&format!("ab{bad}")).unwrap();
            assert!(m.contains(&format!("'{bad}'")), "{m}");
        }
        for bad in [
            '\u{0}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9f}', '\t', '\u{a0}', '\u{3000}',
        ] {
            let m = label_problem(&format!("x{bad}")).unwrap();
            assert!(m.contains(&format!("U+{:04X}", u32::from(bad))), "{m}");
        }
    }

    #[test]
    fn variable_names_ok() {
        // Every Assign key in tests/data/aws-recorded/, `.$` stripped, is accepted.
        for name in [
            "AnswerTemplate",
            "Sum",
            "constant_str_contextpath_root",
            "var_constant_1",
            "x",
            "résumé",
            "変数",
            "Ω2",
        ] {
            assert_eq!(variable_name_problem(name), None, "{name}");
        }
        assert_eq!(variable_name_problem(&"v".repeat(80)), None);
    }

    #[test]
    fn variable_names_bad() {
        let m = variable_name_problem("order.id").unwrap(); // V910 fixture
        assert!(m.contains("'.'") && m.contains("`order`"), "{m}");
        assert!(variable_name_problem("x[2]").unwrap().contains("'['"));
        let m = variable_name_problem("_x").unwrap();
        assert!(m.contains("ID_Start") && m.contains("`v_x`"), "{m}");
        assert!(variable_name_problem("2x").unwrap().contains("`v2x`"));
        assert!(variable_name_problem("$x").unwrap().contains("`vx`"));
        assert!(variable_name_problem("a-b").unwrap().contains("'-'"));
        assert!(variable_name_problem("a b").unwrap().contains("U+0020"));
        assert!(variable_name_problem("").is_some());
        assert!(
            variable_name_problem(&"v".repeat(81))
                .unwrap()
                .contains("81")
        );
        assert!(
            variable_name_problem("\u{301}a").is_some(),
            "combining mark first"
        );
    }

    #[test]
    fn id_start_is_wider_than_xid_start() {
        // U+309B KATAKANA-HIRAGANA VOICED SOUND MARK is ID_Start, not XID_Start.
        assert!(!unicode_ident::is_xid_start('\u{309B}'));
        assert_eq!(variable_name_problem("\u{309B}a"), None);
    }

    #[test]
    fn truncated_names_get_their_completion() {
        let fields = ["TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds"];
        assert_eq!(closest("Timeout", fields), Some("TimeoutSeconds"));
        assert_eq!(closest("Heartbeat", fields), Some("HeartbeatSeconds"));
        assert_eq!(closest("Tim", fields), None);
    }

    #[test]
    fn suggestions() {
        let states = ["Next", "Process Order", "Done"];
        assert_eq!(closest("Nxt", states), Some("Next"));
        assert_eq!(closest("next", states), Some("Next"));
        assert_eq!(closest("Proces Order", states), Some("Process Order"));
        assert_eq!(closest("Xyz", states), None);
        assert_eq!(closest("", states), None);
        let ops = ["StringEquals", "StringEqualsPath", "NumericEquals"];
        assert_eq!(closest("StringEqual", ops), Some("StringEquals"));
        assert_eq!(closest("stringequalspath", ops), Some("StringEqualsPath"));
        // Transposition counts once.
        assert_eq!(closest("Nxet", ["Next", "Nope"]), Some("Next"));
        // Case-only difference beats a closer-looking exact-case candidate.
        assert_eq!(closest("DONE", ["DONA", "Done"]), Some("Done"));
        assert_eq!(closest("A", ["B"]), None);
        assert_eq!(closest("ab", ["ba"]), Some("ba"));
        let long = "x".repeat(1000);
        assert_eq!(closest(&long, [long.as_str()]), None);
    }

    #[test]
    fn osa() {
        let d = |a: &str, b: &str| {
            osa_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("ca", "ac"), 1);
        assert_eq!(d("ca", "abc"), 3, "OSA, not unrestricted Damerau");
        assert_eq!(d("ünï", "uni"), 2);
    }
}
