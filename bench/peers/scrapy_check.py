#!/usr/bin/env python3
"""The listing check as a Scrapy spider run through CrawlerProcess: 64 concurrent requests,
each response classified (bench/peers/classify.py) and stored in SQLite by an item pipeline in
batched transactions. robots.txt, AutoThrottle, retries, cookies and the telnet console are off;
logging is quiet.

Usage: scrapy_check.py URLS_FILE DATABASE [--concurrency 64] [--batch-size 500]
Prints the count of each status as JSON on the last line.
"""

import argparse
import collections
import json
import os
import sqlite3
import sys

import scrapy
from scrapy.crawler import CrawlerProcess

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from classify import COLUMNS, INSERT, SCHEMA, classify, unreachable  # noqa: E402


class ListingSpider(scrapy.Spider):
    name = "ocop_listing_check"

    def __init__(self, urls_file, **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls_file

    async def start(self):
        with open(self.urls_file) as handle:
            for line in handle:
                url = line.strip()
                if url:
                    yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response):
        yield dict(zip(COLUMNS, classify(response.url, response.status, response.body)))

    def failed(self, failure):
        yield dict(zip(COLUMNS, unreachable(failure.request.url)))


class SQLitePipeline:
    def __init__(self, database, batch_size):
        self.database = database
        self.batch_size = batch_size
        self.pending = []
        self.counts = collections.Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("BENCH_DATABASE"), crawler.settings.getint("BENCH_BATCH_SIZE"))

    def open_spider(self, spider=None):
        self.connection = sqlite3.connect(self.database)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute(SCHEMA)

    def process_item(self, item, spider=None):
        self.counts[item["status"]] += 1
        self.pending.append(tuple(item[column] for column in COLUMNS))
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self):
        if self.pending:
            with self.connection:
                self.connection.executemany(INSERT, self.pending)
            self.pending.clear()

    def close_spider(self, spider=None):
        self.flush()
        self.connection.close()
        print(json.dumps(dict(self.counts), sort_keys=True), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls")
    parser.add_argument("database")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    process = CrawlerProcess(
        settings={
            "BENCH_DATABASE": args.database,
            "BENCH_BATCH_SIZE": args.batch_size,
            "ITEM_PIPELINES": {SQLitePipeline: 300},
            "CONCURRENT_REQUESTS": args.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
            "DOWNLOAD_DELAY": 0,
            "DOWNLOAD_TIMEOUT": 30,
            "AUTOTHROTTLE_ENABLED": False,
            "ROBOTSTXT_OBEY": False,
            "RETRY_ENABLED": False,
            "COOKIES_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "HTTPERROR_ALLOWED_CODES": [404, 410],
            "LOG_LEVEL": "ERROR",
            "USER_AGENT": "ocop-bench-scrapy/1 (bench@localhost)",
            "DEFAULT_REQUEST_HEADERS": {"Accept-Language": "vi-VN,vi;q=0.9"},
        }
    )
    process.crawl(ListingSpider, urls_file=args.urls)
    process.start()


if __name__ == "__main__":
    main()
