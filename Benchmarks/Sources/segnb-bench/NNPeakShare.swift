import Foundation
import SegNN

/// The distance of our convolutions from the machine's limit: each layer's time per train step
/// and the share of the measured sgemm peak its direct-convolution FLOPs reach in that time
/// (a Winograd layer can exceed 100%: it does fewer multiplies than it is credited with).
enum NNPeakShare {
    static func table(_ layers: [ConvProfile.Entry], steps: Int, trainMedian: Double, inferMedian: Double, peak: Double) -> String {
        let perStep = Double(max(steps, 1))
        func share(_ flops: Double, _ milliseconds: Double) -> String {
            milliseconds > 0 ? String(format: "%5.0f%%", 100 * flops / (milliseconds / 1e3) / (peak * 1e9)) : "    -"
        }
        var lines = ["  convolutions per train step, direct-convolution FLOPs against the sgemm peak of "
                     + String(format: "%.1f GFLOP/s:", peak),
                     "    layer                                    calls  GFLOP  forward ms  %peak  backward ms  %peak"]
        var forwardFlops = 0.0, backwardFlops = 0.0, forwardMs = 0.0, backwardMs = 0.0
        for entry in layers {
            let fMs = entry.forwardSeconds * 1e3 / perStep, bMs = entry.backwardSeconds * 1e3 / perStep
            let fFlops = entry.forwardFlops / perStep, bFlops = entry.backwardFlops / perStep
            forwardFlops += fFlops; backwardFlops += bFlops; forwardMs += fMs; backwardMs += bMs
            let name = entry.layer.padding(toLength: 40, withPad: " ", startingAt: 0)
            lines.append("    " + name + String(format: " %5d %6.2f  %10.1f ", entry.forwardCalls / max(steps, 1), (fFlops + bFlops) / 1e9, fMs)
                         + share(fFlops, fMs) + String(format: "  %11.1f ", bMs) + share(bFlops, bMs))
        }
        let total = forwardFlops + backwardFlops, convolutionMs = forwardMs + backwardMs
        lines.append(String(format: "    all convolutions: %.1f GFLOP in %.1f ms (", total / 1e9, convolutionMs)
                     + share(total, convolutionMs).trimmingCharacters(in: .whitespaces)
                     + String(format: " of peak); they take %.0f%% of the train step", 100 * convolutionMs / trainMedian))
        lines.append(String(format: "    whole train step: %.1f GFLOP / %.1f ms = ", total / 1e9, trainMedian)
                     + share(total, trainMedian).trimmingCharacters(in: .whitespaces)
                     + String(format: " of peak; inference: %.1f GFLOP / %.1f ms = ", forwardFlops / 1e9, inferMedian)
                     + share(forwardFlops, inferMedian).trimmingCharacters(in: .whitespaces) + " of peak")
        return lines.joined(separator: "\n")
    }
}
