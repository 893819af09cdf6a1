extension CommandFailure {
    /// Throws the exit status of a command whose details are already printed, unless it is 0.
    static func exit(unlessZero status: Int32) throws {
        if status != 0 { throw CommandFailure(status: status, message: nil) }
    }
}
