//! The embed card's entry point: a wasm of its own, without the app's router, filter and
//! grid, for the iframe a publisher's page shows (src/embed.rs, public/embed.html).

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    flimmer::embed::mount();
}
