//! The traffic light for a degree, from the configured bands.

use crate::case::config::Config;

/// Traffic light for a degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    /// ≤ red band, or overdue and below the overdue line.
    Red,
    /// Between.
    Amber,
    /// Above the green band.
    Green,
    /// No figure (unreported or excluded).
    None,
}

/// Traffic light for a degree.
pub fn light(cfg: &Config, degree: Option<f64>, overdue: bool) -> Light {
    match degree {
        None => Light::None,
        Some(d) if d <= cfg.lights.red_max || (overdue && d < cfg.lights.overdue_red_below) => {
            Light::Red
        }
        Some(d) if d > cfg.lights.green_above => Light::Green,
        Some(_) => Light::Amber,
    }
}
