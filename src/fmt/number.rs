//! Numbers as briefs and tables write them: at most one decimal, percentages, signed changes, text bars.

/// A number with at most one decimal, without a trailing `.0`.
pub fn num(x: f64) -> String {
    let mut out = String::with_capacity(8);
    push_num(&mut out, x);
    out
}

/// A percentage: [`num`] and `%`.
pub fn pct(x: f64) -> String {
    let mut out = String::with_capacity(8);
    push_num(&mut out, x);
    out.push('%');
    out
}

/// Appends [`num`]`(x)`. Tenths are counted in whole numbers, so no float formatting is needed (it is slow, and
/// these are written thousands of times per brief); numbers too large for that are formatted as before.
pub fn push_num(out: &mut String, x: f64) {
    use std::fmt::Write;
    let tenths = (x * 10.0).round();
    // Also NaN and the infinities.
    if tenths.is_nan() || tenths.abs() >= 1e15 {
        let r = tenths / 10.0;
        // Writing into a String does not fail.
        let _ = if r == r.trunc() {
            write!(out, "{r:.0}")
        } else {
            write!(out, "{r:.1}")
        };
        return;
    }
    if tenths.is_sign_negative() {
        out.push('-');
    }
    // Exact: |tenths| < 10^15 is a whole number below 2^53.
    let t = tenths.abs() as u64;
    push_uint(out, t / 10);
    if !t.is_multiple_of(10) {
        out.push('.');
        push_uint(out, t % 10);
    }
}

/// Appends the decimal digits of `n`.
pub fn push_uint(out: &mut String, n: u64) {
    out.push_str(digits(n, &mut [0; 20]));
}

/// The decimal digits of `n`, written into `buf`.
pub fn digits(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..)
        .and_then(|d| std::str::from_utf8(d).ok())
        .unwrap_or_default()
}

/// A change in points: `+2.5`, `−1`, `0`.
pub fn signed(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r > 0.0 {
        format!("+{}", num(r))
    } else if r < 0.0 {
        format!("−{}", num(-r))
    } else {
        "0".to_string()
    }
}

/// A ten-cell text bar.
pub fn bar(x: f64) -> String {
    bar_of(x, 10)
}

/// A text bar of `cells` blocks for a degree of 0–100 (Word's tables use five: a cell is 20 %).
pub fn bar_of(x: f64, cells: usize) -> String {
    let step = 100.0 / cells.max(1) as f64;
    let filled = ((x / step).round().clamp(0.0, cells as f64)) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_bars() {
        assert_eq!(num(62.5), "62.5");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(33.333), "33.3");
        assert_eq!(signed(-3.04), "−3");
        assert_eq!(bar(62.5), "██████░░░░");
        assert_eq!(bar_of(62.5, 5), "███░░");
        assert_eq!(bar_of(100.0, 5), "█████");
        assert_eq!(bar(100.0), "██████████");
    }

    /// `num` as first written, with float formatting: the integer version must agree with it.
    fn num_by_format(x: f64) -> String {
        let r = (x * 10.0).round() / 10.0;
        if r == r.trunc() {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        }
    }

    #[test]
    fn numbers_agree_with_float_formatting() {
        let mut xs = vec![
            0.0,
            -0.0,
            0.04,
            0.05,
            -0.04,
            -0.05,
            0.95,
            9.95,
            99.95,
            100.0,
            62.5,
            33.333,
            66.666,
            -3.04,
            1e14,
            1e15,
            1e16,
            -1e17,
            123456789.25,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut seed: u64 = 11;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let unit = (seed >> 11) as f64 / (1u64 << 53) as f64;
            xs.push(unit * 200.0 - 50.0);
            xs.push((unit * 2000.0).round() / 20.0);
        }
        for x in xs {
            assert_eq!(num(x), num_by_format(x), "{x:?}");
            assert_eq!(pct(x), format!("{}%", num_by_format(x)), "{x:?}");
        }
    }
}
