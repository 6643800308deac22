//! The few facts the app reads from the browser (the reader's languages, today's date, my
//! services in localStorage), and its timer.

use catalog::{my_services, Date, ProviderId, SortedSet};

/// The reader's preferred languages, most preferred first (`navigator.languages`).
pub fn languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Today in the reader's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as u16, now.get_month() as u8 + 1, now.get_date() as u8).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// Where "my services" live in this browser (see `catalog::my_services`).
const MY_SERVICES: &str = "flimmer.my-services";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The services this reader saved; none when storage is empty, blocked or unreadable.
pub fn my_services() -> SortedSet<ProviderId> {
    let stored = storage().and_then(|s| s.get_item(MY_SERVICES).ok().flatten());
    stored.map(|s| my_services::read(&s)).unwrap_or_default()
}

/// Saves (or, for none, forgets) my services; false when the browser refuses: storage
/// full, blocked by the reader's settings, or a private window that allows none.
pub fn save_my_services(services: &SortedSet<ProviderId>) -> bool {
    let Some(storage) = storage() else { return false };
    let value = my_services::write(services);
    if value.is_empty() {
        storage.remove_item(MY_SERVICES).is_ok()
    } else {
        storage.set_item(MY_SERVICES, &value).is_ok()
    }
}

/// Resolves after `ms` milliseconds, in a page or in a worker (which has no `window`: the
/// global's own `setTimeout`).
pub async fn sleep(ms: i32) {
    let done = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(set) = js_sys::Reflect::get(&global, &"setTimeout".into()) {
            let _ = js_sys::Function::from(set).call2(&global, &resolve, &ms.into());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
}
