//! Entry point: report panics to the console (debug builds), then mount the app.

fn main() {
    // Release builds abort on a panic before any hook runs (scripts/build.sh), and the
    // start guard in index.html tells the reader; debug builds print the panic's message.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(flimmer::App);
}
