//! Which `rating` values are a region's age certification, and so may become `certification`.

use catalog::RegionCode;

/// The US systems: the MPA's film ratings and the TV Parental Guidelines. "NR", "UR",
/// "UNRATED" and "TV-NR" say there is no rating, so they are no certification; Amazon's
/// own age labels ("13+", "ALL", "AGES_16_") belong to no region's system.
const US: &[&str] = &["G", "PG", "PG-13", "R", "NC-17", "TV-Y", "TV-Y7", "TV-Y7-FV", "TV-G", "TV-PG", "TV-14", "TV-MA"];

/// `rating` as a certification of `region`, or `None` when it is none of that region's
/// labels. Only the US systems are known so far: the public lists are US catalogues, and
/// a label we cannot place is better dropped than shown under the wrong country.
pub fn of_region(region: RegionCode, rating: &str) -> Option<&'static str> {
    let known: &[&'static str] = if region == RegionCode::US { US } else { &[] };
    known.iter().find(|&&label| label == rating).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_us_film_and_tv_ratings() {
        for label in ["PG-13", "R", "TV-MA", "TV-Y7-FV"] {
            assert_eq!(of_region(RegionCode::US, label), Some(label));
        }
    }

    #[test]
    fn drops_not_rated_and_amazon_age_labels() {
        for label in ["NR", "UR", "UNRATED", "TV-NR", "NOT_RATE", "13+", "ALL", "AGES_16_", "16", "pg-13"] {
            assert_eq!(of_region(RegionCode::US, label), None, "{label}");
        }
    }

    #[test]
    fn knows_no_system_outside_the_us_yet() {
        assert_eq!(of_region(RegionCode::DE, "R"), None);
    }
}
