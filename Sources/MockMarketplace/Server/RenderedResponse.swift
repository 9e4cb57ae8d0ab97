import HTTPTypes
import Hummingbird
import NIOCore
import OCOPCore

/// A ``MockResponse`` turned into wire-ready buffers once, then served any number of times.
///
/// Chunks are `ByteBuffer` views: serving a cached 300 KB page copies nothing, and every page's
/// filler is a slice of one shared buffer.
struct RenderedResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let chunks: [ByteBuffer]
    let contentLength: Int
    /// The `ETag` the response carries, if any.
    var entityTag: String? = nil

    /// A Hummingbird response serving the whole body.
    func response() -> Response {
        if chunks.count == 1 {
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: chunks[0]))
        }
        return Response(status: status, headers: headers, body: ResponseBody(contentsOf: chunks))
    }

    /// The first `count` bytes of the body, as views of the same buffers.
    func prefix(_ count: Int) -> [ByteBuffer] {
        var remaining = count
        var slices: [ByteBuffer] = []
        for chunk in chunks where remaining > 0 {
            let length = Swift.min(remaining, chunk.readableBytes)
            slices.append(chunk.getSlice(at: chunk.readerIndex, length: length)!)
            remaining -= length
        }
        return slices
    }
}

/// Renders ``MockResponse`` values, sharing one filler buffer between all pages.
struct ResponseRenderer: Sendable {
    private let padding: ByteBuffer

    /// - Parameter paddingBytes: The filler buffer's size; longer runs repeat it.
    init(paddingBytes: Int) {
        self.padding = ByteBuffer(bytes: PagePadding.bytes(count: Swift.max(paddingBytes, 64 << 10)))
    }

    /// - Parameter entityTag: Whether a `200` gets an `ETag` made from its body.
    func render(_ response: MockResponse, serverName: String, entityTag: Bool = false) -> RenderedResponse {
        var headers = HTTPFields()
        for field in response.headers {
            guard let name = HTTPField.Name(field.name) else { continue }
            headers.append(HTTPField(name: name, value: field.value))
        }
        headers[.server] = serverName
        var chunks: [ByteBuffer] = []
        for part in response.body {
            switch part {
            case .bytes(let bytes):
                if !bytes.isEmpty { chunks.append(ByteBuffer(bytes: bytes)) }
            case .padding(var count):
                while count > 0 {
                    let length = Swift.min(count, padding.readableBytes)
                    chunks.append(padding.getSlice(at: padding.readerIndex, length: length)!)
                    count -= length
                }
            }
        }
        var tag: String?
        if entityTag, response.status == 200 {
            // FNV-1a over the body: the same page always gets the same tag, another page another.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for chunk in chunks {
                for byte in chunk.readableBytesView {
                    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                }
            }
            tag = "\"\(String(hash, radix: 16))\""
            headers[.eTag] = tag
        }
        return RenderedResponse(
            status: HTTPResponse.Status(code: response.status),
            headers: headers,
            chunks: chunks,
            contentLength: response.contentLength,
            entityTag: tag
        )
    }
}
