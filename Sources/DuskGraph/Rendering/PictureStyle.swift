/// Where a picture's inputs go: Graphviz's `rankdir` (`BT`, Dask's default, puts them at
/// the bottom and the results at the top).
public enum RankDirection: String, Sendable, CaseIterable {
    case topToBottom = "TB"
    case bottomToTop = "BT"
    case leftToRight = "LR"
    case rightToLeft = "RL"
}

/// How a picture is drawn, whatever the renderer.
public struct PictureStyle: Sendable {
    public var rankdir: RankDirection
    /// Whether tasks are coloured (and numbered) by their place in the execution order, as
    /// Dask's `color='order'` does; it needs a picture with `runPositions`.
    public var colorByOrder: Bool
    /// A sentence drawn with the picture, such as why it has one node per layer.
    public var caption: String?

    public init(rankdir: RankDirection = .bottomToTop, colorByOrder: Bool = false, caption: String? = nil) {
        self.rankdir = rankdir
        self.colorByOrder = colorByOrder
        self.caption = caption
    }
}

/// The colours of `color='order'`: matplotlib's `plasma` map (Dask's default), from dark
/// blue for the first task to yellow for the last.
public enum OrderColors {
    /// `plasma` at 0, 1/16, ..., 1 (`scripts/plasma_stops.py` printed them); colours between
    /// stops are interpolated linearly.
    static let stops: [UInt32] = [
        0x0C0786, 0x310496, 0x4C02A1, 0x6500A7, 0x7E03A7, 0x9511A1, 0xA92395, 0xBB3586, 0xCB4777,
        0xD95969, 0xE56C5B, 0xF0804D, 0xF89540, 0xFCAC32, 0xFDC427, 0xF8DF24, 0xEFF821,
    ]

    /// The colour of `value` on a scale from 0 to `maximum`, as `#RRGGBB`.
    public static func color(_ value: Int, maximum: Int) -> String {
        let fraction = Swift.min(1, Swift.max(0, Double(value) / Double(Swift.max(1, maximum))))
        let position = fraction * Double(stops.count - 1)
        let lower = Swift.min(stops.count - 2, Int(position))
        let t = position - Double(lower)
        var hex = "#"
        for shift in [16, 8, 0] {
            let a = Double((stops[lower] >> UInt32(shift)) & 0xFF)
            let b = Double((stops[lower + 1] >> UInt32(shift)) & 0xFF)
            let channel = Int((a + (b - a) * t).rounded())
            hex += String(channel, radix: 16, uppercase: true).leftPadded(to: 2, with: "0")
        }
        return hex
    }

    /// The positions a legend shows for `count` tasks: first, quarters, last (fewer when
    /// there are fewer tasks).
    public static func legendPositions(count: Int) -> [Int] {
        guard count > 1 else { return [0] }
        var positions: [Int] = []
        for quarter in 0...4 {
            let position = (count - 1) * quarter / 4
            if positions.last != position { positions.append(position) }
        }
        return positions
    }

    /// Whether text on `color` reads better in white than in black.
    static func needsLightText(_ value: Int, maximum: Int) -> Bool {
        Double(value) / Double(Swift.max(1, maximum)) < 0.55
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character) -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
