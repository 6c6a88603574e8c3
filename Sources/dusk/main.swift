#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parse the arguments, run what they ask in a Session, exit with its status.
exit(DuskCommand.launch(Array(CommandLine.arguments.dropFirst())))
