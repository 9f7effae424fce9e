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

    /// The date `days` days after 1970-01-01 (negative before it); `None` outside years 0–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        // Civil-from-days in the proleptic Gregorian calendar, counting eras of 400 years.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok().filter(|y| *y <= 9999)?,
            month as u8,
            day as u8,
        )
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

    /// "4 December 2026", as a report says it.
    pub fn to_long_string(self) -> String {
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
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{} {month} {}", self.day, self.year)
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
    fn counts_days_from_the_unix_epoch() {
        assert_eq!(
            Date::from_days_since_epoch(0).unwrap().to_string(),
            "1970-01-01"
        );
        assert_eq!(
            Date::from_days_since_epoch(11_016).unwrap().to_string(),
            "2000-02-29"
        );
        assert_eq!(
            Date::from_days_since_epoch(20_785).unwrap().to_string(),
            "2026-11-28"
        );
        assert_eq!(
            Date::from_days_since_epoch(-1).unwrap().to_string(),
            "1969-12-31"
        );
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
