//! "My services", edited in one place: save the services chosen now, choose the saved
//! ones again, or forget them. A visit whose URL chooses no services starts with them
//! (`catalog::my_services`); the set lives in this browser only.

use catalog::{Filter, Provider, ProviderId, SortedSet};
use leptos::prelude::*;

use crate::browser;
use crate::state::use_locale;

#[component]
pub fn MyServices(
    #[prop(into)] filter: Signal<Filter>,
    /// The services of the chosen country, for their names.
    #[prop(into)]
    services: Signal<Vec<Provider>>,
    on_change: Callback<Filter>,
) -> impl IntoView {
    let t = use_locale().t();
    // The saved set and what the last save said, in one signal.
    let state = RwSignal::new((browser::my_services(), ""));
    let chosen = move || filter.with(|f| f.services.clone());
    let store = move |next: SortedSet<ProviderId>| {
        state.update(|(mine, status)| {
            let ok = browser::save_my_services(&next);
            *status = if ok { t.my_services_saved } else { t.my_services_not_saved };
            if ok {
                *mine = next;
            }
        });
    };
    let names = move || {
        let known = services.get();
        state.with(|(mine, _)| {
            let name = |id: &ProviderId| {
                known.iter().find(|p| &p.id == id).map_or(id.as_str(), |p| p.name.as_str()).to_owned()
            };
            mine.iter().map(name).collect::<Vec<_>>().join(", ")
        })
    };
    // Always drawn, hidden when they do nothing: three attributes cost the shell far less
    // than three conditional views.
    let differs = move || state.with(|(mine, _)| *mine != chosen());
    let none_saved = move || state.with(|(mine, _)| mine.is_empty());
    view! {
        <div class="my-services" data-testid="my-services">
            <p class="my-services__list">
                <strong>{t.my_services} ": "</strong>
                {move || if none_saved() { t.my_services_none.to_owned() } else { names() }}
            </p>
            <button
                type="button"
                class="button button--quiet"
                hidden=move || filter.with(|f| f.services.is_empty()) || !differs()
                on:click=move |_| store(chosen())
            >
                {t.my_services_save}
            </button>
            <button
                type="button"
                class="button button--quiet"
                hidden=move || none_saved() || !differs()
                on:click=move |_| on_change.run(Filter { services: state.with_untracked(|s| s.0.clone()), exclude: SortedSet::new(), ..filter.get_untracked() })
            >
                {t.my_services_use}
            </button>
            <button type="button" class="button button--quiet" hidden=none_saved on:click=move |_| store(SortedSet::new())>
                {t.my_services_forget}
            </button>
            <p class="my-services__status" role="status">{move || state.with(|s| s.1)}</p>
        </div>
    }
}
