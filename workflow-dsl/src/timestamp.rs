//! The timestamp profile of the Amazon States Language (digest §4.3).
//!
//! ASL timestamps are RFC 3339 `date-time` values with three restrictions AWS
//! enforces: the date/time separator is an uppercase `T`, the zone is an
//! uppercase `Z` or a numeric `±HH:MM` offset, and seconds are required.
//! Fractional seconds may have any number of digits. AWS rejects literals
//! outside this profile with "String does not match RFC3339 timestamp"
//! (rules V408, V703).
//!
//! Leap seconds (`:60`) are rejected. RFC 3339 allows them, but the corpus has
//! no AWS evidence either way, and AWS's run-time texts name Java's
//! "ISO-8601 extended offset date-time format", whose parser refuses
//! second 60; rejecting is the choice least likely to pass locally and fail on
//! AWS.

/// Whether `s` is a timestamp in the ASL/AWS profile of RFC 3339:
/// `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z` or `±HH:MM`, with real
/// calendar validation (month lengths, leap years, hour 0–23, minute and
/// second 0–59, offset hours 0–23 and minutes 0–59).
///
/// ```
/// use workflow_dsl::timestamp::is_timestamp;
/// assert!(is_timestamp("2016-03-14T01:59:00.123456Z"));
/// assert!(!is_timestamp("2016-03-14 01:59:00Z"));
/// ```
#[must_use]
pub fn is_timestamp(s: &str) -> bool {
    // Every valid timestamp is ASCII, so working on bytes never splits a
    // character that matters: any non-ASCII byte fails a digit or literal test.
    let b = s.as_bytes();
    let mut p = Cursor { b, i: 0 };

    let Some(year) = p.digits(4) else {
        return false;
    };
    if !p.literal(b'-') {
        return false;
    }
    let Some(month) = p.digits(2) else {
        return false;
    };
    if !p.literal(b'-') {
        return false;
    }
    let Some(day) = p.digits(2) else {
        return false;
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return false;
    }
    if !p.literal(b'T') {
        return false;
    }
    let (Some(hour), true, Some(minute), true, Some(second)) = (
        p.digits(2),
        p.literal(b':'),
        p.digits(2),
        p.literal(b':'),
        p.digits(2),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    if p.literal(b'.') {
        // At least one digit after the dot; any number may follow.
        let start = p.i;
        while p.peek().is_some_and(|c| c.is_ascii_digit()) {
            p.i += 1;
        }
        if p.i == start {
            return false;
        }
    }
    match p.peek() {
        Some(b'Z') => p.i += 1,
        Some(b'+' | b'-') => {
            p.i += 1;
            let (Some(oh), true, Some(om)) = (p.digits(2), p.literal(b':'), p.digits(2)) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
        }
        _ => return false,
    }
    p.i == b.len()
}

/// A forward-only reader over the bytes of the candidate timestamp.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Consumes `byte` if it is next.
    fn literal(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Consumes exactly `n` ASCII digits and returns their value.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..n {
            let c = self.peek().filter(u8::is_ascii_digit)?;
            value = value * 10 + u32::from(c - b'0');
            self.i += 1;
        }
        Some(value)
    }
}

/// Days in `month` (1–12) of `year` in the proleptic Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    /// Digest §4.3 valid examples.
    const SPEC_VALID: &[&str] = &[
        "2016-03-14T01:59:00Z",
        "2016-03-14T01:59:00.123456Z",
        "2012-10-09T19:00:55+01:00",
    ];

    /// Digest §4.3 invalid examples (hour 25 and month 13 as in the corpus).
    const SPEC_INVALID: &[&str] = &[
        "2012-10-09T19:00:55",
        "2023-02-24",
        "2016-12-05 21:29:29Z",
        "05-12-2016T21:29:29Z",
        "2016-12-05T25:29:29Z",
        "2016-13-05T21:29:29Z",
    ];

    /// Harvested with python3 from `shared/conformance/localstack/*/*.json`:
    /// `Timestamp*` Choice operands and Wait `Timestamp` literals in
    /// definitions AWS accepted, plus the `TimestampValue` inputs of the
    /// `wait/base_scenarios__test_wait_timestamp_{path,jsonata}_*` cases that
    /// SUCCEEDED.
    const CORPUS_VALID: &[&str] = &[
        "2012-10-09T19:00:55Z",
        "2012-10-09T19:00:56Z",
        "2016-03-05T21:29:29.243167252Z",
        "2016-03-14T01:59:00Z",
    ];

    /// Harvested the same way: the Wait `Timestamp` literals of
    /// `definition_validation/base_scenarios__test_wait_timestamp_invalid_*`
    /// (`CREATE_FAILED`, "String does not match RFC3339 timestamp") and the
    /// inputs of the wait cases that FAILED with the "cannot be parsed as an
    /// ISO-8601 extended offset date-time" texts.
    const CORPUS_INVALID: &[&str] = &[
        "05-12-2016T21:29:29Z",
        "2016-12-05 21:29:29Z",
        "2016-12-05T21:29:29",
        "2016-12-05T25:29:29Z",
        "2016-13-05T21:29:29Z",
        "{% '2016-03-14T01:59:00Z' %}",
    ];

    /// Validation fixtures: `ok_wait_timestamp_fraction`,
    /// `ok_choice_nested_and_not` (valid); `V408_*`, `V703_*` (invalid).
    const FIXTURES_VALID: &[&str] = &[
        "2016-03-14T01:59:00.000000Z",
        "2016-03-14T01:59:00.123456+01:00",
    ];
    const FIXTURES_INVALID: &[&str] = &["2016-03-14 01:59:00Z", "2016-12-05T21:29:29"];

    #[test]
    fn valid_examples() {
        for s in SPEC_VALID.iter().chain(CORPUS_VALID).chain(FIXTURES_VALID) {
            assert!(is_timestamp(s), "{s:?} should be valid");
        }
    }

    #[test]
    fn invalid_examples() {
        for s in SPEC_INVALID
            .iter()
            .chain(CORPUS_INVALID)
            .chain(FIXTURES_INVALID)
        {
            assert!(!is_timestamp(s), "{s:?} should be invalid");
        }
    }

    #[test]
    fn calendar() {
        assert!(is_timestamp("2024-02-29T00:00:00Z"));
        assert!(is_timestamp("2000-02-29T00:00:00Z"));
        assert!(!is_timestamp("1900-02-29T00:00:00Z"));
        assert!(!is_timestamp("2023-02-29T00:00:00Z"));
        assert!(!is_timestamp("2023-04-31T00:00:00Z"));
        assert!(is_timestamp("2023-12-31T23:59:59Z"));
        assert!(!is_timestamp("2023-00-10T00:00:00Z"));
        assert!(!is_timestamp("2023-01-00T00:00:00Z"));
        assert!(!is_timestamp("2023-01-32T00:00:00Z"));
        assert!(!is_timestamp("2023-01-01T24:00:00Z"));
        assert!(!is_timestamp("2023-01-01T00:60:00Z"));
        assert!(
            !is_timestamp("2016-12-31T23:59:60Z"),
            "leap second rejected"
        );
    }

    #[test]
    fn zones_and_fractions() {
        assert!(is_timestamp("2023-01-01T00:00:00-00:00"));
        assert!(is_timestamp("2023-01-01T00:00:00+23:59"));
        assert!(!is_timestamp("2023-01-01T00:00:00+24:00"));
        assert!(!is_timestamp("2023-01-01T00:00:00+01:60"));
        assert!(!is_timestamp("2023-01-01T00:00:00+0100"));
        assert!(!is_timestamp("2023-01-01T00:00:00+01"));
        assert!(!is_timestamp("2023-01-01T00:00:00z"));
        assert!(!is_timestamp("2023-01-01t00:00:00Z"));
        assert!(!is_timestamp("2023-01-01T00:00Z"), "seconds are required");
        assert!(!is_timestamp("2023-01-01T00:00:00.Z"));
        assert!(is_timestamp("2023-01-01T00:00:00.1Z"));
        assert!(is_timestamp("2023-01-01T00:00:00.123456789012345Z"));
        assert!(!is_timestamp("2023-01-01T00:00:00Z "));
        assert!(!is_timestamp(" 2023-01-01T00:00:00Z"));
        assert!(!is_timestamp("2023-01-01T00:00:00ZZ"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "2",
            "２０２３-01-01T00:00:00Z",
            "2023-01-01T00:00:00é",
            "2023-01-01T00:00:00.",
            "2023-01-01T00:00:00+",
            "9999-99-99T99:99:99Z",
            "\u{0}",
        ] {
            assert!(!is_timestamp(s), "{s:?}");
        }
    }
}
