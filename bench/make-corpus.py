#!/usr/bin/env python3
"""Writes the benchmark corpus: what nginx serves, and what each tool is given to check.

Listing i (0-based) is the same whatever N is asked for, so one document root made for the
largest N serves every smaller N, and a run over N listings checks listings 0 … N-1:

  * even i: a Tiki listing, https://tiki.vn/<slug>-p<id>.html, whose API body (~7 KB of JSON)
    nginx serves at /api/v2/products/<id>;
  * odd i: a producer's own web page, https://<host>/san-pham/<slug>, whose HTML (~130 KB,
    schema.org Product in JSON-LD amid realistic scripts and markup) nginx serves at
    /site/<host>/san-pham/<slug>.

About 3 % of listings are not found (no file, so nginx answers 404) and 10 % out of stock; the
rest are active. Product k owns listings 2k (Tiki) and 2k+1 (its website); producer p owns
products 3p … 3p+2.

The document root goes in ROOT/docroot (kept between runs; generation resumes where it stopped).
For one run it writes into RUN_DIR: the catalog CSVs OCOP Watch imports, the OCOP Watch config,
the URL list the other tools fetch, and truth.json, the expected count of each status.

Python standard library only.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import sys
import unicodedata

GENERATOR_VERSION = 1
TIKI_ID_BASE = 274_000_000
PAGE_TARGET_BYTES = 130_000
TIKI_TARGET_BYTES = 7_000

# (sector, group, subgroup, product type, key industry): a slice of the QĐ 148/2023 tree.
PRODUCT_KINDS = [
    ("I", "I.5", "I.5.b", "Trà tim sen", "lotus"),
    ("I", "I.3", "I.3.c", "Hạt sen sấy giòn", "lotus"),
    ("I", "I.2", "I.2.a", "Gạo thơm ST25", "rice"),
    ("I", "I.3", "I.3.b", "Bánh phồng tôm", "rice"),
    ("I", "I.3", "I.3.d", "Khô cá lóc", "other"),
    ("I", "I.3", "I.3.d", "Nem chua Lai Vung", "other"),
    ("I", "I.3", "I.3.c", "Xoài cát Chu sấy dẻo", "mango"),
    ("I", "I.4", "I.4.a", "Nước mắm cá linh", "other"),
    ("II", "II.2", "II.2.b", "Sữa hạt sen", "lotus"),
    ("III", "III.3", "", "Tinh dầu tràm", "other"),
    ("IV", "IV.1", "", "Chiếu lác", "other"),
    ("I", "I.3", "I.3.d", "Cá tra phi lê", "pangasius"),
]
BRANDS = [
    "Hồng Liên", "Sen Hồng", "Mỹ Hòa", "Tháp Mười", "Bảy Hòa", "Sa Đéc", "Cao Lãnh", "Lấp Vò",
    "Tam Nông", "Hồng Ngự", "Phú Thuận", "Tân Hồng", "Bình Thành", "Đất Sen", "Quê Hương",
]
PRODUCER_PREFIXES = [
    ("cooperative", "HTX Nông nghiệp"),
    ("household_business", "Hộ kinh doanh"),
    ("enterprise", "Công ty TNHH MTV Thực phẩm"),
    ("household_business", "Cơ sở"),
]
DISTRICTS = [
    ("866", "Cao Lãnh"), ("867", "Sa Đéc"), ("868", "Hồng Ngự"), ("869", "Tân Hồng"),
    ("870", "Hồng Ngự"), ("871", "Tam Nông"), ("872", "Tháp Mười"), ("873", "Cao Lãnh"),
    ("874", "Thanh Bình"), ("875", "Lấp Vò"), ("876", "Lai Vung"), ("877", "Châu Thành"),
]
DECISIONS = [("1446/QĐ-UBND-HC", "2024-03-29"), ("2210/QĐ-UBND-HC", "2024-08-15"), ("3051/QĐ-UBND-HC", "2024-12-20")]


def slugify(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()
    words = "".join(c.lower() if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


def fraction(i, salt):
    digest = hashlib.blake2b(f"{salt}:{i}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def listing_state(i):
    draw = fraction(i, "state")
    if draw < 0.03:
        return "not_found"
    if draw < 0.13:
        return "out_of_stock"
    return "active"


def product(k):
    sector, group, subgroup, kind, industry = PRODUCT_KINDS[k % len(PRODUCT_KINDS)]
    brand = BRANDS[(k // len(PRODUCT_KINDS)) % len(BRANDS)]
    stars = 5 if k % 997 == 0 else 4 if fraction(k, "stars") < 0.2 else 3
    return {
        "id": f"DT-P-{k:07d}",
        "name": f"{kind} {brand}",
        "slug": f"{slugify(kind + ' ' + brand)}-{k}",
        "sector": sector, "group": group, "subgroup": subgroup, "industry": industry,
        "stars": stars,
        "price": 25_000 + int(fraction(k, "price") * 400) * 1_000,
        "producer": k // 3,
    }


def producer(p):
    entity_type, prefix = PRODUCER_PREFIXES[p % len(PRODUCER_PREFIXES)]
    brand = BRANDS[p % len(BRANDS)]
    district = DISTRICTS[p % len(DISTRICTS)]
    return {
        "id": f"DT-E-{p:06d}",
        "name": f"{prefix} {brand} {p}",
        "type": entity_type,
        "district": district,
        "host": f"{slugify(brand).replace('-', '')}{p}.com.vn",
    }


def listing(i):
    k = i // 2
    item = product(k)
    seller = producer(item["producer"])
    state = listing_state(i)
    if i % 2 == 0:
        tiki_id = TIKI_ID_BASE + i
        return {
            "i": i, "kind": "tiki", "state": state, "product": item, "seller": seller, "tiki_id": tiki_id,
            "url": f"https://tiki.vn/{item['slug']}-p{tiki_id}.html",
            "path": f"/api/v2/products/{tiki_id}",
            "fetch_suffix": f"/api/v2/products/{tiki_id}?platform=web&version=3",
        }
    path = f"/site/{seller['host']}/san-pham/{item['slug']}"
    return {
        "i": i, "kind": "website", "state": state, "product": item, "seller": seller,
        "url": f"https://{seller['host']}/san-pham/{item['slug']}",
        "path": path,
        "fetch_suffix": path,
    }


# ---------------------------------------------------------------------------------------------
# Bodies


def lorem_vi(rng, words):
    vocabulary = (
        "sản phẩm đạt chuẩn OCOP được chế biến từ nguyên liệu tươi của vùng Đồng Tháp Mười theo quy trình "
        "khép kín bảo quản nơi khô ráo thoáng mát tránh ánh nắng trực tiếp hạn sử dụng mười hai tháng kể từ ngày "
        "sản xuất hương vị đậm đà tự nhiên không chất bảo quản giao hàng toàn quốc đổi trả trong bảy ngày"
    ).split()
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def minified_js(rng, size):
    names = ["t", "e", "n", "r", "o", "i", "a", "s", "c", "u", "l", "d", "f", "p", "h"]
    parts = []
    length = 0
    while length < size:
        a, b, c = rng.choice(names), rng.choice(names), rng.choice(names)
        chunk = (
            f"function {a}{rng.randint(0, 999)}({b},{c}){{var {a}={b}.length>>>0;for(var {b}=0;{b}<{a};{b}++)"
            f"{{if({c}[{b}]===void 0)return!1;{c}[{b}]={c}[{b}]^{rng.randint(0, 65535)}}}return{{id:{rng.randint(0, 99999)},"
            f"k:\"{hashlib.md5(str(rng.random()).encode()).hexdigest()}\"}}}};"
        )
        parts.append(chunk)
        length += len(chunk)
    return "".join(parts)


def css(rng, size):
    parts = []
    length = 0
    while length < size:
        chunk = (
            f".c-{rng.randint(0, 99999):05x}{{display:flex;margin:{rng.randint(0, 24)}px {rng.randint(0, 24)}px;"
            f"color:#{rng.randint(0, 0xFFFFFF):06x};font-size:{rng.randint(11, 22)}px}}"
        )
        parts.append(chunk)
        length += len(chunk)
    return "".join(parts)


def nav_menu(rng, entries):
    items = []
    for n in range(entries):
        kind = PRODUCT_KINDS[n % len(PRODUCT_KINDS)][3]
        items.append(
            f'<li class="menu-item menu-item-type-taxonomy menu-item-{1000 + n}"><a href="/danh-muc/{slugify(kind)}-{n}"'
            f' title="{kind}">{kind}</a></li>'
        )
    return '<ul id="menu-main" class="menu">' + "".join(items) + "</ul>"


class PageTemplate:
    """One ~130 KB page layout, made once; each page fills in its own product."""

    def __init__(self):
        rng = random.Random(20250701)
        self.head_css = css(rng, 14_000)
        self.head_js = minified_js(rng, 22_000)
        self.nav = nav_menu(rng, 120)
        self.tail_js = minified_js(rng, 46_000)
        self.next_data = json.dumps(
            {"props": {"pageProps": {"widgets": [{"id": n, "html": lorem_vi(rng, 40)} for n in range(40)]}}},
            ensure_ascii=False,
        )
        self.description = "".join(f"<p>{lorem_vi(rng, 60)}</p>" for _ in range(8))
        self.footer = "".join(
            f'<div class="footer-col"><h4>{lorem_vi(rng, 3)}</h4><p>{lorem_vi(rng, 30)}</p></div>' for _ in range(6)
        )
        self.related_cards = [
            f'<div class="product-card"><a href="/san-pham/goi-y-{n}"><img loading="lazy" '
            f'src="/wp-content/uploads/2024/{n % 12 + 1:02d}/anh-{n}-300x300.jpg" alt="{lorem_vi(rng, 4)}"></a>'
            f'<h3 class="woocommerce-loop-product__title">{lorem_vi(rng, 5)}</h3>'
            f'<span class="price"><bdi>{rng.randint(20, 400) * 1000:,}&nbsp;₫</bdi></span></div>'
            for n in range(60)
        ]
        self.filler_unit = f"<!-- {lorem_vi(rng, 30)} -->\n"

    def render(self, entry):
        item, seller = entry["product"], entry["seller"]
        in_stock = entry["state"] == "active"
        url = entry["url"]
        rng = random.Random(entry["i"])
        name = item["name"]
        price = item["price"]
        product_ld = {
            "@context": "https://schema.org/",
            "@type": "Product",
            "name": name,
            "image": [f"https://{seller['host']}/wp-content/uploads/2024/05/{item['slug']}.jpg"],
            "description": f"{name} — sản phẩm OCOP {item['stars']} sao của {seller['name']}.",
            "sku": f"SP{entry['i']:08d}",
            "brand": {"@type": "Brand", "name": name.split(" ", 2)[-1]},
            "offers": {
                "@type": "Offer",
                "url": url,
                "priceCurrency": "VND",
                "price": str(price),
                "priceValidUntil": "2026-12-31",
                "availability": "https://schema.org/InStock" if in_stock else "https://schema.org/OutOfStock",
                "itemCondition": "https://schema.org/NewCondition",
                "seller": {"@type": "Organization", "name": seller["name"]},
            },
        }
        breadcrumb_ld = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": f"https://{seller['host']}/"},
                {"@type": "ListItem", "position": 2, "name": "Sản phẩm", "item": f"https://{seller['host']}/san-pham/"},
                {"@type": "ListItem", "position": 3, "name": name, "item": url},
            ],
        }
        stock_html = (
            '<p class="stock in-stock">Còn hàng</p>' if in_stock else '<p class="stock out-of-stock">Hết hàng</p>'
        )
        related = "".join(rng.sample(self.related_cards, 24))
        page = (
            "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f"<title>{name} – {seller['name']}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="description" content="{name}, sản phẩm OCOP Đồng Tháp">'
            f'<meta property="og:type" content="product"><meta property="og:title" content="{name}">'
            f'<meta property="og:url" content="{url}">'
            f'<link rel="canonical" href="{url}">'
            f"<style id=\"theme-inline-css\">{self.head_css}</style>"
            f"<script>{self.head_js}</script>"
            '<script type="application/ld+json">'
            + json.dumps(breadcrumb_ld, ensure_ascii=False)
            + "</script></head>\n<body class=\"product-template-default single single-product woocommerce\">"
            f"<header id=\"masthead\"><nav>{self.nav}</nav></header>"
            f'<main id="main"><div class="product type-product"><h1 class="product_title entry-title">{name}</h1>'
            f'<p class="price"><span class="woocommerce-Price-amount amount"><bdi>{price:,}&nbsp;₫</bdi></span></p>'
            f"{stock_html}<div class=\"woocommerce-product-details__short-description\">{self.description}</div>"
            '<script type="application/ld+json">'
            + json.dumps(product_ld, ensure_ascii=False)
            + "</script>"
            f'<section class="related products"><h2>Sản phẩm tương tự</h2>{related}</section></div></main>'
            f'<footer id="colophon">{self.footer}</footer>'
            f'<script id="__NEXT_DATA__" type="application/json">{self.next_data}</script>'
            f"<script>{self.tail_js}</script>"
        )
        body = page.encode()
        missing = PAGE_TARGET_BYTES - len(body) - len("</body></html>\n")
        unit = self.filler_unit.encode()
        if missing > 0:
            body += unit * (missing // len(unit)) + b" " * (missing % len(unit))
        return body + b"</body></html>\n"


def tiki_body(entry):
    item, seller = entry["product"], entry["seller"]
    rng = random.Random(entry["i"])
    in_stock = entry["state"] == "active"
    tiki_id = entry["tiki_id"]
    quantity = rng.randint(3, 500) if in_stock else 0
    document = {
        "id": tiki_id,
        "master_id": tiki_id,
        "sku": str(8_930_000_000_000 + entry["i"]),
        "name": item["name"],
        "url_key": f"{item['slug']}-p{tiki_id}",
        "url_path": f"{item['slug']}-p{tiki_id}.html?spid={tiki_id + 2}",
        "short_url": f"https://tiki.vn/product-p{tiki_id}.html?spid={tiki_id + 2}",
        "type": "simple",
        "short_description": f"{item['name']}. Sản phẩm đạt chuẩn OCOP, giao hàng toàn quốc...",
        "price": item["price"],
        "list_price": item["price"] + 10_000,
        "original_price": item["price"] + 10_000,
        "discount": 10_000,
        "discount_rate": round(1_000_000 / (item["price"] + 10_000)),
        "rating_average": round(3.5 + rng.random() * 1.5, 1),
        "review_count": rng.randint(0, 900),
        "inventory_status": "available" if in_stock else "out_of_stock",
        "inventory_type": "backorder",
        "stock_item": {"qty": quantity, "min_sale_qty": 1, "max_sale_qty": max(quantity, 1), "preorder_date": None},
        "current_seller": {
            "id": 200_000 + item["producer"],
            "sku": str(8_930_000_000_000 + entry["i"]),
            "name": seller["name"],
            "link": f"https://tiki.vn/cua-hang/{slugify(seller['name'])}",
            "logo": "https://vcdn.tikicdn.com/ts/seller/00/00/logo.png",
            "price": item["price"],
            "product_id": str(tiki_id + 2),
            "store_id": 100_000 + item["producer"],
            "is_best_store": False,
        },
        "all_time_quantity_sold": rng.randint(0, 20_000),
        "quantity_sold": None,
        "categories": {"id": 44_792, "name": "Đặc sản vùng miền", "is_leaf": True},
        "breadcrumbs": [
            {"url": "/bach-hoa-online/c4384", "name": "Bách Hóa Online", "category_id": 4384},
            {"url": "/dac-san-vung-mien/c44792", "name": "Đặc sản vùng miền", "category_id": 44_792},
            {"url": f"/{item['slug']}-p{tiki_id}.html", "name": item["name"], "category_id": 0},
        ],
        "images": [
            {
                "base_url": f"https://salt.tikicdn.com/ts/product/{n:02x}/{tiki_id % 256:02x}/{hashlib.md5(f'{tiki_id}{n}'.encode()).hexdigest()}.jpg",
                "is_gallery": True,
                "position": None,
            }
            for n in range(4)
        ],
        "specifications": [
            {
                "name": "Content",
                "attributes": [
                    {"code": "brand", "name": "Thương hiệu", "value": item["name"].split(" ", 2)[-1]},
                    {"code": "origin", "name": "Xuất xứ", "value": "Việt Nam"},
                    {"code": "manufacturer", "name": "Nhà sản xuất", "value": seller["name"]},
                    {"code": "expiry", "name": "Hạn sử dụng", "value": "12 tháng"},
                ],
            }
        ],
        "description": "",
    }
    unpadded = len(json.dumps(document, ensure_ascii=False).encode())
    description = []
    while unpadded + len("".join(description).encode()) < TIKI_TARGET_BYTES:
        description.append(f"<p>{lorem_vi(rng, 25)}</p>")
    document["description"] = "".join(description)
    return json.dumps(document, ensure_ascii=False).encode()


def write_docroot(docroot, count):
    """Writes (or resumes writing) the bodies of listings 0 … count-1."""
    marker = os.path.join(docroot, "generated.json")
    done = 0
    if os.path.exists(marker):
        with open(marker) as handle:
            state = json.load(handle)
        if state.get("version") == GENERATOR_VERSION:
            done = state.get("count", 0)
    if done >= count:
        return
    template = PageTemplate()
    for i in range(done, count):
        entry = listing(i)
        path = os.path.join(docroot, entry["path"].lstrip("/"))
        if entry["state"] == "not_found":
            continue
        body = tiki_body(entry) if entry["kind"] == "tiki" else template.render(entry)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(body)
        if (i + 1) % 10_000 == 0:
            print(f"  corpus: {i + 1:,} / {count:,} bodies", file=sys.stderr, flush=True)
    with open(marker, "w") as handle:
        json.dump({"version": GENERATOR_VERSION, "count": count}, handle)


# ---------------------------------------------------------------------------------------------
# What one run needs


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_run(run_dir, count, base_url, batch_size):
    catalog = os.path.join(run_dir, "catalog")
    os.makedirs(catalog, exist_ok=True)
    entries = [listing(i) for i in range(count)]
    truth = {"listings": count, "active": 0, "out_of_stock": 0, "not_found": 0, "tiki": 0, "website": 0}
    for entry in entries:
        truth[entry["state"]] += 1
        truth[entry["kind"]] += 1

    product_count = (count + 1) // 2
    products = [product(k) for k in range(product_count)]
    producer_count = products[-1]["producer"] + 1 if products else 0
    producers = [producer(p) for p in range(producer_count)]
    write_csv(
        os.path.join(catalog, "producers.csv"),
        ["entity_id", "entity_name", "entity_type", "district_uid_as_registered", "is_synthetic"],
        [[p["id"], p["name"], p["type"], f"VN-2019:D:{p['district'][0]}", "true"] for p in producers],
    )
    product_rows = []
    for item in products:
        seller = producers[item["producer"]]
        number, date = DECISIONS[item["producer"] % len(DECISIONS)]
        valid_until = str(int(date[:4]) + 3) + date[4:]
        product_rows.append([
            item["id"], item["name"], seller["id"], seller["name"], item["stars"],
            "national" if item["stars"] == 5 else "provincial", item["sector"], item["group"], item["subgroup"],
            item["industry"], number, date, date, valid_until, "active", "VN-2019:P:87",
            f"VN-2019:D:{seller['district'][0]}", seller["district"][1], seller["district"][0], "true",
        ])
    write_csv(
        os.path.join(catalog, "products.csv"),
        [
            "product_id", "product_name", "entity_id", "entity_name", "star_rating", "certification_level",
            "ocop_sector", "ocop_group", "ocop_subgroup", "key_industry", "decision_no", "decision_date",
            "valid_from", "valid_until", "status", "province_uid_as_issued", "district_uid_as_issued",
            "district_name_as_issued", "legacy_district_code", "is_synthetic",
        ],
        product_rows,
    )
    write_csv(
        os.path.join(catalog, "listings.csv"),
        ["listing_id", "product_id", "platform", "listing_url", "seller_relation"],
        [
            [f"L{e['i']:07d}", e["product"]["id"], e["kind"], e["url"],
             "own_shop" if e["kind"] == "website" or e["i"] % 5 else "reseller"]
            for e in entries
        ],
    )

    base = base_url.rstrip("/")
    with open(os.path.join(run_dir, "urls.txt"), "w") as handle:
        handle.writelines(f"{base}{e['fetch_suffix']}\n" for e in entries)
    with open(os.path.join(run_dir, "truth.json"), "w") as handle:
        json.dump(truth, handle, indent=1)

    files = ", ".join(f'"{os.path.join(catalog, name)}"' for name in ("producers.csv", "products.csv", "listings.csv"))
    politeness = f'base_url: "{base}", max_concurrent: 64, min_interval: 0s, requests_per_hour: 10000000'
    config = f"""# Written by bench/make-corpus.py for one benchmark run of {count} listings; do not edit.
paths:
  state_dir: "{os.path.join(run_dir, 'state')}"
  logs_dir: "{os.path.join(run_dir, 'logs')}"
catalog:
  files: [{files}]
operator:
  contact: bench@localhost
http:
  allow_private_addresses: true
  max_concurrency: 64
  retries: 0
  timeout: 30s
daemon:
  batch_size: {batch_size}
marketplaces:
  tiki: {{{politeness}}}
  website: {{{politeness}}}
"""
    config_path = os.path.join(run_dir, "ocop-watch.yaml")
    with open(config_path, "w") as handle:
        handle.write(config)
    os.chmod(config_path, 0o640)
    return truth


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", required=True, help="cache folder; the document root is ROOT/docroot")
    parser.add_argument("--bodies", type=int, help="write bodies for this many listings (default: --count)")
    parser.add_argument("--count", type=int, help="listings in this run")
    parser.add_argument("--run-dir", help="where this run's catalog, config, URL list and truth.json go")
    parser.add_argument("--base-url", help="the nginx origin, e.g. http://127.0.0.1:18500")
    parser.add_argument("--batch-size", type=int, default=500, help="rows per committed batch (all tools)")
    args = parser.parse_args()
    bodies = args.bodies or args.count
    if bodies:
        write_docroot(os.path.join(args.root, "docroot"), bodies)
    if args.count:
        if not (args.run_dir and args.base_url):
            parser.error("--count needs --run-dir and --base-url")
        truth = write_run(args.run_dir, args.count, args.base_url, args.batch_size)
        print(json.dumps(truth))


if __name__ == "__main__":
    main()
