//! flimmer-import: public service lists (CSV) in, one catalog v1 file out.
//!
//! So far the pieces that need no CSV: text cleaning (`clean`), the services' genre labels
//! (`genres`), the certifications of a region (`certification`) and the known services.

pub mod certification;
pub mod clean;
pub mod genres;
pub mod services;
