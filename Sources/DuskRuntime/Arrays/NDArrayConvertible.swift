import DuskArray

/// A library value that can be read as a concrete array: `np.array(x)`, `np.asarray(x)`,
/// `da.from_array(x)` and arithmetic with arrays accept it (a Zarr array, for example).
///
/// Conform a `RuntimeObject` in its own module's bindings; reading may do I/O, so it throws.
public protocol NDArrayConvertible: RuntimeObject {
    /// The whole value as an array.
    func ndarray(context: ExecutionContext) throws -> NDArray
}
