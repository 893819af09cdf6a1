import Foundation
import XCTest
@testable import SegScript

/// The one byte writer and reader: exact little-endian layout, and bad input is a located error.
final class ByteCodingTests: XCTestCase {
    func testLayoutIsLittleEndianWithEightByteLengths() {
        var writer = ByteWriter<[UInt8]>()
        writer.u8(7)
        writer.u32(0x0102_0304)
        writer.int(-2)
        writer.string("é")
        writer.bool(true)
        XCTAssertEqual(writer.bytes, [7, 4, 3, 2, 1, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                      2, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0xA9, 1])
    }

    func testEveryKindRoundTripsOverArraysAndData() throws {
        func write<B>(_ writer: inout ByteWriter<B>) {
            writer.u8(200); writer.bool(false); writer.u32(.max); writer.u64(1 << 63); writer.int(.min)
            writer.double(-0.5); writer.string("naïve"); writer.optionalString(nil); writer.optionalString("x")
            writer.optionalInt(42); writer.optionalInt(nil); writer.doubles([1, .infinity, -3]); writer.strings(["a", "", "b"])
            writer.blob([9, 8, 7])
        }
        func check<B>(_ reader: inout ByteReader<B>) throws {
            XCTAssertEqual(try reader.u8(), 200)
            XCTAssertEqual(try reader.bool(), false)
            XCTAssertEqual(try reader.u32(), .max)
            XCTAssertEqual(try reader.u64(), 1 << 63)
            XCTAssertEqual(try reader.int(), .min)
            XCTAssertEqual(try reader.double(), -0.5)
            XCTAssertEqual(try reader.string(), "naïve")
            XCTAssertNil(try reader.optionalString())
            XCTAssertEqual(try reader.optionalString(), "x")
            XCTAssertEqual(try reader.optionalInt(), 42)
            XCTAssertNil(try reader.optionalInt())
            XCTAssertEqual(try reader.doubles(), [1, .infinity, -3])
            XCTAssertEqual(try reader.strings(), ["a", "", "b"])
            XCTAssertEqual(Array(try reader.blob()), [9, 8, 7])
            XCTAssertTrue(reader.isAtEnd)
        }
        var arrayWriter = ByteWriter<[UInt8]>()
        write(&arrayWriter)
        var arrayReader = ByteReader(arrayWriter.bytes, what: "test")
        try check(&arrayReader)
        var dataWriter = ByteWriter<Data>()
        write(&dataWriter)
        XCTAssertEqual(Array(dataWriter.bytes), arrayWriter.bytes)
        // A slice of a larger Data (indices not starting at 0) reads the same.
        let padded = Data([0xAA, 0xBB]) + dataWriter.bytes
        var sliceReader = ByteReader(padded.dropFirst(2), what: "test")
        try check(&sliceReader)
    }

    func testTruncationIsAnErrorNamingTheFormatAndOffset() {
        var writer = ByteWriter<[UInt8]>()
        writer.int(5)
        writer.string("hello")
        let good = writer.bytes
        for cut in 0..<good.count {
            var reader = ByteReader(Array(good.prefix(cut)), what: "widget")
            XCTAssertThrowsError(try { _ = try reader.int(); _ = try reader.string() }()) { error in
                let message = (error as? ScriptError)?.message ?? ""
                XCTAssertTrue(message.hasPrefix("stored widget is corrupt at byte "), message)
                XCTAssertTrue(message.contains("truncated") || message.contains("left can hold"), message)
            }
        }
        var reader = ByteReader(Array(good.prefix(3)), what: "widget")
        XCTAssertThrowsError(try reader.u64()) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "stored widget is corrupt at byte 0: truncated (wanted 8 bytes, 3 left)")
        }
    }

    func testCorruptLengthsFlagsAndTextAreErrors() {
        // A length larger than what is left, or negative as an Int, never allocates or traps.
        for length: UInt64 in [4, .max, 1 << 63] {
            var writer = ByteWriter<[UInt8]>()
            writer.u64(length)
            writer.raw([1, 2, 3])
            var reader = ByteReader(writer.bytes, what: "widget")
            XCTAssertThrowsError(try reader.blob())
            var counts = ByteReader(writer.bytes, what: "widget")
            XCTAssertThrowsError(try counts.doubles())
        }
        var flag = ByteReader([UInt8]([2]), what: "widget")
        XCTAssertThrowsError(try flag.bool()) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "stored widget is corrupt at byte 0: flag 2 is neither 0 nor 1")
        }
        var text = ByteReader([2, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0x28], what: "widget")
        XCTAssertThrowsError(try text.string()) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "stored widget is corrupt at byte 0: invalid UTF-8 in a stored string")
        }
        var negative = ByteReader([UInt8]([1, 2]), what: "widget")
        XCTAssertThrowsError(try negative.take(-1))
        XCTAssertEqual(negative.offset, 0)
        var many = ByteWriter<[UInt8]>()
        many.u32(.max)
        var strings = ByteReader(many.bytes, what: "widget")
        XCTAssertThrowsError(try strings.strings())
    }
}
