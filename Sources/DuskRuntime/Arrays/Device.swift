/// The array API's devices: every Dusk array lives in main memory, which the standard (and
/// NumPy) calls "cpu". `device=` arguments are checked, so code written for the standard runs,
/// and a GPU request gets NumPy's error instead of being silently ignored.
enum Device {
    /// The name `x.device` returns.
    static let cpu = "cpu"

    /// Accepts `None` and `"cpu"`; anything else gets NumPy's `ValueError`.
    static func check(_ value: Value) throws {
        switch value {
        case .none: return
        case .str(let name) where name == cpu: return
        default: throw DuskError(.valueError, "Device not understood. Only \"cpu\" is allowed, but received: \(value.str)")
        }
    }

    /// `x.to_device(device)`: only `"cpu"`, with the message NumPy's method gives.
    static func checkTarget(_ value: Value) throws {
        guard case .str(let name) = value else {
            throw DuskError(.typeError, "to_device() argument 1 must be str, not \(value.isNone ? "None" : value.typeName)")
        }
        guard name == cpu else { throw DuskError(.valueError, "Unsupported device: \(name). Only 'cpu' is accepted.") }
    }
}
