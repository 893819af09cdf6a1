/// Entry point of the `segnb` executable.
public enum SegnbMain {
    /// Runs the command line.
    public static func main() {
        print("segnb: the command line is not built yet")
    }
}
