//! The strip over the scan view: venue, region, trust-data age, how long ago the endpoint was
//! last reached, today's counters, and banners for stale or missing data, a clock that is
//! behind, storage problems, sync problems and a revocation list on its way.

use leptos::prelude::*;
use yima_core::Reason;
use yima_core::{ago_text as ago, reason_text};
use yima_core::{region_name, Lang, Verifier};

use crate::clock;
use crate::i18n_ui::tr;
use crate::state::AppState;
use crate::trust_store::Sync;

/// Venue type name from the signed policies (the id itself when unknown).
pub fn venue_name(state: AppState) -> String {
    let (venue, lang) = (state.prefs.with(|p| p.venue.clone()), state.lang());
    state.trust.with(|t| {
        t.policies
            .as_ref()
            .and_then(|p| p.venue_types().into_iter().find(|(id, _, _)| *id == venue).map(|(_, zh, en)| tr_owned(lang, zh, en)))
            .unwrap_or(venue)
    })
}

fn tr_owned(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::Zh {
        zh.into()
    } else {
        en.into()
    }
}

#[component]
pub fn StatusStrip() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang();
    let trust_age = move || {
        state.trust.with(|t| match &t.trust {
            Some(k) => {
                let a = ago((clock::now() - k.issued_at).num_seconds(), lang());
                match lang() {
                    Lang::Zh => format!("信任数据 {a}签发"),
                    Lang::En => format!("Trust data signed {a}"),
                }
            }
            None => tr(lang(), "无信任数据", "No trust data").into(),
        })
    };
    // Ages on the strip move on by themselves (every 30 s), not only when the data changes.
    let tick = RwSignal::new(0u32);
    if let Ok(h) = set_interval_with_handle(move || tick.update(|n| *n = n.wrapping_add(1)), std::time::Duration::from_secs(30)) {
        on_cleanup(move || h.clear());
    }
    let reached = move || {
        tick.track();
        let l = lang();
        let (at, failed) = state.trust.with(|t| (t.reached, matches!(t.sync, Sync::Failed { .. })));
        let text = match at {
            Some(at) => format!("{}{}", tr(l, "上次连上服务器：", "Endpoint reached "), ago((clock::now() - at).num_seconds(), l)),
            None => tr(l, "尚未连上服务器", "Endpoint not reached yet").into(),
        };
        (text, failed || at.is_none())
    };
    let banners = move || {
        let l = lang();
        let (reasons, sync, storage_ok, discarded) = state.trust.with(|t| {
            let v = Verifier {
                trust: t.trust.clone(),
                policies: t.policies.clone(),
                venue: state.venue(),
                revocation: t.revocation.clone(),
                clock_floor: t.date_floor,
            };
            (v.status_reasons(clock::now()), t.sync.clone(), t.storage_ok, t.discarded_corrupt)
        });
        let mut out: Vec<(&'static str, String)> = reasons
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    Reason::TrustDataStale
                        | Reason::ClockBehindTrustList
                        | Reason::NoTrustData
                        | Reason::RevocationDataStale
                        | Reason::RevocationDataMissing
                )
            })
            .map(|r| ("warn", reason_text(r, l)))
            .collect();
        out.extend(super::status_notes::notes(state, l));
        if !storage_ok {
            out.push((
                "info",
                tr(l, "本机无法保存数据：离线时将无法核验", "This device cannot keep data: verification needs the network").into(),
            ));
        }
        // No service worker (iOS in-app webviews, private windows): works online only.
        if !state.offline_ok.get() {
            out.push((
                "offline",
                tr(
                    l,
                    "此处无法离线使用：请用 Safari 或 Chrome 打开，或添加到主屏幕",
                    "No offline use here: open this page in Safari or Chrome, or add it to the home screen",
                )
                .into(),
            ));
        }
        if discarded {
            out.push((
                "info",
                tr(l, "本地保存的信任数据已损坏，已丢弃并重新获取", "The stored trust data was corrupted: discarded and fetched again")
                    .into(),
            ));
        }
        if let Sync::Rejected { why, .. } = sync {
            out.push(("warn", format!("{}{why}", tr(l, "更新被拒绝（签名或版本不符）：", "Update refused (signature or version): "))));
        }
        out
    };
    view! {
        <div class="status-strip" data-testid="status">
            <span class="venue" data-testid="venue">{move || venue_name(state)}</span>
            <span>{move || region_name(state.prefs.with(|p| p.region), lang())}</span>
            <span data-testid="trust-age">{trust_age}</span>
            <span data-testid="reached" class:stale=move || reached().1>{move || reached().0}</span>
            <span class="counters" data-testid="counters">
                <b class="c-pass"><span aria-hidden="true">"✔ "</span><span class="sr-only">{move || tr(lang(), "通过", "passed")}</span>{move || state.counters.with(|c| c.pass)}</b>
                <b class="c-deny"><span aria-hidden="true">"✖ "</span><span class="sr-only">{move || tr(lang(), "不通过", "denied")}</span>{move || state.counters.with(|c| c.deny)}</b>
                <b class="c-check"><span aria-hidden="true">"? "</span><span class="sr-only">{move || tr(lang(), "人工核验", "checked by hand")}</span>{move || state.counters.with(|c| c.check)}</b>
            </span>
        </div>
        {move || banners().into_iter().map(|(kind, text)| view! {
            <p class=format!("banner {}", if matches!(kind, "offline" | "download") { "info" } else { kind })
                data-testid=match kind { "offline" => "offline-note", "download" => "download", _ => "banner" }>{text}</p>
        }).collect_view()}
    }
}
