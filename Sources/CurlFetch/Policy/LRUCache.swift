/// A map with a fixed capacity that forgets the least recently used entry when full.
///
/// Entries live in one array linked by indices, so lookups, inserts and evictions are O(1) and
/// the cache never holds more than `capacity` values.
struct LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Node: Sendable {
        var key: Key
        var value: Value
        var newer: Int?
        var older: Int?
    }

    let capacity: Int
    private var nodes: [Node] = []
    private var index: [Key: Int] = [:]
    private var freeSlots: [Int] = []
    private var newest: Int?
    private var oldest: Int?

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    var count: Int { index.count }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let slot = index[key] else { return nil }
        moveToFront(slot)
        return nodes[slot].value
    }

    /// Stores `value` as the most recently used, evicting the oldest entry when full.
    mutating func set(_ value: Value, for key: Key) {
        if let slot = index[key] {
            nodes[slot].value = value
            moveToFront(slot)
            return
        }
        if index.count >= capacity, let victim = oldest {
            remove(slot: victim)
        }
        let node = Node(key: key, value: value, newer: nil, older: nil)
        let slot: Int
        if let free = freeSlots.popLast() {
            nodes[free] = node
            slot = free
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        index[key] = slot
        linkAtFront(slot)
    }

    mutating func removeValue(for key: Key) {
        guard let slot = index[key] else { return }
        remove(slot: slot)
    }

    private mutating func remove(slot: Int) {
        unlink(slot)
        index[nodes[slot].key] = nil
        freeSlots.append(slot)
    }

    private mutating func moveToFront(_ slot: Int) {
        guard newest != slot else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private mutating func linkAtFront(_ slot: Int) {
        nodes[slot].newer = nil
        nodes[slot].older = newest
        if let newest {
            nodes[newest].newer = slot
        }
        newest = slot
        if oldest == nil {
            oldest = slot
        }
    }

    private mutating func unlink(_ slot: Int) {
        let newer = nodes[slot].newer
        let older = nodes[slot].older
        if let newer { nodes[newer].older = older } else { newest = older }
        if let older { nodes[older].newer = newer } else { oldest = newer }
        nodes[slot].newer = nil
        nodes[slot].older = nil
    }
}
