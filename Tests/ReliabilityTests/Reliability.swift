import Testing

/// Faults, crashes, full disks and hostile input (issue #7). One serialized suite: the crash and
/// memory tests measure the process and the machine, so the cases must not run over each other.
@Suite(.serialized) enum Reliability {}
