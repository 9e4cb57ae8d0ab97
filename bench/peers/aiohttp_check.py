#!/usr/bin/env python3
"""The listing check as an asyncio + aiohttp script: 64 requests in flight, each response
classified (bench/peers/classify.py) and stored in SQLite in batched transactions.

Usage: aiohttp_check.py URLS_FILE DATABASE [--concurrency 64] [--batch-size 500]
Prints the count of each status as JSON on the last line.
"""

import argparse
import asyncio
import collections
import json
import os
import sqlite3
import sys

import aiohttp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from classify import INSERT, SCHEMA, classify, unreachable  # noqa: E402


class Store:
    def __init__(self, path, batch_size):
        self.connection = sqlite3.connect(path)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute(SCHEMA)
        self.batch_size = batch_size
        self.pending = []
        self.counts = collections.Counter()

    def add(self, row):
        self.counts[row[1]] += 1
        self.pending.append(row)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self):
        if self.pending:
            with self.connection:
                self.connection.executemany(INSERT, self.pending)
            self.pending.clear()

    def close(self):
        self.flush()
        self.connection.close()


async def check_all(urls, store, concurrency):
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency, ttl_dns_cache=None)
    timeout = aiohttp.ClientTimeout(total=30, connect=10)
    headers = {"User-Agent": "ocop-bench-aiohttp/1 (bench@localhost)", "Accept-Language": "vi-VN,vi;q=0.9"}
    pending = iter(urls)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers) as session:

        async def worker():
            for url in pending:
                try:
                    async with session.get(url, allow_redirects=True) as response:
                        body = await response.read()
                        store.add(classify(url, response.status, body))
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    store.add(unreachable(url))

        await asyncio.gather(*(worker() for _ in range(concurrency)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls")
    parser.add_argument("database")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    with open(args.urls) as handle:
        urls = [line.strip() for line in handle if line.strip()]
    store = Store(args.database, args.batch_size)
    asyncio.run(check_all(urls, store, args.concurrency))
    store.close()
    print(json.dumps(dict(store.counts), sort_keys=True))


if __name__ == "__main__":
    main()
