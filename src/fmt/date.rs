//! Dates: the ISO form used in files and exports, the written-out form of briefs, and parsing.

use crate::fmt::text::trim;
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};

/// Why a date did not parse.
#[derive(Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Not of the form year-month-day.
    Format,
    /// Well-formed but not in the calendar (2020-02-30).
    Impossible {
        /// Year.
        y: i32,
        /// Month.
        m: u32,
        /// Day.
        d: u32,
    },
}

/// A date as `2020-06-23`, the form used in files, file names and exports.
pub fn iso(d: NaiveDate) -> String {
    match u32::try_from(d.year()) {
        // Digit by digit: `format!` with padding costs ten times as much, and briefs write dates by the thousand.
        Ok(y) if y <= 9999 => {
            let (m, day) = (d.month(), d.day());
            let mut s = String::with_capacity(10);
            for (i, n) in [y / 1000, y / 100, y / 10, y, m / 10, m, day / 10, day]
                .into_iter()
                .enumerate()
            {
                if i == 4 || i == 6 {
                    s.push('-');
                }
                s.push(char::from(b'0' + (n % 10) as u8));
            }
            s
        }
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

/// Parses `2020-06-23` (one-digit month and day are fine).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateProblem> {
    // Four digits, `-`, one or two digits, `-`, one or two digits, read byte by byte: every brief reads thousands
    // of dates, and splitting and parsing each part cost ten times as much.
    let bytes = trim(s).as_bytes();
    let mut at = 0;
    let mut part = |min: usize, max: usize, last: bool| -> Option<u32> {
        let start = at;
        let mut n = 0u32;
        while let Some(&b) = bytes
            .get(at)
            .filter(|b| b.is_ascii_digit() && at - start < max)
        {
            n = n * 10 + u32::from(b - b'0');
            at += 1;
        }
        let ends = if last {
            at == bytes.len()
        } else {
            bytes.get(at) == Some(&b'-')
        };
        at += 1;
        (at - 1 - start >= min && ends).then_some(n)
    };
    let (Some(y), Some(m), Some(d)) = (part(4, 4, false), part(1, 2, false), part(1, 2, true))
    else {
        return Err(DateProblem::Format);
    };
    let y = i32::try_from(y).map_err(|_| DateProblem::Format)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(DateProblem::Impossible { y, m, d });
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::Impossible { y, m, d })
}

/// A date written out: `2020年6月23日` or `23 June 2020`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let year = |out: &mut String| {
        if d.year() < 0 {
            out.push('-');
        }
        crate::fmt::number::push_uint(out, u64::from(d.year().unsigned_abs()));
    };
    let mut out = String::with_capacity(20);
    match lang {
        Lang::Zh => {
            year(&mut out);
            out.push('年');
            crate::fmt::number::push_uint(&mut out, u64::from(d.month()));
            out.push('月');
            crate::fmt::number::push_uint(&mut out, u64::from(d.day()));
            out.push('日');
        }
        Lang::En => {
            crate::fmt::number::push_uint(&mut out, u64::from(d.day()));
            out.push(' ');
            out.push_str(MONTHS.get(d.month0() as usize).copied().unwrap_or_default());
            out.push(' ');
            year(&mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_out() {
        let d = NaiveDate::from_ymd_opt(2020, 6, 23).unwrap();
        assert_eq!(long_date(d, Lang::Zh), "2020年6月23日");
        assert_eq!(long_date(d, Lang::En), "23 June 2020");
    }

    #[test]
    fn written_out_dates_agree_with_chrono_every_day() {
        let mut d = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while d.year() < 2041 {
            assert_eq!(
                long_date(d, Lang::Zh),
                d.format("%Y年%-m月%-d日").to_string()
            );
            assert_eq!(long_date(d, Lang::En), d.format("%-d %B %Y").to_string());
            assert_eq!(iso(d), d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
    }
}
