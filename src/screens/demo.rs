//! Demo codes minted in the page from the public demo keys, for a second phone (or a test)
//! to show. Only in demo builds; every code says DEMO.

use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::QrCode;
use yima_core::demo;

use crate::app::AppState;
use crate::clock;
use crate::i18n_ui::tr;

fn qr_svg(text: &str) -> String {
    QrCode::new(text.as_bytes())
        .map(|c| c.render::<svg::Color>().min_dimensions(240, 240).quiet_zone(true).build())
        .unwrap_or_default()
}

#[component]
pub fn DemoScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang();
    // Codes expire within minutes (screenshot guard): mint afresh on demand.
    let minted = RwSignal::new(clock::now());
    view! {
        <section class="demo" data-testid="demo">
            <p class="banner warn">{move || tr(lang(), "演示码：由公开的演示密钥签发，仅供试用与测试", "DEMO codes: signed with public demo keys, for trying out and testing only")}</p>
            <button data-testid="demo-refresh" on:click=move |_| minted.set(clock::now())>{move || tr(lang(), "重新生成", "Mint again")}</button>
            <div class="demo-grid">
                {move || demo::samples(minted.get()).into_iter().map(|s| view! {
                    <figure class="demo-code" data-sample=s.id.clone()>
                        <div class="qr" inner_html=qr_svg(&s.qr)></div>
                        <figcaption><b>{s.id.clone()}</b><br/>{s.description.clone()}</figcaption>
                    </figure>
                }).collect_view()}
            </div>
        </section>
    }
}
