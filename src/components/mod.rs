//! The page's building blocks, one component per file.

pub mod data_note;
pub mod empty_state;
pub mod film_card;
pub mod film_grid;
pub mod filter_panel;
pub mod load_status;
pub mod my_services;
pub mod offer_badge;
pub mod offer_groups;
pub mod offer_list;
pub mod option_group;
pub mod poster;
pub mod search_box;
pub mod site_header;
pub mod skipped_notice;
pub mod sort_select;

pub use data_note::data_note;
pub use empty_state::EmptyState;
pub use film_card::FilmCard;
pub use film_grid::FilmGrid;
pub use filter_panel::FilterPanel;
pub use load_status::{LoadFailed, Loading, StillShown};
pub use my_services::MyServices;
pub use offer_badge::OfferBadge;
pub use offer_groups::OfferGroups;
pub use offer_list::OfferList;
pub use option_group::OptionGroup;
pub use poster::Poster;
pub use search_box::SearchBox;
pub use site_header::SiteHeader;
pub use skipped_notice::SkippedNotice;
pub use sort_select::SortSelect;
