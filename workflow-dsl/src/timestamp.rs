//! The timestamp profile of the Amazon States Language
//! (<https://states-language.net/spec.html>).
//!
//! ASL timestamps are RFC 3339 `date-time` values with three restrictions AWS
//! enforces: the date/time separator is an uppercase `T`, the zone is an
//! uppercase `Z` or a numeric `±HH:MM` offset, and seconds are required.
//! Fractional seconds may have any number of digits. AWS rejects literals
//! outside this profile with "String does not match RFC3339 timestamp"
//! (rules V408, V703).
//!
//! Leap seconds (`:60`) are rejected. RFC 3339 allows them, but the AWS
//! recordings (`tests/data/aws-recorded/`) have no evidence either way, and
//! AWS's run-time texts name Java's "ISO-8601 extended offset date-time
//! format", whose parser refuses second 60; rejecting is the choice least
//! likely to pass locally and fail on AWS.

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
    parse_nanos(s).is_some()
}

/// The instant a timestamp names, in nanoseconds since 1970-01-01T00:00:00Z (fraction digits
/// beyond nanoseconds are dropped), or `None` when `s` is not a timestamp of this profile.
/// Choice `Timestamp*` operators compare instants, so `…T01:00:00+01:00` equals `…T00:00:00Z`.
#[must_use]
pub fn parse_nanos(s: &str) -> Option<i128> {
    // Every valid timestamp is ASCII, so working on bytes never splits a
    // character that matters: any non-ASCII byte fails a digit or literal test.
    let b = s.as_bytes();
    let mut p = Cursor { b, i: 0 };
    let year = p.digits(4)?;
    p.literal(b'-').then_some(())?;
    let month = p.digits(2)?;
    p.literal(b'-').then_some(())?;
    let day = p.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    p.literal(b'T').then_some(())?;
    let hour = p.digits(2)?;
    p.literal(b':').then_some(())?;
    let minute = p.digits(2)?;
    p.literal(b':').then_some(())?;
    let second = p.digits(2)?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut nanos: i128 = 0;
    if p.literal(b'.') {
        // At least one digit after the dot; any number may follow.
        let start = p.i;
        let mut scale: i128 = 100_000_000;
        while let Some(c) = p.peek().filter(u8::is_ascii_digit) {
            nanos += i128::from(c - b'0') * scale;
            scale /= 10;
            p.i += 1;
        }
        if p.i == start {
            return None;
        }
    }
    let offset_minutes: i128 = match p.peek() {
        Some(b'Z') => {
            p.i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            p.i += 1;
            let oh = p.digits(2)?;
            p.literal(b':').then_some(())?;
            let om = p.digits(2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let minutes = i128::from(oh * 60 + om);
            if sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    if p.i != b.len() {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = i128::from(days) * 86_400 + i128::from(hour * 3600 + minute * 60 + second)
        - offset_minutes * 60;
    Some(seconds * 1_000_000_000 + nanos)
}

/// Milliseconds since the epoch as AWS prints instants in the Context Object and history:
/// `2025-03-01T10:15:30.125Z` (always three fraction digits).
#[must_use]
pub fn format_millis(epoch_millis: i64) -> String {
    let days = epoch_millis.div_euclid(86_400_000);
    let millis_of_day = epoch_millis.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute) = (millis_of_day / 3_600_000, millis_of_day / 60_000 % 60);
    let (second, millis) = (millis_of_day / 1000 % 60, millis_of_day % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{millis:03}Z")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
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
    use super::{format_millis, is_timestamp, parse_nanos};

    #[test]
    fn instants_compare_across_offsets() {
        assert_eq!(
            parse_nanos("2012-10-09T19:00:55+01:00"),
            parse_nanos("2012-10-09T18:00:55Z")
        );
        assert_eq!(parse_nanos("1970-01-01T00:00:01.5Z"), Some(1_500_000_000));
        assert_eq!(
            parse_nanos("2016-03-14T01:59:00.123456789012Z"),
            parse_nanos("2016-03-14T01:59:00.123456789Z")
        );
        assert!(parse_nanos("2016-03-14T01:59:00.1Z") < parse_nanos("2016-03-14T01:59:00.2Z"));
    }

    #[test]
    fn formats_like_aws() {
        assert_eq!(format_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_millis(1_740_824_130_125), "2025-03-01T10:15:30.125Z");
        let t = parse_nanos("2024-02-29T23:59:59.999Z").unwrap();
        assert_eq!(
            format_millis((t / 1_000_000) as i64),
            "2024-02-29T23:59:59.999Z"
        );
    }

    /// Valid timestamps: `Z`, fractional seconds, a numeric offset.
    const SPEC_VALID: &[&str] = &[
        "2016-03-14T01:59:00Z",
        "2016-03-14T01:59:00.123456Z",
        "2012-10-09T19:00:55+01:00",
    ];

    /// Invalid timestamps; AWS rejected hour 25 and month 13 in
    /// `tests/data/aws-recorded/definition_validation/`
    /// `base_scenarios__test_wait_timestamp_invalid_INVALID_TIME.json` and
    /// `base_scenarios__test_wait_timestamp_invalid_INVALID_DATE.json`.
    const SPEC_INVALID: &[&str] = &[
        "2012-10-09T19:00:55",
        "2023-02-24",
        "2016-12-05 21:29:29Z",
        "05-12-2016T21:29:29Z",
        "2016-12-05T25:29:29Z",
        "2016-13-05T21:29:29Z",
    ];

    /// Harvested with python3 from `tests/data/aws-recorded/*/*.json`:
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
