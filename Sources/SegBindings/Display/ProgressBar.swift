import Foundation
import SegScript

/// Where `progress` writes, process-wide (stderr is): a live bar on a terminal, plain periodic
/// lines otherwise, or nothing (`segnb run --quiet`).
public enum ProgressDisplay {
    /// How progress is shown.
    public enum Mode: Sendable {
        /// A redrawn bar when stderr is a terminal; otherwise a plain line every 10% or 30 s.
        case automatic
        /// Nothing.
        case silent
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var storedMode = Mode.automatic
    nonisolated(unsafe) private static var storedBarOnScreen = false

    /// The current mode; the command line sets it once before running anything.
    public static var mode: Mode {
        get { lock.withLock { storedMode } }
        set { lock.withLock { storedMode = newValue } }
    }

    /// Whether a live bar's line is on the terminal, unfinished.
    static var barOnScreen: Bool {
        get { lock.withLock { storedBarOnScreen } }
        set { lock.withLock { storedBarOnScreen = newValue } }
    }

    /// Erases a live bar's line before other text is written to the terminal, so printed lines
    /// do not land in the middle of the bar; the bar is drawn again at the next item.
    public static func clearBarBeforeOutput() {
        let erase = lock.withLock { () -> Bool in
            defer { storedBarOnScreen = false }
            return storedBarOnScreen
        }
        if erase { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// `progress(iterable)`: passes the items through, drawing on stderr as they go. Nothing reaches
/// the output sink, so reports never contain it.
enum ProgressBar {
    /// An iterator over `iterable` that draws as it goes.
    static func wrap(_ iterable: Value, label: String, interpreter: Interpreter) throws -> Value {
        let next: (Interpreter) throws -> Value?
        let total: Int
        if let object = iterable.asObject, let iterator = try object.makeIterator(interpreter) {
            total = try object.length() ?? 0
            next = { try iterator.next($0) }
        } else {
            let items = try interpreter.iterate(iterable)
            total = items.count
            var index = 0
            next = { _ in
                guard index < items.count else { return nil }
                index += 1
                return items[index - 1]
            }
        }
        let reporter = ProgressReporter.make(label: label, total: total)
        let object = ProgressObject(ClosureIterator { interpreter in
            guard let item = try next(interpreter) else {
                reporter?.finish()
                return nil
            }
            reporter?.handedOut()
            return item
        }, count: total)
        return .object(object)
    }
}

/// Counts a loop's items and turns them into a rate and an ETA. Item k is handed out when k - 1
/// are done, and the clock starts at the first hand-out, so the first reading is one whole item
/// (not the instant between fetching item 1 and asking for it, which gave absurd rates).
struct ProgressMeter {
    /// Items expected (0 when unknown).
    let total: Int
    private(set) var handedOut = 0
    private(set) var finished = false
    private var firstHandOut: Double?
    private var lastTime = 0.0

    init(total: Int) { self.total = total }

    /// Items completed so far.
    var completed: Int { finished ? handedOut : max(0, handedOut - 1) }

    /// Records that the next item was handed out at `now` (seconds).
    mutating func handOut(at now: Double) {
        if firstHandOut == nil { firstHandOut = now }
        handedOut += 1
        lastTime = now
    }

    /// Records that the iteration ended at `now`.
    mutating func finish(at now: Double) {
        finished = true
        lastTime = now
    }

    /// Seconds since the first item was handed out.
    var elapsed: Double { firstHandOut.map { lastTime - $0 } ?? 0 }

    /// Items per second, once at least one item is complete.
    var rate: Double? {
        guard completed >= 1, elapsed > 0 else { return nil }
        return Double(completed) / elapsed
    }

    /// Seconds left at the current rate, when the total and a rate are known.
    var eta: Double? {
        guard total > 0, let rate, rate > 0 else { return nil }
        return Double(max(0, total - completed)) / rate
    }

    /// `3.02 it/s`, or `2.50 s/it` when an item takes more than a second; `-- it/s` before the first reading.
    var rateText: String {
        guard let rate else { return "-- it/s" }
        return rate >= 1 ? String(format: "%.2f it/s", rate) : String(format: "%.2f s/it", 1 / rate)
    }

    /// The ETA as `42s`, `3m05s`, `1h02m`; `--` while unknown.
    var etaText: String { eta.map(Self.duration) ?? "--" }

    /// A short duration for humans.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(min(max(seconds.rounded(), 0), 1e9))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }

    /// The terminal bar line (without the carriage return): label, bar, count, rate, ETA.
    func barLine(label: String, width: Int = 30) -> String {
        let count = max(total, completed)
        let filled = count > 0 ? min(width, completed * width / count) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let head = label.isEmpty ? "" : label + " "
        if finished { return "\(head)\(bar) \(completed)/\(count)  \(rateText)  in \(Self.duration(elapsed))" }
        return "\(head)\(bar) \(completed)/\(count)  \(rateText)  ETA \(etaText)"
    }

    /// A plain log line: `label: 40/100 (40%)  3.02 it/s  ETA 20s`.
    func plainLine(label: String) -> String {
        let head = (label.isEmpty ? "progress" : label) + ": "
        let count = total > 0 ? "\(completed)/\(total) (\(completed * 100 / total)%)" : "\(completed)"
        if finished { return "\(head)\(count)  \(rateText)  in \(Self.duration(elapsed))" }
        return "\(head)\(count)  \(rateText)  ETA \(etaText)"
    }
}

/// When a plain (non-terminal) progress line is due: each further 10% of the total, or 30 s
/// after the previous line, whichever comes first, and once at the end.
struct PlainProgressSchedule {
    /// Seconds between lines when the tenths come slowly.
    static let interval = 30.0
    let total: Int
    private var tenthsReported = 0
    private var lastLine: Double

    /// A schedule whose clock starts at `start`.
    init(total: Int, start: Double) {
        self.total = total
        self.lastLine = start
    }

    /// Whether a line is due with `completed` items done at `now`; records it when it is.
    mutating func isDue(completed: Int, now: Double) -> Bool {
        let tenths = total > 0 ? min(10, completed * 10 / total) : 0
        guard completed > 0, tenths > tenthsReported || now - lastLine >= Self.interval else { return false }
        tenthsReported = max(tenthsReported, tenths)
        lastLine = now
        return true
    }
}

/// Writes one loop's progress to stderr; ends the bar's line when the loop ends or is abandoned.
final class ProgressReporter {
    private enum Style { case terminal, plain }
    private let label: String
    private let style: Style
    private var meter: ProgressMeter
    private var schedule: PlainProgressSchedule
    private var lastDraw = -Double.infinity
    private var done = false

    /// A reporter for the current display mode, or nil when progress is silent.
    static func make(label: String, total: Int) -> ProgressReporter? {
        guard ProgressDisplay.mode == .automatic else { return nil }
        return ProgressReporter(label: label, total: total, terminal: isatty(2) == 1)
    }

    private init(label: String, total: Int, terminal: Bool) {
        self.label = label
        self.style = terminal ? .terminal : .plain
        self.meter = ProgressMeter(total: total)
        self.schedule = PlainProgressSchedule(total: total, start: Self.now())
    }

    deinit { finish(abandoned: true) }

    /// The next item is being handed out.
    func handedOut() {
        let now = Self.now()
        meter.handOut(at: now)
        switch style {
        case .terminal:
            // Redraw at most ten times a second (a fast loop must not be slowed by its bar), and
            // at once when printed text has erased it.
            if now - lastDraw >= 0.1 || !ProgressDisplay.barOnScreen {
                draw("\r" + meter.barLine(label: label) + "\u{1B}[K")
                ProgressDisplay.barOnScreen = true
                lastDraw = now
            }
        case .plain:
            if schedule.isDue(completed: meter.completed, now: now) { draw(meter.plainLine(label: label) + "\n") }
        }
    }

    /// The loop ended, or was abandoned (a `break`): the last reading, then a newline.
    func finish(abandoned: Bool = false) {
        guard !done else { return }
        done = true
        guard meter.handedOut > 0 else { return }
        if !abandoned { meter.finish(at: Self.now()) }
        switch style {
        case .terminal:
            draw("\r" + meter.barLine(label: label) + "\u{1B}[K\n")
            ProgressDisplay.barOnScreen = false
        case .plain:
            draw(meter.plainLine(label: label) + "\n")
        }
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}

/// The iterable `progress` returns.
final class ProgressObject: ScriptObject {
    private let iterator: ClosureIterator
    private let count: Int
    init(_ iterator: ClosureIterator, count: Int) {
        self.iterator = iterator
        self.count = count
    }
    var typeName: String { "Progress" }
    func length() throws -> Int? { count }
    func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? { iterator }
}
