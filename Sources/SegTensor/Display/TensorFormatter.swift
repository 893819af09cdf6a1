/// Prints tensors as NumPy prints arrays: nested brackets, common element widths, lines wrapped
/// at 75 columns, and beyond 1000 elements only the first and last 3 items of each axis with `...`.
public enum TensorFormatter {
    /// Above this many elements the printout is summarised.
    public static let threshold = 1000
    /// Items kept at each end of a summarised axis.
    public static let edgeItems = 3
    /// Target line width.
    public static let lineWidth = 75

    /// `tensor([[1., 2.], [3., 4.]], shape=[2, 2], dtype=float32)` with NumPy's layout.
    public static func describe(_ tensor: Tensor) -> String {
        let prefix = "tensor("
        // Continuation lines align under the first element, one column past the bracket.
        return prefix + body(tensor, indent: String(repeating: " ", count: prefix.count + 1))
            + ", shape=\(tensor.shape), dtype=\(tensor.dtype))"
    }

    /// Only the bracketed values; continuation lines start with `indent`.
    public static func body(_ tensor: Tensor, indent: String = " ") -> String {
        let summarize = tensor.count > threshold
        let shown = tensor.shape.map { size -> [Int] in
            summarize && size > 2 * edgeItems ? Array(0..<edgeItems) + Array((size - edgeItems)..<size) : Array(0..<size)
        }
        var displayed: [Double] = []
        func collect(_ axis: Int, _ offset: Int) {
            if axis == tensor.rank { displayed.append(tensor.element(at: offset).doubleValue); return }
            for i in shown[axis] { collect(axis + 1, offset + i * tensor.strides[axis]) }
        }
        collect(0, 0)
        let format = ElementFormat(dtype: tensor.dtype, values: displayed)
        if tensor.rank == 0 { return format.format(tensor.element(at: 0).doubleValue) }
        let printer = Printer(tensor: tensor, format: format, summarize: summarize)
        var out = ""
        printer.write(axis: 0, offset: 0, indent: indent.count, width: lineWidth, into: &out)
        return out
    }

    /// One line for REPL results: shape, dtype and min/max/mean of the values.
    public static func summary(_ tensor: Tensor) -> String {
        var text = "Tensor\(tensor.shape) \(tensor.dtype)"
        guard tensor.count > 0 else { return text + " (empty)" }
        // Through the reduction kernels: a REPL summary of a large activation must stay cheap.
        let stats = GradMode.withoutGrad { () -> (Double, Double, Double)? in
            guard let x = try? tensor.detach().converted(to: .float32),
                  let low = try? x.min().item().doubleValue, let high = try? x.max().item().doubleValue,
                  let mean = try? x.mean().item().doubleValue else { return nil }
            return (low, high, mean)
        }
        guard let (low, high, mean) = stats else { return text }
        func short(_ v: Double) -> String { String(format: "%.4g", v) }
        text += " min=\(short(low)) max=\(short(high)) mean=\(short(mean))"
        return text
    }

    /// NumPy's `_formatArray` recursion, appending to one buffer: building each level's text and
    /// indent afresh would cost time quadratic in the rank.
    private struct Printer {
        let tensor: Tensor
        let format: ElementFormat
        let summarize: Bool

        /// Writes the axis at `offset`; continuation lines start with `indent` spaces, the first
        /// line continues where the caller left off (as if it had been indented too).
        func write(axis: Int, offset: Int, indent: Int, width: Int, into out: inout String) {
            if axis == tensor.rank {
                out += format.format(tensor.element(at: offset).doubleValue)
                return
            }
            let size = tensor.shape[axis], stride = tensor.strides[axis]
            let elided = summarize && size > 2 * TensorFormatter.edgeItems
            let positions = elided ? Array(0..<TensorFormatter.edgeItems) + [-1] + Array((size - TensorFormatter.edgeItems)..<size)
                                   : Array(0..<size)
            out += "["
            if axis == tensor.rank - 1 {
                var lineLength = indent
                for (n, position) in positions.enumerated() {
                    let last = n == positions.count - 1
                    let word = position < 0 ? "..." : format.format(tensor.element(at: offset + position * stride).doubleValue)
                    let limit = last ? width : width - 1
                    if lineLength + word.count > limit && lineLength > indent {
                        while out.last == " " { out.removeLast() }
                        out += "\n" + String(repeating: " ", count: indent)
                        lineLength = indent
                    }
                    out += word
                    lineLength += word.count
                    if !last {
                        out += ", "
                        lineLength += 2
                    }
                }
            } else {
                // Built only when there is a second item: a size-1 axis needs none.
                let separator = positions.count > 1 ? "," + String(repeating: "\n", count: tensor.rank - axis - 1) : ""
                for (n, position) in positions.enumerated() {
                    if n > 0 { out += String(repeating: " ", count: indent) }
                    if position < 0 {
                        out += "..."
                    } else {
                        write(axis: axis + 1, offset: offset + position * stride, indent: indent + 1, width: width - 1, into: &out)
                    }
                    if n < positions.count - 1 { out += separator }
                }
            }
            out += "]"
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// NumPy-style printout (see `TensorFormatter.describe`).
    public var description: String { TensorFormatter.describe(self) }
}
