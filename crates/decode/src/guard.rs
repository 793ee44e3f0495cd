//! Keeps decoder panics from reaching the scanner.

/// Runs `f`, turning a panic into `None` on targets that can unwind (native builds).
///
/// On `wasm32-unknown-unknown` panics abort regardless; there the worker is restarted by the app.
pub fn no_panic<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    #[cfg(panic = "unwind")]
    {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok().flatten()
    }
    #[cfg(not(panic = "unwind"))]
    {
        f()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panicking_decoder_yields_none() {
        let r: Option<u8> = super::no_panic(|| panic!("decoder bug"));
        assert_eq!(r, None);
        assert_eq!(super::no_panic(|| Some(3)), Some(3));
    }
}
