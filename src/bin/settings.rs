//! The TMDB settings page's entry point: a wasm of its own (src/settings.rs,
//! public/settings.html), so the app shell carries none of it.

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    flimmer::settings::mount();
}
