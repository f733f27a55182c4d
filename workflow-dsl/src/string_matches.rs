//! The Choice `StringMatches` operator (rule V410;
//! <https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html>).
//!
//! A pattern matches the whole string. `*` matches any run of characters,
//! including none; `\*` is a literal asterisk; `\\` is a literal backslash;
//! every other character matches itself. (In JSON source the backslashes are
//! doubled again: `"price\\*list*"` is the pattern `price\*list*`.)

/// One unit of a compiled pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// Matches exactly this character.
    Literal(char),
    /// Matches any run of characters, including none.
    Star,
}

/// Why `pattern` is not a valid `StringMatches` pattern (rule V410), or `None`
/// if it is: a backslash may only be followed by `*` or `\`.
#[must_use]
pub fn pattern_problem(pattern: &str) -> Option<String> {
    let mut chars = pattern.chars().enumerate();
    while let Some((position, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        match chars.next() {
            Some((_, '*' | '\\')) => {}
            Some((_, next)) => {
                return Some(format!(
                    "the backslash at position {position} (0-based) escapes {next:?}; in \
                     StringMatches only `\\*` (a literal asterisk) and `\\\\` (a literal \
                     backslash) are escapes; write `\\\\{next}` to match a backslash followed \
                     by {next:?}"
                ));
            }
            None => {
                return Some(format!(
                    "the pattern ends with a lone backslash at position {position} (0-based); \
                     write `\\\\` to match a literal backslash"
                ));
            }
        }
    }
    None
}

/// Whether `text` matches `pattern` under the rules above (whole-string match).
///
/// Runs in O(pattern × text) time at worst, with no exponential backtracking.
/// A pattern with a [`pattern_problem`] is a run-time error in ASL, so callers
/// should check it first; here an invalid escape is read leniently, its
/// backslash matching a literal backslash.
#[must_use]
pub fn matches(pattern: &str, text: &str) -> bool {
    let tokens = compile(pattern);
    let text: Vec<char> = text.chars().collect();
    // Greedy scan remembering the most recent `*`: on a mismatch, let that star
    // absorb one more character and retry. Earlier stars never need
    // revisiting, which is what keeps this polynomial.
    let (mut p, mut t) = (0, 0);
    let mut last_star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Star) => {
                last_star = Some((p, t));
                p += 1;
            }
            Some(Token::Literal(c)) if *c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match last_star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    last_star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p.min(tokens.len())..]
        .iter()
        .all(|token| *token == Token::Star)
}

/// Turns a pattern into tokens, collapsing runs of `*` (they mean the same as one).
fn compile(pattern: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let token = match c {
            '*' => Token::Star,
            '\\' => match chars.peek() {
                Some(&next @ ('*' | '\\')) => {
                    chars.next();
                    Token::Literal(next)
                }
                // Invalid escape: keep the backslash as a literal (see `matches`).
                _ => Token::Literal('\\'),
            },
            other => Token::Literal(other),
        };
        if !(token == Token::Star && tokens.last() == Some(&Token::Star)) {
            tokens.push(token);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        // Patterns as the ASL specification describes them (https://states-language.net/spec.html).
        assert!(matches("log-*.txt", "log-7.txt"));
        assert!(matches("log-*.txt", "log-.txt"));
        assert!(matches("*.log", "zebra.log"));
        assert!(matches("foo*.*", "foobar.zebra"));
        // JSON "price\\*list*" is the pattern `price\*list*`: starts with `price*list`.
        assert!(matches(r"price\*list*", "price*list"));
        assert!(matches(r"price\*list*", "price*list of 2024"));
        assert!(!matches(r"price\*list*", "price-list"));
        assert!(!matches(r"price\*list*", "pricelist"));
    }

    #[test]
    fn whole_string_and_literals() {
        assert!(matches("abc", "abc"));
        assert!(!matches("abc", "abcd"));
        assert!(!matches("abc", "xabc"));
        assert!(!matches("a?c", "abc"), "no `?` wildcard");
        assert!(!matches("a.c", "abc"), "no `.` wildcard");
        assert!(matches("a[b]c", "a[b]c"), "no character classes");
        assert!(matches("", ""));
        assert!(!matches("", "a"));
        assert!(matches("*", ""));
        assert!(matches("**", "anything"));
        assert!(matches(r"a\\b", r"a\b"));
        assert!(!matches(r"a\\b", r"a\\b"));
        assert!(matches(r"\**", "*star"));
        assert!(!matches(r"\**", "star"));
        assert!(matches("*a*b*c*", "xxaxxbxxcxx"));
        assert!(!matches("*a*b*c*", "xxcxxbxxaxx"));
        assert!(matches("ü*ß", "üxyzß"));
        assert!(matches("*ab", "aab"));
        assert!(!matches("a*b", "ab c"));
    }

    #[test]
    fn validation_fixtures() {
        // ok_choice_nested_and_not: JSON "TEMP-\\*-*".
        assert_eq!(pattern_problem(r"TEMP-\*-*"), None);
        assert!(matches(r"TEMP-\*-*", "TEMP-*-7"));
        assert!(!matches(r"TEMP-\*-*", "TEMP-1-7"));
        // V410_stringmatches_bad_escape: JSON "a\\b*".
        let m = pattern_problem(r"a\b*").unwrap();
        assert!(m.contains("position 1") && m.contains("'b'"), "{m}");
    }

    #[test]
    fn problems() {
        assert_eq!(pattern_problem(r"a\\b\*c*"), None);
        assert_eq!(pattern_problem(""), None);
        assert!(pattern_problem("abc\\").unwrap().contains("lone backslash"));
        assert!(pattern_problem(r"\\\").unwrap().contains("position 2"));
        assert!(pattern_problem(r"\?").is_some());
        assert!(pattern_problem("\\é").unwrap().contains("'é'"));
    }

    #[test]
    fn lenient_reading_of_invalid_escapes() {
        assert!(matches(r"a\b", r"a\b"));
        assert!(matches("a\\", "a\\"));
    }

    #[test]
    fn no_exponential_blowup() {
        let pattern = format!("{}b", "*a".repeat(50));
        let text = "a".repeat(5000);
        assert!(!matches(&pattern, &text));
        let text = format!("{}b", "a".repeat(5000));
        assert!(matches(&pattern, &text));
    }
}
