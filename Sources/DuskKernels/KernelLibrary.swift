#if canImport(Glibc)
import Glibc
#endif
import DuskArray
import DuskGraph
import DuskRuntime
import DuskScheduler

// Dusk's kernel library: the C entry points `dusk_bridge` calls through ctypes on Dask
// workers. Every entry point returns a status and never traps on bad input: an error becomes
// a result holding the error as JSON (a trap would kill the Dask worker).

/// Version of the task bytes and value encoding this library reads; Dusk refuses workers whose
/// library reports another (`dusk_bridge`'s pre-flight check).
@_cdecl("dusk_abi_version")
public func duskABIVersion() -> Int32 { Int32(RemoteTaskProgram.version) }

/// The library's version string (static storage).
@_cdecl("dusk_version")
public func duskVersion() -> UnsafePointer<CChar> { KernelLibrary.versionText }

/// NumPy's name of dtype code `code` (Dusk's `DType` raw values), or NULL past the last.
@_cdecl("dusk_dtype_name")
public func duskDTypeName(_ code: Int32) -> UnsafePointer<CChar>? {
    code >= 0 && Int(code) < KernelLibrary.dtypeNames.count ? KernelLibrary.dtypeNames[Int(code)] : nil
}

/// Runs one task: `spec` is a `RemoteTaskProgram`'s bytes, `descriptor` describes the
/// `count` inputs as words (`KernelLibrary.inputs`). Stores a new result handle in `result`
/// (an array, a value or an error); returns 0, or 1 when the result is an error.
@_cdecl("dusk_task_run")
public func duskTaskRun(_ spec: UnsafePointer<UInt8>?, _ specLength: Int64, _ count: Int64,
                        _ descriptor: UnsafePointer<Int64>?, _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32 {
    guard let result else { return 2 }
    let outcome = KernelLibrary.run(spec: spec, length: specLength, count: count, descriptor: descriptor)
    result.pointee = Unmanaged.passRetained(outcome).toOpaque()
    return outcome.kind == .error ? 1 : 0
}

/// Writes a result's description into `words` (at most `capacity`): kind (0 array, 1 value,
/// 2 error), dtype code, ndim, data address, byte count, shape, strides in bytes. Returns the
/// number of words written.
@_cdecl("dusk_result_describe")
public func duskResultDescribe(_ handle: UnsafeMutableRawPointer?, _ words: UnsafeMutablePointer<Int64>?,
                               _ capacity: Int64) -> Int64 {
    guard let handle, let words else { return 0 }
    let outcome = Unmanaged<TaskOutcome>.fromOpaque(handle).takeUnretainedValue()
    let all = outcome.words
    let n = min(all.count, Int(max(0, capacity)))
    for i in 0..<n { words[i] = all[i] }
    return Int64(n)
}

/// Frees a result (its array goes when the last NumPy view of it goes).
@_cdecl("dusk_result_release")
public func duskResultRelease(_ handle: UnsafeMutableRawPointer?) {
    guard let handle else { return }
    Unmanaged<TaskOutcome>.fromOpaque(handle).release()
}

/// Sets (1) or clears (0) the cancellation flag that running kernels check between tiles.
@_cdecl("dusk_cancel")
public func duskCancel(_ on: Int32) {
    KernelLibrarySupport.setCancelled(on != 0)
}
