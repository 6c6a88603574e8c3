/// Per-compute settings every scheduler understands.
public struct ComputeOptions: Sendable {
    /// Draw a progress bar on stderr when it is a terminal and the compute lasts over
    /// half a second.
    public var progress: Bool
    /// Checked between tasks; when set, the compute stops and throws `ComputeCancelled`.
    public var cancellation: CancellationFlag

    /// Options with the process-wide defaults: `SchedulerDefaults.configuration.progress`
    /// and the Ctrl-C flag `Interruption.flag`.
    public init(progress: Bool? = nil, cancellation: CancellationFlag? = nil) {
        self.progress = progress ?? SchedulerDefaults.configuration.progress
        self.cancellation = cancellation ?? Interruption.flag
    }
}
