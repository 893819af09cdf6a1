/// The CamVid class tables built in: the 11 SegNet classes and the original 32 with their grouping.
public enum CamVidClasses {
    /// The 11 SegNet classes with their usual display colours; void is index 11.
    public static let standard = ColorTable(
        names: ["Sky", "Building", "Pole", "Road", "Pavement", "Tree", "SignSymbol", "Fence", "Car", "Pedestrian", "Bicyclist"],
        colors: [[128, 128, 128], [128, 0, 0], [192, 192, 128], [128, 64, 128], [60, 40, 222], [128, 128, 0],
                 [192, 128, 128], [64, 64, 128], [64, 0, 128], [64, 64, 0], [0, 128, 192]],
        void: 11)

    /// The original 32-class colour codes (Void excluded: it and unknown colours are void).
    public static let original: [(name: String, color: [UInt8])] = [
        ("Animal", [64, 128, 64]), ("Archway", [192, 0, 128]), ("Bicyclist", [0, 128, 192]), ("Bridge", [0, 128, 64]),
        ("Building", [128, 0, 0]), ("Car", [64, 0, 128]), ("CartLuggagePram", [64, 0, 192]), ("Child", [192, 128, 64]),
        ("Column_Pole", [192, 192, 128]), ("Fence", [64, 64, 128]), ("LaneMkgsDriv", [128, 0, 192]),
        ("LaneMkgsNonDriv", [192, 0, 64]), ("Misc_Text", [128, 128, 64]), ("MotorcycleScooter", [192, 0, 192]),
        ("OtherMoving", [128, 64, 64]), ("ParkingBlock", [64, 192, 128]), ("Pedestrian", [64, 64, 0]),
        ("Road", [128, 64, 128]), ("RoadShoulder", [128, 128, 192]), ("Sidewalk", [0, 0, 192]),
        ("SignSymbol", [192, 128, 128]), ("Sky", [128, 128, 128]), ("SUVPickupTruck", [64, 128, 192]),
        ("TrafficCone", [0, 0, 64]), ("TrafficLight", [0, 64, 64]), ("Train", [192, 64, 128]), ("Tree", [128, 128, 0]),
        ("Truck_Bus", [192, 128, 192]), ("Tunnel", [64, 0, 64]), ("VegetationMisc", [192, 192, 0]), ("Wall", [64, 192, 0]),
    ]

    /// Which of the 11 standard classes each original class belongs to (CAMVID32.md).
    public static let grouping: [String: String] = [
        "Sky": "Sky",
        "Building": "Building", "Wall": "Building", "Bridge": "Building", "Tunnel": "Building", "Archway": "Building",
        "Column_Pole": "Pole", "TrafficCone": "Pole",
        "Road": "Road", "LaneMkgsDriv": "Road", "LaneMkgsNonDriv": "Road",
        "Sidewalk": "Pavement", "ParkingBlock": "Pavement", "RoadShoulder": "Pavement",
        "Tree": "Tree", "VegetationMisc": "Tree",
        "SignSymbol": "SignSymbol", "Misc_Text": "SignSymbol", "TrafficLight": "SignSymbol",
        "Fence": "Fence",
        "Car": "Car", "SUVPickupTruck": "Car", "Truck_Bus": "Car", "Train": "Car", "OtherMoving": "Car",
        "Pedestrian": "Pedestrian", "Child": "Pedestrian", "CartLuggagePram": "Pedestrian", "Animal": "Pedestrian",
        "Bicyclist": "Bicyclist", "MotorcycleScooter": "Bicyclist",
    ]

    /// The original table as a `ColorTable` (31 classes, void 31).
    public static var originalTable: ColorTable {
        ColorTable(names: original.map(\.name), colors: original.map(\.color))
    }

    /// For a 32-class `table`, the standard index (0..<11) of each of its classes; classes the
    /// grouping does not know go to the standard void (11).
    public static func groupIndices(_ table: ColorTable) -> [Int32] {
        table.names.map { name in
            guard let group = grouping[name] ?? grouping.first(where: { $0.key.lowercased() == name.lowercased() })?.value,
                  let index = standard.names.firstIndex(of: group) else { return Int32(standard.void) }
            return Int32(index)
        }
    }
}
