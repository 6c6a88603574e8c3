import DuskArray

/// Block generators the NDArray module does not offer: its `arange` and `linspace` make whole
/// arrays, and a block needs elements `range` computed exactly as the whole array computes
/// them (so lazy results equal eager ones bit for bit). Written in plain Swift until the
/// NDArray module takes an offset (then each becomes one call, and this file goes away).
enum InterimKernels {
    /// Elements `range` of NumPy's `arange(start, _, step)`: `start + i * delta`, where NumPy's
    /// fill uses `delta = (start + step) - start`.
    static func arange(start: Double, step: Double, range: Range<Int>, dtype: DType) -> NDArray {
        if dtype.isInteger {
            let first = Int64(start)
            let delta = Int64(step)
            let values = range.map { first &+ Int64($0) &* delta }
            return (try! NDArray(values, shape: [range.count])).converted(to: dtype)
        }
        if dtype == .float32 {
            let first = Float(start)
            let delta = Float(start + step) - first
            let values = range.map { first + Float($0) * delta }
            return try! NDArray(values, shape: [range.count])
        }
        let delta = (start + step) - start
        let values = range.map { start + Double($0) * delta }
        return (try! NDArray(values, shape: [range.count])).converted(to: dtype)
    }

    /// Elements `range` of NumPy's `linspace(start, stop, num, endpoint)`, computed as NumPy
    /// does: `i * step + start` (or `i / div * delta + start` when the step underflows to 0),
    /// with the last element exactly `stop` when `endpoint` holds.
    static func linspace(start: Double, stop: Double, num: Int, endpoint: Bool, range: Range<Int>,
                         dtype: DType) -> NDArray {
        let div = Double(endpoint ? num - 1 : num)
        let delta = stop - start
        let step = div > 0 ? delta / div : .nan
        let values: [Double] = range.map { position in
            let i = Double(position)
            var value: Double
            if div > 0 {
                value = step == 0 ? (i / div) * delta : i * step
            } else {
                value = i * delta
            }
            value += start
            if endpoint && num > 1 && position == num - 1 { value = stop }
            return dtype.isInteger || dtype == .bool ? value.rounded(.down) : value
        }
        return (try! NDArray(values, shape: [range.count])).converted(to: dtype)
    }
}
