//! The strip's banners about the page's own copy of the signed data (issue 21 B, C, I): a copy
//! that could not be stored, a stored copy older than one accepted before, an endpoint that was
//! not reached (a service worker answered from its cache), and a revocation list on its way.

use leptos::prelude::*;
use yima_core::Lang;

use crate::i18n_ui::tr;
use crate::state::AppState;
use crate::trust_store::{Sync, NOT_REACHED};

/// (kind, text) of each banner that applies now.
pub fn notes(state: AppState, l: Lang) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let (write_failed, outdated, cached) = state.trust.with(|t| {
        let cached = matches!(&t.sync, Sync::Failed { why, .. } if why.contains(NOT_REACHED));
        (t.write_failed, t.stored_outdated, cached)
    });
    if write_failed {
        out.push((
            "warn",
            tr(
                l,
                "本机存储已满或不可写：新数据仅在本页打开期间有效，重新打开时需要联网",
                "This device could not store the new data (storage full?): it is used until the page closes, then fetched again",
            )
            .into(),
        ));
    }
    if outdated {
        out.push((
            "warn",
            tr(
                l,
                "本地保存的数据比已接受过的版本旧（存储写入失败？），未使用，正在重新获取",
                "The stored data is older than a version accepted before (a failed write?): not used, fetching again",
            )
            .into(),
        ));
    }
    if cached {
        out.push((
            "warn",
            tr(l, "无法连接服务器：正在使用本机保存的数据", "The endpoint could not be reached: using the data kept on this device").into(),
        ));
    }
    if let Some((got, total)) = state.download.get() {
        // Integer arithmetic only: float formatting would add about 10 KB to the first paint.
        let (got, total) = (got.max(0.0) as u64, total.max(0.0) as u64);
        let mb = |b: u64| {
            if b < 1 << 20 {
                format!("{}\u{a0}KB", b >> 10)
            } else {
                format!("{}.{}\u{a0}MB", b >> 20, ((b % (1 << 20)) * 10) >> 20)
            }
        };
        let of = if total > 0 { format!(" / {} ({}\u{a0}%)", mb(total), got.saturating_mul(100) / total) } else { String::new() };
        out.push(("download", format!("{}{}{of}", tr(l, "正在下载撤销名单：", "Downloading the revocation list: "), mb(got))));
    }
    out
}
