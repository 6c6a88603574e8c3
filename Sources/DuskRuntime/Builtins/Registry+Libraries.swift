/// The libraries every session starts with, in installation order.
///
/// To add built-ins from your area, write `enum MyLibrary { static func install(_ r: inout Registry) }`
/// in your own file and add one line here (or call `Builtins.addLibrary` at startup).
extension Builtins {
    static let standardLibraries: [Installer] = [
        CoreLibrary.install,
        NumberLibrary.install,
        SequenceLibrary.install,
        HelpLibrary.install,
        DisplayLibrary.install,
        MathLibrary.install,
        TimeLibrary.install,
        RandomLibrary.install,
        SystemLibrary.install,
        FileSystemLibrary.install,
        NamespaceStubs.install,
        ArrayBindings.install,
    ]
}
