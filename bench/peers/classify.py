"""The check both Python peers perform on each response: the same work OCOP Watch's Tiki and
website adapters do, written the way a competent Python developer would.

A Tiki API body is parsed as JSON and read for `inventory_status` and `stock_item.qty`; a product
page is searched for its `application/ld+json` blocks, each decoded until a schema.org `Product`
with an offer's `availability` is found. 404/410 mean not found.
"""

import json
import re
import time

LINKED_DATA = re.compile(rb"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)

COLUMNS = ("url", "status", "http_status", "name", "price_vnd", "seller", "stock", "sold", "checked_at")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS observations (id INTEGER PRIMARY KEY, url TEXT NOT NULL, status TEXT NOT NULL, "
    "http_status INTEGER, name TEXT, price_vnd INTEGER, seller TEXT, stock INTEGER, sold INTEGER, "
    "checked_at REAL NOT NULL)"
)
INSERT = f"INSERT INTO observations ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def classify(url, http_status, body):
    """One row for the `observations` table."""
    if http_status in (404, 410):
        return (url, "not_found", http_status, None, None, None, None, None, time.time())
    if http_status != 200:
        return (url, "error", http_status, None, None, None, None, None, time.time())
    if "/api/v2/products/" in url:
        return _tiki(url, http_status, body)
    return _page(url, http_status, body)


def unreachable(url):
    return (url, "unreachable", None, None, None, None, None, None, time.time())


def _tiki(url, http_status, body):
    try:
        document = json.loads(body)
    except ValueError:
        return (url, "unparseable", http_status, None, None, None, None, None, time.time())
    error = document.get("error")
    if isinstance(error, dict):
        status = "not_found" if error.get("code") in (404, 410) else "error"
        return (url, status, http_status, None, None, None, None, None, time.time())
    inventory = document.get("inventory_status")
    quantity = (document.get("stock_item") or {}).get("qty")
    if inventory == "out_of_stock" or quantity == 0:
        status = "out_of_stock"
    elif inventory == "available" or (quantity or 0) > 0:
        status = "active"
    else:
        status = "unparseable"
    seller = (document.get("current_seller") or {}).get("name")
    return (
        url, status, http_status, document.get("name"), document.get("price"), seller, quantity,
        document.get("all_time_quantity_sold"), time.time(),
    )


def _nodes(data):
    if isinstance(data, list):
        for element in data:
            yield from _nodes(element)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _nodes(data["@graph"])


def _page(url, http_status, body):
    for match in LINKED_DATA.finditer(body):
        try:
            data = json.loads(match.group(1))
        except ValueError:
            continue
        for node in _nodes(data):
            kind = node.get("@type")
            if kind != "Product" and not (isinstance(kind, list) and "Product" in kind):
                continue
            offers = node.get("offers")
            offer = offers[0] if isinstance(offers, list) and offers else offers
            if not isinstance(offer, dict):
                continue
            availability = str(offer.get("availability", ""))
            if availability.endswith(("InStock", "LimitedAvailability", "PreOrder", "OnlineOnly")):
                status = "active"
            elif availability.endswith(("OutOfStock", "SoldOut", "BackOrder")):
                status = "out_of_stock"
            elif availability.endswith("Discontinued"):
                status = "not_found"
            else:
                status = "active"
            price = offer.get("price")
            seller = offer.get("seller")
            return (
                url, status, http_status, node.get("name"), int(float(price)) if price else None,
                seller.get("name") if isinstance(seller, dict) else seller, None, None, time.time(),
            )
    return (url, "unparseable", http_status, None, None, None, None, None, time.time())
