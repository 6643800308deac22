//! The app's pages, one per route.

pub mod catalog_page;
pub mod film_page;
pub mod not_found;

pub use catalog_page::CatalogPage;
pub use film_page::FilmPage;
pub use not_found::NotFound;

use std::sync::Arc;

use catalog::Loaded;
use leptos::prelude::*;

use crate::components::{LoadFailed, Loading};
use crate::state::use_app;

/// Renders `page` once the catalog is loaded; the loading state before, and the reason
/// with a Retry button when loading fails. Never a blank page.
pub fn with_catalog<V: IntoView + 'static>(page: impl Fn(Arc<Loaded>) -> V + Send + Sync + 'static) -> impl IntoView {
    let app = use_app();
    let retry = Callback::new(move |_| app.catalog.refetch());
    move || match app.catalog.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error=error on_retry=retry/> }.into_any(),
        Some(Ok(loaded)) => page(loaded).into_any(),
    }
}
