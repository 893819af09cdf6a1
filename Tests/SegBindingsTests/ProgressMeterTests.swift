import XCTest
@testable import SegBindings

/// The arithmetic behind `progress`: rates, ETAs and when a plain line is due.
final class ProgressMeterTests: XCTestCase {
    func testNoRateUntilAWholeItemIsDone() {
        var meter = ProgressMeter(total: 10)
        meter.handOut(at: 100.0)
        XCTAssertEqual(meter.completed, 0)
        XCTAssertNil(meter.rate, "handing out the first item measures nothing")
        XCTAssertEqual(meter.rateText, "-- it/s")
        XCTAssertEqual(meter.etaText, "--")
        // A 3 it/s loop: the second item is asked for a third of a second later.
        meter.handOut(at: 100.0 + 1.0 / 3)
        XCTAssertEqual(meter.completed, 1)
        XCTAssertEqual(meter.rate ?? 0, 3, accuracy: 1e-9)
        XCTAssertEqual(meter.rateText, "3.00 it/s")
        XCTAssertEqual(meter.eta ?? 0, 3, accuracy: 1e-9, "9 items left at 3 it/s")
        XCTAssertEqual(meter.etaText, "3s")
    }

    func testSlowLoopsShowSecondsPerItem() {
        var meter = ProgressMeter(total: 4)
        meter.handOut(at: 0)
        meter.handOut(at: 2.5)
        XCTAssertEqual(meter.rateText, "2.50 s/it")
        XCTAssertEqual(meter.etaText, "8s")
    }

    func testFinishedLoopCountsEveryItemAndShowsItsDuration() {
        var meter = ProgressMeter(total: 3)
        for t in [0.0, 1.0, 2.0] { meter.handOut(at: t) }
        XCTAssertEqual(meter.completed, 2)
        meter.finish(at: 3.0)
        XCTAssertEqual(meter.completed, 3)
        XCTAssertEqual(meter.rateText, "1.00 it/s")
        XCTAssertEqual(meter.barLine(label: "train", width: 6), "train ██████ 3/3  1.00 it/s  in 3s")
        XCTAssertEqual(meter.plainLine(label: "train"), "train: 3/3 (100%)  1.00 it/s  in 3s")
    }

    func testBarLineEndsWithTheETAUnitOnce() {
        var meter = ProgressMeter(total: 100)
        meter.handOut(at: 0)
        meter.handOut(at: 0.5)
        let line = meter.barLine(label: "", width: 10)
        XCTAssertEqual(line, "·········· 1/100  2.00 it/s  ETA 50s")
        XCTAssertFalse(line.hasSuffix("s s"))
    }

    func testDurations() {
        XCTAssertEqual(ProgressMeter.duration(0.4), "0s")
        XCTAssertEqual(ProgressMeter.duration(59.6), "1m00s")
        XCTAssertEqual(ProgressMeter.duration(185), "3m05s")
        XCTAssertEqual(ProgressMeter.duration(3720), "1h02m")
        XCTAssertEqual(ProgressMeter.duration(.infinity), ProgressMeter.duration(1e9), "no trap on absurd values")
        XCTAssertEqual(ProgressMeter.duration(-5), "0s")
    }

    func testPlainLinesComeEachTenthOrEveryThirtySeconds() {
        var schedule = PlainProgressSchedule(total: 100, start: 0)
        var due: [Int] = []
        for completed in 0...99 where schedule.isDue(completed: completed, now: Double(completed) * 0.01) { due.append(completed) }
        XCTAssertEqual(due, [10, 20, 30, 40, 50, 60, 70, 80, 90], "one line per tenth, none before the first item is done")

        var slow = PlainProgressSchedule(total: 1000, start: 0)
        XCTAssertFalse(slow.isDue(completed: 1, now: 10))
        XCTAssertTrue(slow.isDue(completed: 2, now: 30), "30 s without a line")
        XCTAssertFalse(slow.isDue(completed: 3, now: 45))
        XCTAssertTrue(slow.isDue(completed: 4, now: 60.5))
        XCTAssertTrue(slow.isDue(completed: 100, now: 61), "a tenth reached")
        XCTAssertFalse(slow.isDue(completed: 101, now: 62))

        var unknown = PlainProgressSchedule(total: 0, start: 0)
        XCTAssertFalse(unknown.isDue(completed: 500, now: 29))
        XCTAssertTrue(unknown.isDue(completed: 900, now: 31), "without a total only the clock counts")
    }
}
