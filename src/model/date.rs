//! Calendar dates for unit metadata (date approved, indicative review date).

use std::fmt;

/// A calendar date without time, as the NOS database stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A valid Gregorian date, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days_in_month).then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, the form used in files.
    pub fn parse_iso(text: &str) -> Result<Self, String> {
        let invalid = || format!("“{text}” is not a date of the form YYYY-MM-DD");
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(invalid());
        }
        let year = y.parse().map_err(|_| invalid())?;
        let month = m.parse().map_err(|_| invalid())?;
        let day = d.parse().map_err(|_| invalid())?;
        Self::new(year, month, day).ok_or_else(|| format!("“{text}” is not a day of the calendar"))
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date = Date::parse_iso("2011-03-15").unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2011, 3, 15));
        assert_eq!(date.to_string(), "2011-03-15");
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        assert!(Date::parse_iso("2023-02-29").is_err());
        assert!(Date::parse_iso("2024-02-29").is_ok());
        assert!(Date::parse_iso("2024-13-01").is_err());
        assert!(Date::parse_iso("15/03/2011").is_err());
        assert!(Date::parse_iso("2011-3-15").is_err());
        assert!(Date::parse_iso("").is_err());
    }
}
