//! Settings: venue type and region (from the signed policies), language, sound, vibration,
//! and the endpoint's status with a manual refresh. Locked in kiosk mode.

use leptos::prelude::*;
use yima_core::age_text as age;
use yima_core::{region_known, region_name, Lang};

use crate::clock;
use crate::i18n_ui::{local_time, tr};
use crate::state::AppState;
use crate::trust_store::{Sync, ENDPOINT};

/// Regions offered: every province, plus the current code when it is finer (e.g. a city set
/// by URL). Policies are selected by exact code, then province, then national.
fn regions(current: u32) -> Vec<u32> {
    let mut out: Vec<u32> = (11..=82).map(|p| p * 10000).filter(|c| region_known(*c)).collect();
    if !out.contains(&current) {
        out.insert(0, current);
    }
    out
}

#[component]
pub fn SettingsScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang();
    let edit = move |f: Box<dyn FnOnce(&mut crate::prefs::Prefs)>| {
        if state.kiosk {
            return;
        }
        state.prefs.update(|p| f(p));
        state.prefs.with_untracked(|p| p.save());
    };
    let venues = move || {
        state.trust.with(|t| {
            t.policies.as_ref().map_or_else(Vec::new, |p| {
                p.venue_types()
                    .into_iter()
                    .map(|(id, zh, en)| (id.to_string(), if lang() == Lang::Zh { zh.to_string() } else { en.to_string() }))
                    .collect()
            })
        })
    };
    let endpoint_rows = move || {
        let l = lang();
        state.trust.with(|t| {
            let now = clock::now();
            let mut rows: Vec<(String, String)> = Vec::new();
            rows.push((tr(l, "地址", "Endpoint").into(), ENDPOINT.into()));
            match &t.trust {
                Some(k) => rows.push((
                    tr(l, "密钥列表", "Trust list").into(),
                    format!("#{} · {} · {}", k.sequence, local_time(k.issued_at), age((now - k.issued_at).num_seconds(), l)),
                )),
                None => rows.push((tr(l, "密钥列表", "Trust list").into(), "—".into())),
            }
            match &t.policies {
                Some(p) => rows.push((
                    tr(l, "场所规则", "Policies").into(),
                    format!("#{} · {} · {}", p.sequence, local_time(p.issued_at), age((now - p.issued_at).num_seconds(), l)),
                )),
                None => rows.push((tr(l, "场所规则", "Policies").into(), "—".into())),
            }
            let revocation = t.revocation.as_ref().map_or_else(
                || "—".to_string(),
                |r| {
                    let delta = r.delta().map_or(0, |d| d.entries.len());
                    format!(
                        "{} {} (+{delta}) · {} · {}",
                        r.entry_count(),
                        tr(l, "条", "entries"),
                        local_time(r.issued_at()),
                        age((now - r.issued_at()).num_seconds(), l)
                    )
                },
            );
            rows.push((tr(l, "撤销名单", "Revocation list").into(), revocation));
            let sync = match &t.sync {
                Sync::Never => tr(l, "尚未同步", "not synced yet").to_string(),
                Sync::Running => tr(l, "同步中…", "syncing…").to_string(),
                Sync::Ok { at } => format!("{} {}", tr(l, "成功", "OK"), local_time(*at)),
                Sync::Failed { at, why } => {
                    format!("{} {} ({why})", tr(l, "失败，继续使用上次数据", "failed, keeping the last good copy"), local_time(*at))
                }
                Sync::Rejected { at, why } => format!("{} {} ({why})", tr(l, "已拒绝", "refused"), local_time(*at)),
            };
            rows.push((tr(l, "上次同步", "Last sync").into(), sync));
            rows
        })
    };
    view! {
        <section class="settings" data-testid="settings">
            <Show when=move || state.kiosk>
                <p class="banner info">{move || tr(lang(), "设置已由管理方锁定", "Settings are locked by the operator")}</p>
            </Show>
            <label>{move || tr(lang(), "场所类型", "Venue type")}
                <select data-testid="venue-select" prop:disabled=state.kiosk
                    on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |p| p.venue = v)); }>
                    {move || venues().into_iter().map(|(id, name)| {
                        let selected = state.prefs.with(|p| p.venue == id);
                        view! { <option value=id.clone() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{move || tr(lang(), "所在地区", "Region")}
                <select data-testid="region-select" prop:disabled=state.kiosk
                    on:change=move |ev| { if let Ok(r) = event_target_value(&ev).parse() { edit(Box::new(move |p| p.region = r)); } }>
                    {move || regions(state.prefs.with(|p| p.region)).into_iter().map(|r| {
                        let selected = state.prefs.with(|p| p.region == r);
                        view! { <option value=r.to_string() selected=selected>{format!("{} {r}", region_name(r, lang()))}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{move || tr(lang(), "语言", "Language")}
                <select data-testid="lang-select" prop:disabled=state.kiosk
                    on:change=move |ev| { let l = Lang::parse(&event_target_value(&ev)).unwrap_or_default(); edit(Box::new(move |p| p.lang = l)); }>
                    <option value="zh" selected=move || lang() == Lang::Zh>"中文"</option>
                    <option value="en" selected=move || lang() == Lang::En>"English"</option>
                </select>
            </label>
            <label class="check"><input type="checkbox" prop:checked=move || state.prefs.with(|p| p.sound) prop:disabled=state.kiosk
                on:change=move |ev| { let on = event_target_checked(&ev); edit(Box::new(move |p| p.sound = on)); }/>
                {move || tr(lang(), "提示音", "Sound")}</label>
            <label class="check"><input type="checkbox" prop:checked=move || state.prefs.with(|p| p.vibrate) prop:disabled=state.kiosk
                on:change=move |ev| { let on = event_target_checked(&ev); edit(Box::new(move |p| p.vibrate = on)); }/>
                {move || tr(lang(), "振动", "Vibration")}</label>
            <h2>{move || tr(lang(), "信任数据", "Trust data")}</h2>
            <dl class="endpoint" data-testid="endpoint-status">
                {move || endpoint_rows().into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            <button data-testid="refresh" on:click=move |_| state.refresh_trust()>{move || tr(lang(), "立即更新", "Refresh now")}</button>
        </section>
    }
}
