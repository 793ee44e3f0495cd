//! The scan screen: live camera with an aiming frame, torch / camera switch, and the
//! fallbacks (photo, scan gun / paste) that stay available whatever the camera does.

use leptos::html::Video;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::camera::{CameraState, Scanner};
use crate::i18n_ui::tr;
use crate::scan_flow::handle_text;
use crate::screens::status::StatusStrip;
use crate::state::AppState;

/// Keys closer together than this belong to one scan-gun burst (guns type a code in well
/// under this per key; stray typing with no field focused only yields a "not recognised" card).
const WEDGE_GAP_MS: f64 = 300.0;
/// The decoder worker: its key in index.html's `self.__yimaModules` (the file name carries a hash).
const WORKER: &str = "worker";

type Callbacks = (Closure<dyn Fn(String, f64)>, Closure<dyn Fn(String, String)>);

#[component]
pub fn ScanScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let video = NodeRef::<Video>::new();
    let cam = RwSignal::new(CameraState::Off);
    let torch = RwSignal::new(false);
    let can_torch = RwSignal::new(false);
    let cameras = RwSignal::new(0u32);
    let scanner: StoredValue<Option<(Scanner, Callbacks)>, LocalStorage> = StoredValue::new_local(None);

    Effect::new(move |_| {
        let Some(el) = video.get() else { return };
        if scanner.with_value(Option::is_some) {
            return;
        }
        let on_text = Closure::<dyn Fn(String, f64)>::new(move |text: String, since: f64| {
            handle_text(state, &text, Some(since));
        });
        let on_state = Closure::<dyn Fn(String, String)>::new(move |s: String, detail: String| {
            let st = CameraState::from_js(&s, &detail);
            if st == CameraState::Live {
                torch.set(false); // a (re)started track has its torch off
                scanner.with_value(|v| {
                    if let Some((sc, _)) = v {
                        can_torch.set(sc.can_torch().unwrap_or(false));
                        cameras.set(sc.camera_count().unwrap_or(0));
                    }
                });
            }
            cam.set(st);
        });
        match Scanner::new(&el, WORKER, on_text.as_ref().unchecked_ref(), on_state.as_ref().unchecked_ref()) {
            Ok(sc) => {
                let _ = sc.start();
                scanner.set_value(Some((sc, (on_text, on_state))));
            }
            Err(_) => cam.set(CameraState::Error("camera glue failed".into())),
        }
    });
    on_cleanup(move || {
        if let Some(Some((sc, _cbs))) = scanner.try_update_value(Option::take) {
            let _ = sc.destroy();
        }
    });

    let retry = move |_| {
        scanner.with_value(|v| {
            if let Some((sc, _)) = v {
                let _ = sc.start();
            }
        })
    };
    let toggle_torch = move |_| {
        let on = !torch.get_untracked();
        scanner.with_value(|v| {
            if let Some((sc, _)) = v {
                let _ = sc.set_torch(on);
            }
        });
        torch.set(on);
    };
    let switch = move |_| {
        scanner.with_value(|v| {
            if let Some((sc, _)) = v {
                let _ = sc.next_camera();
            }
        })
    };
    let on_photo = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let promise = scanner.with_value(|v| v.as_ref().and_then(|(sc, _)| sc.decode_file(&file).ok()));
        let Some(promise) = promise else { return };
        state.notice.set(Some(tr(state.lang(), "正在识别照片…", "Reading the photo…").into()));
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(promise).await.ok().and_then(|v| v.as_string());
            state.notice.set(None);
            match text {
                Some(t) => {
                    state.last_seen.set_value(None); // a photo is always a deliberate scan
                    handle_text(state, &t, None);
                }
                None => state.notice.set(Some(
                    tr(
                        state.lang(),
                        "照片中未找到二维码，请重拍或改用扫码枪",
                        "No QR code found in the photo: retake it or use the scan gun",
                    )
                    .into(),
                )),
            }
        });
    };

    view! {
        <section class="scan">
            <StatusStrip/>
            <div class="viewfinder" class:live=move || cam.get() == CameraState::Live>
                <video node_ref=video data-testid="camera" playsinline muted autoplay></video>
                <div class="aim" aria-hidden="true"></div>
                <div class="cam-controls">
                    <Show when=move || can_torch.get()>
                        <button data-testid="torch" on:click=toggle_torch class:on=move || torch.get()>
                            {move || tr(state.lang(), "手电筒", "Torch")}
                        </button>
                    </Show>
                    <Show when=move || { cameras.get() > 1 }>
                        <button data-testid="switch-camera" on:click=switch>{move || tr(state.lang(), "切换摄像头", "Switch camera")}</button>
                    </Show>
                </div>
                // Live: a camera problem is read out when it appears.
                <div aria-live="assertive" data-testid="camera-live">
                {move || camera_message(cam.get(), state).map(|(msg, detail)| view! {
                    <div class="cam-problem" data-testid="camera-problem" data-state=move || cam.get().code()>
                        <p>{msg}</p>
                        <p class="hint">{detail}</p>
                        <button data-testid="camera-retry" on:click=retry>{if cam.get_untracked() == CameraState::NeedsTap {
                            tr(state.lang(), "开启摄像头", "Start the camera")
                        } else {
                            tr(state.lang(), "重试摄像头", "Try the camera again")
                        }}</button>
                    </div>
                })}
                </div>
            </div>
            <div aria-live="polite" data-testid="notice-live">
                {move || state.notice.get().map(|n| view! { <p class="notice" data-testid="notice">{n}</p> })}
            </div>
            <div class="fallbacks">
                <label class="photo-button">
                    {move || tr(state.lang(), "拍照识别", "Take a photo")}
                    <input type="file" accept="image/*" capture="environment" data-testid="photo-input" on:change=on_photo/>
                </label>
                <ManualInput/>
            </div>
        </section>
    }
}

/// What went wrong with the camera and what to do instead.
fn camera_message(s: CameraState, state: AppState) -> Option<(&'static str, &'static str)> {
    let l = state.lang();
    let fallback = tr(l, "可改用下方“拍照识别”或扫码枪 / 粘贴。", "Use “Take a photo” or the scan gun / paste below instead.");
    let msg = match s {
        CameraState::Denied => tr(
            l,
            "未获得摄像头权限。请在浏览器设置中允许使用摄像头。",
            "Camera permission was refused. Allow the camera in the browser settings.",
        ),
        CameraState::NoCamera => tr(l, "未找到可用的摄像头。", "No camera was found."),
        CameraState::InUse => {
            tr(l, "摄像头正被其他应用占用，请关闭后重试。", "The camera is in use by another app: close it and try again.")
        }
        CameraState::Ended => tr(l, "摄像头已断开。", "The camera stopped."),
        CameraState::DecoderDown => tr(l, "识别模块反复出错，已停止。", "The decoder keeps failing and was stopped."),
        CameraState::NeedsTap => tr(l, "轻触下方按钮开启摄像头。", "Tap the button below to start the camera."),
        CameraState::Error(_) => tr(l, "摄像头无法启动。", "The camera could not start."),
        CameraState::Off | CameraState::Starting | CameraState::Live => return None,
    };
    Some((msg, fallback))
}

/// Text input for a keyboard-wedge scan gun (text + Enter) or pasted QR text; a burst of
/// fast keys with no field focused is taken as a scan too.
#[component]
fn ManualInput() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let submit = move || {
        let t = text.get_untracked();
        text.set(String::new());
        state.last_seen.set_value(None);
        handle_text(state, &t, None);
    };
    let burst: StoredValue<(String, f64)> = StoredValue::new((String::new(), 0.0));
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let focused_input = document().active_element().is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if focused_input {
            return;
        }
        let now = crate::clock::perf_now();
        let key = ev.key();
        burst.update_value(|(buf, last)| {
            if now - *last > WEDGE_GAP_MS {
                buf.clear();
            }
            *last = now;
            if key == "Enter" {
                let t = std::mem::take(buf);
                if t.len() >= 8 {
                    state.last_seen.set_value(None);
                    handle_text(state, &t, None);
                }
            } else if key.chars().count() == 1 {
                buf.push_str(&key);
            }
        });
    });
    on_cleanup(move || handle.remove());
    view! {
        <form class="manual" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <input type="text" data-testid="manual-input" autocomplete="off" autocapitalize="off" spellcheck="false"
                placeholder=move || tr(state.lang(), "扫码枪 / 粘贴内容", "Scan gun / paste")
                aria-label=move || tr(state.lang(), "扫码枪 / 粘贴二维码内容，回车确认", "Scan gun / paste QR text, then Enter")
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <button type="submit" data-testid="manual-submit">{move || tr(state.lang(), "核验", "Verify")}</button>
        </form>
    }
}
