import Testing

@testable import CurlFetch

@Suite("robots.txt rules, read as RFC 9309 says, without sockets")
struct RobotsRulesTests {
    static let marketplace = """
        # A marketplace's file
        User-agent: *
        Disallow: /checkout
        Disallow: /*?sort=
        Allow: /checkout/help$

        User-agent: BadBot
        User-agent: ocop-watch
        Disallow: /search
        Allow: /search/ocop
        Disallow: /*.pdf$
        """

    @Test("Our own group applies instead of the * group, merged across its user-agent lines")
    func ourGroupWins() {
        let rules = RobotsRules(parsing: Self.marketplace, userAgent: "ocop-watch")
        #expect(!rules.allows("/search?q=sen"))
        #expect(rules.allows("/search/ocop-dong-thap"), "the longer Allow wins")
        #expect(rules.allows("/checkout"), "the * group does not apply to us")
        #expect(!rules.allows("/files/catalog.pdf"))
        #expect(rules.allows("/files/catalog.pdf?download=1"), "$ anchors at the end")
        #expect(rules.allows("/san-pham/tra-sen-p1.html"))
    }

    @Test("Without a group of ours, the * group applies; wildcards and $ work in it")
    func starGroup() {
        let rules = RobotsRules(parsing: Self.marketplace, userAgent: "otherbot")
        #expect(!rules.allows("/checkout/cart"))
        #expect(rules.allows("/checkout/help"))
        #expect(!rules.allows("/checkout/help/more"), "the Allow ends with $")
        #expect(!rules.allows("/p/tra-sen?sort=price"))
        #expect(rules.allows("/p/tra-sen?page=2&sort=price"), "the pattern names ?sort=, not &sort=")
    }

    @Test("Equal lengths: Allow wins; an empty Disallow allows all; a group of ours without rules too")
    func ties() {
        let tie = RobotsRules(parsing: "User-agent: *\nDisallow: /a\nAllow: /a\n", userAgent: "ocop-watch")
        #expect(tie.allows("/a/b"))
        let empty = RobotsRules(parsing: "User-agent: *\nDisallow:\n", userAgent: "ocop-watch")
        #expect(empty.allows("/anything"))
        let ours = RobotsRules(parsing: "User-agent: *\nDisallow: /\n\nUser-agent: OCOP-Watch\nDisallow:\n", userAgent: "ocop-watch")
        #expect(ours.allows("/anything"), "named (case-insensitively), so * does not apply")
        let everything = RobotsRules(parsing: "User-agent: *\nDisallow: /\n", userAgent: "ocop-watch")
        #expect(!everything.allows("/"))
        #expect(everything.decidingRule(for: "/x")?.pattern == "/")
    }

    @Test("Comments, CRLF line ends, spaces and unknown lines are tolerated")
    func tolerant() {
        let text = "User-agent: * # everyone\r\nCrawl-delay: 10\r\nSitemap: https://x/s.xml\r\n  Disallow :  /private  \r\n"
        let rules = RobotsRules(parsing: text, userAgent: "ocop-watch")
        #expect(!rules.allows("/private/1"))
        #expect(rules.allows("/public"))
        #expect(RobotsRules.allowAll.allows("/x"))
        #expect(rules.crawlDelay == .seconds(10))
    }

    @Test("Crawl-delay comes from the groups that apply, the largest of them; a malformed one is none")
    func crawlDelay() {
        let ours = RobotsRules(
            parsing: "User-agent: *\nCrawl-delay: 30\n\nUser-agent: ocop-watch\nCrawl-delay: 2.5\nCrawl-delay: 1\n",
            userAgent: "ocop-watch")
        #expect(ours.crawlDelay == .milliseconds(2500), "our group's largest, not everyone's 30")
        #expect(ours.rules.isEmpty && !ours.isAllowAll, "a delay alone is not an allow-all file")
        let everyone = RobotsRules(parsing: "User-agent: other\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 4\n", userAgent: "ocop-watch")
        #expect(everyone.crawlDelay == .seconds(4))
        for malformed in ["10s", "-1", "0", "nan", "inf", ""] {
            let rules = RobotsRules(parsing: "User-agent: *\nCrawl-delay: \(malformed)\n", userAgent: "ocop-watch")
            #expect(rules.crawlDelay == nil, "Crawl-delay: \(malformed)")
            #expect(rules.isAllowAll)
        }
        let orphan = RobotsRules(parsing: "Crawl-delay: 5\nUser-agent: *\nDisallow: /x\n", userAgent: "ocop-watch")
        #expect(orphan.crawlDelay == nil, "before any User-agent line it belongs to no group")
    }
}

@Suite("robots.txt paths compared as RFC 9309 §2.2.2 says")
struct RobotsNormalisationTests {
    @Test("Non-ASCII and percent-encoded forms of one path match each other, whatever the case of the hex")
    func percentEncoding() {
        let rules = RobotsRules(
            parsing: "User-agent: *\nDisallow: /tìm-kiếm\nDisallow: /%7Emember\nDisallow: /gi%e1%bb%8f-hang\n",
            userAgent: "ocop-watch")
        #expect(!rules.allows("/t%C3%ACm-ki%E1%BA%BFm/tra-sen"), "how libcurl sends /tìm-kiếm")
        #expect(!rules.allows("/~member/x"), "%7E is ~, an unreserved character")
        #expect(!rules.allows("/gi%E1%BB%8F-hang"))
        #expect(!rules.allows("/giỏ-hang"))
        #expect(rules.allows("/tim-kiem"))
        #expect(RobotsRules.normalized("/a%2Fb?q=%3d") == "/a%2Fb?q=%3D", "reserved characters stay encoded")
    }

    @Test("A byte order mark does not hide the first group")
    func byteOrderMark() {
        let rules = RobotsRules(parsing: "\u{FEFF}User-agent: *\nDisallow: /private\n", userAgent: "ocop-watch")
        #expect(!rules.allows("/private/x"))
    }
}

@Suite("The origin a URL's robots.txt belongs to")
struct RobotsOriginTests {
    @Test("Scheme and authority, lower-cased; the path starts at the first / ? or #")
    func origins() {
        func split(_ url: String) -> (String, String) {
            let (origin, start) = FetchEngine.origin(of: url)
            return (origin, String(url[start...]))
        }
        #expect(split("https://Tiki.VN/a-p1.html?spid=2") == ("https://tiki.vn", "/a-p1.html?spid=2"))
        #expect(split("http://127.0.0.1:8080?x=1") == ("http://127.0.0.1:8080", "?x=1"))
        #expect(split("https://shopee.vn") == ("https://shopee.vn", ""))
        #expect(split("https://user@shop.example/x#top") == ("https://user@shop.example", "/x#top"))
    }
}
