//! The app's pages, one per route.

pub mod catalog_page;
pub mod film_page;
pub mod not_found;

pub use catalog_page::CatalogPage;
pub use film_page::FilmPage;
pub use not_found::NotFound;

use std::sync::Arc;

use catalog::Filter;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::{LoadFailed, Loading, StillShown};
use crate::state::{use_app, Library};

/// The filter the URL names, fitted to the catalog; a region the URL does not name
/// comes from the reader's browser languages.
pub fn use_url_filter(library: &Arc<Library>) -> Memo<Filter> {
    let location = use_location();
    let default_region = use_app().default_region(&library.loaded);
    let library = library.clone();
    Memo::new(move |_| {
        Filter::from_query(&location.search.get(), default_region).fitted_to(&library.loaded.catalog, default_region)
    })
}

/// Renders `page` once the catalog is loaded; the loading state before, and the reason
/// with a Retry button when loading fails. Never a blank page, and what was loaded stays:
/// when another catalog fails (another region's shard, TMDB live in another region or
/// language), the page goes on showing the last one, under the reason and Retry (the URL
/// still names the catalog that failed: a reload asks again too). Above the page, so a
/// phone shows it before the filter.
pub fn with_catalog<V: IntoView + 'static>(page: impl Fn(Arc<Library>) -> V + Send + Sync + 'static) -> impl IntoView {
    let app = use_app();
    let retry = Callback::new(move |_| app.catalog.refetch());
    let mut last = None;
    move || {
        let (loaded, failed) = match (app.catalog.get(), last.take()) {
            // Only before the first catalog: a resource loading anew keeps its last value.
            (None, _) => return view! { <Loading/> }.into_any(),
            (Some(Ok(loaded)), _) => (loaded, None),
            (Some(Err(error)), Some(loaded)) => (loaded, Some(error)),
            (Some(Err(error)), None) => return view! { <LoadFailed error=error on_retry=retry/> }.into_any(),
        };
        last = Some(loaded.clone());
        let failed = failed.map(|error| view! { <StillShown error=error on_retry=retry/> });
        view! { {failed} {page(loaded)} }.into_any()
    }
}
