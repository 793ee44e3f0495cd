//! The top-level layout (scan view, card overlay, settings, demo); the state is in `state`.

use leptos::prelude::*;
use yima_core::Lang;
use yima_core::Session;

use crate::prefs::{Counters, Prefs, UrlParams};
use crate::screens::{a11y::LiveRegion, card::CardView, demo::DemoScreen, scan::ScanScreen, settings::SettingsScreen};
use crate::state::{AppState, Screen};
use crate::trust_store;
use crate::{clock, i18n_ui::tr};

#[component]
pub fn App() -> impl IntoView {
    let url = UrlParams::from_location();
    let recovered = crate::recover::take();
    let prefs = Prefs::load(&url, recovered.clone().flatten());
    let notice = recovered.map(|_| tr(prefs.lang, "页面出错后已自动恢复", "The page hit an error and restarted itself").to_string());
    let state = AppState {
        prefs: RwSignal::new(prefs),
        kiosk: url.kiosk,
        trust: RwSignal::new(trust_store::load_stored()),
        card: RwSignal::new(None),
        counters: RwSignal::new(Counters::load(&clock::local_day())),
        screen: RwSignal::new(Screen::Scan),
        session: StoredValue::new(Session::default()),
        last_seen: StoredValue::new(None),
        notice: RwSignal::new(notice),
        update_ready: RwSignal::new(false),
        offline_ok: RwSignal::new(true),
        download: RwSignal::new(None),
    };
    provide_context(state);
    state.refresh_trust();
    state.keep_in_sync();
    crate::feedback::warm_up();
    crate::offline::watch(state.update_ready, state.offline_ok);
    Effect::new(move |_| {
        state.prefs.with(crate::recover::publish);
        let lang = state.lang();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
        }
    });
    clock::mark("yima-ready");

    let nav = move |to: Screen, zh: &'static str, en: &'static str, id: &'static str| {
        view! {
            <button class="nav" class:active=move || state.screen.get() == to data-testid=id
                aria-current=move || (state.screen.get() == to).then_some("page")
                on:click=move |_| state.screen.set(to)>{move || tr(state.lang(), zh, en)}</button>
        }
    };
    view! {
        <main class="app">
            <h1 class="sr-only">{move || tr(state.lang(), "一码通行 扫码核验", "Yima health-code check")}</h1>
            <Show when=move || state.update_ready.get()>
                <div class="update-banner" data-testid="update-banner">
                    {move || tr(state.lang(), "有新版本", "A new version is ready")}
                    <button on:click=move |_| crate::offline::apply_update()>
                        {move || tr(state.lang(), "立即更新", "Reload")}
                    </button>
                </div>
            </Show>
            <nav class="tabs">
                {nav(Screen::Scan, "扫码", "Scan", "nav-scan")}
                <Show when=move || !state.kiosk>{nav(Screen::Settings, "设置", "Settings", "nav-settings")}</Show>
                <Show when=move || trust_store::is_demo_build() && !state.kiosk>{nav(Screen::Demo, "演示码", "Demo", "nav-demo")}</Show>
            </nav>
            {move || match state.screen.get() {
                Screen::Scan => view! { <ScanScreen/> }.into_any(),
                Screen::Settings => view! { <SettingsScreen/> }.into_any(),
                // Compiled out of builds with a pinned production root (const condition).
                Screen::Demo if trust_store::is_demo_build() => view! { <DemoScreen/> }.into_any(),
                Screen::Demo => ().into_any(),
            }}
            <CardView/>
            <LiveRegion/>
        </main>
    }
}
