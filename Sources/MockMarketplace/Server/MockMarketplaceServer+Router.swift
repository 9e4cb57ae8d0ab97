import Foundation
import Hummingbird
import OCOPCore

extension MockMarketplaceServer {
    /// One route per marketplace endpoint, at the marketplace's real path.
    func makeRouter() -> Router<MockRequestContext> {
        let router = Router(context: MockRequestContext.self, options: .autoGenerateHeadEndpoints)
        let responder = self.responder
        let state = self.state

        @Sendable func serve(
            _ route: MockRoute,
            _ request: Request,
            _ context: MockRequestContext
        ) async throws -> Response {
            try await responder.respond(to: route, request: request, context: context)
        }

        router.get("/") { request, context in
            try await serve(.home, request, context)
        }
        router.get("/robots.txt") { _, _ in
            guard let text = state.scenario.robotsTxt else {
                throw HTTPError(.notFound, message: "no robots.txt in this scenario")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("/_mock/stats") { _, _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let body = try encoder.encode(state.stats)
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        router.get("/api/v2/products/:id") { request, context in
            try await serve(.tikiProduct(productID: context.parameters.require("id")), request, context)
        }
        router.get("/products/{page}.html") { request, context in
            let page = try context.parameters.require("page")
            guard let route = MockRoute.lazadaProduct(page: page) else {
                throw HTTPError(.notFound, message: "A Lazada product path ends in -i<item>[-s<sku>].html")
            }
            return try await serve(route, request, context)
        }
        router.get("/api/v4/pdp/get_pc") { request, context in
            let route = try Self.shopeeRoute(.pdpGetPC, request, item: "item_id", shop: "shop_id")
            return try await serve(route, request, context)
        }
        router.get("/api/v4/item/get") { request, context in
            let route = try Self.shopeeRoute(.itemGet, request, item: "itemid", shop: "shopid")
            return try await serve(route, request, context)
        }
        router.get("/full/:slug") { request, context in
            try await serve(.sendoProduct(slug: context.parameters.require("slug")), request, context)
        }
        for path in ["/vn/pdp/:slug/:id", "/view/product/:id"] {
            router.get(RouterPath(path)) { request, context in
                try await serve(.tiktokShopProduct(productID: context.parameters.require("id")), request, context)
            }
        }
        router.get("/shop/vn/pdp/**") { request, context in
            // `{id}` and `{slug}/{id}` share a trie node, so both forms are matched here.
            let components = context.parameters.getCatchAll()
            guard (1...2).contains(components.count), let id = components.last else {
                throw HTTPError(.notFound, message: "A TikTok Shop path is /shop/vn/pdp/[<slug>/]<id>")
            }
            return try await serve(.tiktokShopProduct(productID: String(id)), request, context)
        }
        router.get("/site/**") { request, context in
            let path = request.uri.path.dropFirst("/site/".count)
            guard let route = MockRoute.websitePage(pathAfterSite: path, query: request.uri.query) else {
                throw HTTPError(.notFound, message: "A website path is /site/<host>/<path>")
            }
            return try await serve(route, request, context)
        }
        router.get("/feeds/{marketplace}.json") { request, context in
            let marketplace = MarketplaceID(try context.parameters.require("marketplace"))
            guard MockItem.marketplaces.contains(marketplace) else {
                throw HTTPError(.notFound, message: "No feed for '\(marketplace)'")
            }
            return try await serve(.feed(marketplace: marketplace), request, context)
        }
        return router
    }

    private static func shopeeRoute(
        _ endpoint: ShopeeResponseBuilder.Endpoint,
        _ request: Request,
        item: String,
        shop: String
    ) throws -> MockRoute {
        let query = request.uri.queryParameters
        guard let itemID = query.get(item), !itemID.isEmpty else {
            throw HTTPError(.badRequest, message: "The query parameter '\(item)' is required")
        }
        return .shopeeItem(endpoint: endpoint, itemID: itemID, shopID: query.get(shop))
    }
}
