#!/usr/bin/env python3
"""Generate the synthetic demo catalog of old Đồng Tháp (end of 2024) and the mock marketplace scenario.

Follows research/catalog-schema.md §6: 581 certificates (464×3★, 116×4★, 1×5★) held by 246
producers in the 12 former districts 866–877, with the published subgroup mix and key industries.
Every name, decision number, shop and listing is invented (is_synthetic=true); only the
administrative units are real. The output is deterministic for a given seed.

Writes, into the output folder (Config/demo by default):
  producers.csv, products.csv, listings.csv  the catalog, as an office would export it
  scenario.json                              what the mock marketplace serves for each listing
  README.md                                  what the files are and how to regenerate them

Usage: scripts/generate-demo-catalog.py [--out Config/demo] [--seed 20241231]
Python 3 standard library only.
"""

import argparse
import csv
import json
import random
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

PRODUCT_COUNT = 581
STAR_COUNTS = {3: 464, 4: 116, 5: 1}
PRODUCER_TYPES = {"household_business": 150, "enterprise": 66, "cooperative": 29, "cooperative_group": 1}
MIN_FOUR_STAR_PER_DISTRICT = 5
YEAR_COUNTS = {2022: 150, 2023: 180, 2024: 251}

# Former districts (GSO code, name as printed on decisions, products there, communes as issued).
# Commune types: "xa" (xã), "tt" (thị trấn), "p" (phường).
DISTRICTS = [
    ("866", "Thành phố Cao Lãnh", 45,
     [("p", "Phường 1"), ("p", "Phường 2"), ("p", "Phường 4"), ("p", "Phường 6"), ("p", "Phường 11"),
      ("p", "Mỹ Phú"), ("p", "Hòa Thuận"), ("xa", "Hòa An"), ("xa", "Tịnh Thới"), ("xa", "Mỹ Tân"),
      ("xa", "Mỹ Trà"), ("xa", "Mỹ Ngãi"), ("xa", "Tân Thuận Đông"), ("xa", "Tân Thuận Tây")]),
    ("867", "Thành phố Sa Đéc", 60,
     [("p", "Phường 1"), ("p", "Phường 2"), ("p", "Phường 3"), ("p", "An Hòa"), ("p", "Tân Quy Đông"),
      ("xa", "Tân Quy Tây"), ("xa", "Tân Khánh Đông"), ("xa", "Tân Phú Đông")]),
    ("868", "Thành phố Hồng Ngự", 30,
     [("p", "An Thạnh"), ("p", "An Lạc"), ("p", "An Lộc"), ("p", "An Bình A"), ("p", "An Bình B"),
      ("xa", "Tân Hội"), ("xa", "Bình Thạnh")]),
    ("869", "Huyện Tân Hồng", 35,
     [("tt", "Sa Rài"), ("xa", "Bình Phú"), ("xa", "Tân Hộ Cơ"), ("xa", "Thông Bình"), ("xa", "Tân Thành A"),
      ("xa", "Tân Thành B"), ("xa", "Tân Phước"), ("xa", "Tân Công Chí"), ("xa", "An Phước")]),
    ("870", "Huyện Hồng Ngự", 40,
     [("tt", "Thường Thới Tiền"), ("xa", "Thường Phước 1"), ("xa", "Thường Phước 2"), ("xa", "Thường Thới Hậu A"),
      ("xa", "Long Khánh A"), ("xa", "Long Khánh B"), ("xa", "Long Thuận"), ("xa", "Phú Thuận A"),
      ("xa", "Phú Thuận B")]),
    ("871", "Huyện Tam Nông", 40,
     [("tt", "Tràm Chim"), ("xa", "An Hòa"), ("xa", "An Long"), ("xa", "Phú Cường"), ("xa", "Phú Đức"),
      ("xa", "Phú Hiệp"), ("xa", "Phú Thành A"), ("xa", "Tân Công Sính"), ("xa", "Hòa Bình")]),
    ("872", "Huyện Tháp Mười", 60,
     [("tt", "Mỹ An"), ("xa", "Mỹ Hòa"), ("xa", "Mỹ Quí"), ("xa", "Mỹ Đông"), ("xa", "Đốc Binh Kiều"),
      ("xa", "Tân Kiều"), ("xa", "Thanh Mỹ"), ("xa", "Trường Xuân"), ("xa", "Hưng Thạnh"), ("xa", "Láng Biển"),
      ("xa", "Thạnh Lợi")]),
    ("873", "Huyện Cao Lãnh", 65,
     [("tt", "Mỹ Thọ"), ("xa", "Mỹ Xương"), ("xa", "Mỹ Hiệp"), ("xa", "Mỹ Long"), ("xa", "Bình Hàng Trung"),
      ("xa", "Bình Hàng Tây"), ("xa", "Tân Nghĩa"), ("xa", "Phong Mỹ"), ("xa", "Ba Sao"), ("xa", "Gáo Giồng"),
      ("xa", "Mỹ Hội"), ("xa", "Nhị Mỹ")]),
    ("874", "Huyện Thanh Bình", 45,
     [("tt", "Thanh Bình"), ("xa", "Tân Thạnh"), ("xa", "Bình Thành"), ("xa", "Tân Long"), ("xa", "Tân Mỹ"),
      ("xa", "An Phong"), ("xa", "Tân Hòa"), ("xa", "Phú Lợi")]),
    ("875", "Huyện Lấp Vò", 50,
     [("tt", "Lấp Vò"), ("xa", "Mỹ An Hưng A"), ("xa", "Mỹ An Hưng B"), ("xa", "Tân Khánh Trung"),
      ("xa", "Long Hưng A"), ("xa", "Vĩnh Thạnh"), ("xa", "Định An"), ("xa", "Bình Thạnh Trung")]),
    ("876", "Huyện Lai Vung", 55,
     [("tt", "Lai Vung"), ("xa", "Tân Thành"), ("xa", "Long Hậu"), ("xa", "Hòa Long"), ("xa", "Long Thắng"),
      ("xa", "Tân Phước"), ("xa", "Vĩnh Thới"), ("xa", "Phong Hòa"), ("xa", "Tân Dương")]),
    ("877", "Huyện Châu Thành", 56,
     [("tt", "Cái Tàu Hạ"), ("xa", "Tân Nhuận Đông"), ("xa", "Hòa Tân"), ("xa", "An Hiệp"), ("xa", "An Nhơn"),
      ("xa", "Tân Bình"), ("xa", "Phú Hựu"), ("xa", "An Khánh"), ("xa", "Tân Phú Trung")]),
]

SUBGROUP_COUNTS = {
    "I.1.a": 40, "I.1.b": 8, "I.2.a": 34, "I.2.b": 14, "I.3.a": 10, "I.3.b": 67, "I.3.c": 75, "I.3.d": 94,
    "I.4.a": 22, "I.4.b": 12, "I.5.a": 2, "I.5.b": 45, "I.6": 3, "II.1.a": 12, "II.1.b": 6, "II.2.a": 3,
    "II.2.b": 28, "III.1": 14, "III.2": 8, "III.3": 14, "IV.1": 30, "IV.2": 3, "V.1": 10, "V.2": 12, "V.3": 2,
    "VI.1": 13,
}

# Key industries (catalog-schema.md §6): how many products of each subgroup carry the tag.
KEY_INDUSTRY_QUOTAS = {
    "rice": {"I.2.a": 34, "I.3.b": 32},
    "mango": {"I.1.a": 5, "I.3.c": 8},
    "pangasius": {"I.3.d": 6},
    "lotus": {"I.5.b": 30, "I.3.c": 12, "I.1.a": 6, "II.2.b": 5, "II.1.a": 3, "III.2": 2, "IV.1": 1, "IV.2": 1},
    "ornamental_flowers": {"VI.1": 7, "V.1": 10, "V.2": 12},
}

# Where each kind of product is made (research/ocop-domain.md §3.2); weights over district codes.
PLACEMENT = {
    "lotus": {"872": 8, "873": 4, "875": 3, "871": 3, "877": 3},
    "mango": {"866": 5, "873": 5},
    "rice:I.2.a": {"872": 4, "871": 4, "869": 4, "874": 1},
    "rice:I.3.b": {"867": 6, "877": 5},
    "pangasius": {"868": 3, "870": 3, "875": 2, "877": 1},
    "ornamental_flowers": {"867": 1},
    "I.3.d": {"876": 6, "869": 3, "868": 2, "870": 2},
    "I.1.a": {"876": 3, "877": 2},
    "I.4.a": {"868": 3, "870": 3},
    "III.3": {"868": 3, "870": 3},
}

# Product name stems per (key industry or subgroup), with packaging and a price band (VND).
NAMES = {
    "lotus:I.5.b": [("Trà tim sen", "Hộp 100 g"), ("Trà lá sen", "Túi 200 g"), ("Trà hoa sen", "Hộp 50 g"),
                    ("Trà ướp hoa sen", "Hộp 100 g"), ("Trà gạo lứt lá sen", "Túi 300 g")],
    "lotus:I.3.c": [("Hạt sen sấy giòn", "Túi 200 g"), ("Hạt sen sấy", "Túi 500 g"), ("Mứt hạt sen", "Hộp 250 g"),
                    ("Củ sen sấy", "Túi 200 g")],
    "lotus:I.1.a": [("Ngó sen tươi", "Túi 1 kg"), ("Hạt sen tươi", "Túi 500 g")],
    "lotus:II.2.b": [("Sữa hạt sen", "Hộp 180 ml"), ("Bột sữa hạt sen", "Hộp 350 g")],
    "lotus:II.1.a": [("Rượu sen", "Chai 500 ml")],
    "lotus:III.2": [("Xà phòng sen", "Bánh 100 g"), ("Sữa rửa mặt tinh chất sen", "Chai 120 ml")],
    "lotus:IV.1": [("Tranh lá sen", "Khung 30×40 cm")],
    "lotus:IV.2": [("Khăn tơ sen", "Chiếc 1,8 m")],
    "mango:I.1.a": [("Xoài cát Chu", "Thùng 5 kg"), ("Xoài cát Hòa Lộc", "Thùng 5 kg")],
    "mango:I.3.c": [("Xoài sấy dẻo", "Túi 250 g"), ("Bánh xoài", "Hộp 300 g"), ("Xoài sấy muối ớt", "Túi 200 g")],
    "rice:I.2.a": [("Gạo thơm", "Túi 5 kg"), ("Gạo nàng thơm", "Túi 5 kg"), ("Gạo lứt đỏ", "Túi 2 kg"),
                   ("Gạo lứt tím than", "Túi 1 kg"), ("Gạo hữu cơ", "Túi 5 kg")],
    "rice:I.3.b": [("Bánh phồng tôm", "Hộp 500 g"), ("Hủ tiếu khô", "Gói 500 g"), ("Bột gạo", "Túi 1 kg"),
                   ("Bánh tráng", "Gói 400 g"), ("Bún khô", "Gói 500 g"), ("Phở khô", "Gói 500 g")],
    "pangasius:I.3.d": [("Chả giò cá tra", "Hộp 500 g"), ("Da cá tra sấy giòn", "Túi 100 g"),
                        ("Cá tra phi lê tẩm gia vị", "Khay 500 g")],
    "ornamental_flowers:V.1": [("Hoa cúc mâm xôi", "Chậu"), ("Hoa hồng", "Chậu"), ("Hoa giấy", "Chậu"),
                               ("Hoa lan", "Chậu")],
    "ornamental_flowers:V.2": [("Cây kiểng bonsai", "Chậu"), ("Mai vàng", "Chậu"), ("Cây kiểng lá", "Chậu")],
    "ornamental_flowers:VI.1": [("Điểm du lịch vườn hoa", "Vé tham quan"), ("Làng hoa kiểng", "Vé tham quan")],
    "I.1.a": [("Quýt hồng", "Thùng 5 kg"), ("Nhãn xuồng", "Thùng 5 kg"), ("Bưởi da xanh", "Thùng 10 kg"),
              ("Mít Thái", "Trái 8 kg"), ("Chanh không hạt", "Túi 1 kg"), ("Ổi ruột đỏ", "Thùng 5 kg")],
    "I.1.b": [("Trứng vịt", "Hộp 10 quả"), ("Cá lóc tươi", "Túi 1 kg"), ("Tôm càng xanh", "Túi 1 kg")],
    "I.2.b": [("Mật ong hoa tràm", "Chai 500 ml"), ("Nấm rơm", "Hộp 300 g"), ("Mật hoa dừa", "Chai 350 ml")],
    "I.3.a": [("Cháo cá lóc ăn liền", "Gói 60 g"), ("Lẩu mắm đóng gói", "Hộp 800 g")],
    "I.3.b": [("Bánh phồng sữa", "Túi 500 g"), ("Cốm nổ", "Gói 200 g"), ("Bánh in", "Hộp 300 g")],
    "I.3.c": [("Mãng cầu sấy dẻo", "Túi 250 g"), ("Mít sấy", "Túi 250 g"), ("Chuối sấy", "Túi 300 g"),
              ("Khoai lang sấy", "Túi 300 g"), ("Dưa kiệu", "Hũ 500 g")],
    "I.3.d": [("Nem chua", "Chục 10 cây"), ("Nem Lai Vung", "Chục 10 cây"), ("Khô trâu", "Túi 250 g"),
              ("Khô cá lóc", "Túi 500 g"), ("Khô cá sặc rằn", "Túi 500 g"), ("Chả cá thác lác", "Khay 500 g"),
              ("Lạp xưởng", "Túi 500 g"), ("Chà bông cá lóc", "Hũ 200 g")],
    "I.4.a": [("Nước mắm cá linh", "Chai 500 ml"), ("Mắm cá linh", "Hũ 500 g"), ("Nước tương", "Chai 500 ml")],
    "I.4.b": [("Muối ớt", "Hũ 200 g"), ("Sả ớt sấy", "Hũ 100 g"), ("Bột nghệ", "Hũ 200 g")],
    "I.5.a": [("Trà xanh", "Hộp 200 g")],
    "I.5.b": [("Trà khổ qua rừng", "Hộp 100 g"), ("Trà mãng cầu", "Hộp 100 g"), ("Trà atiso", "Hộp 100 g")],
    "I.6": [("Cà phê rang xay", "Túi 500 g")],
    "II.1.a": [("Rượu nếp", "Chai 500 ml"), ("Rượu đế", "Chai 500 ml")],
    "II.1.b": [("Rượu vang mãng cầu", "Chai 750 ml"), ("Rượu trái cây", "Chai 500 ml")],
    "II.2.a": [("Nước uống đóng chai", "Thùng 24 chai")],
    "II.2.b": [("Nước ép xoài", "Chai 330 ml"), ("Nước dừa tươi", "Chai 330 ml"), ("Nước mía sầu riêng", "Chai 330 ml")],
    "III.1": [("Cao khổ qua", "Hũ 100 g"), ("Viên nghệ mật ong", "Hũ 200 g")],
    "III.2": [("Dầu gội bồ kết", "Chai 300 ml")],
    "III.3": [("Tinh dầu tràm", "Chai 50 ml"), ("Tinh dầu sả chanh", "Chai 50 ml"), ("Tinh dầu vỏ quýt", "Chai 30 ml")],
    "IV.1": [("Giỏ lục bình", "Chiếc"), ("Nón lá", "Chiếc"), ("Tranh gạo", "Khung 30×40 cm"), ("Chiếu cói", "Chiếc")],
    "IV.2": [("Áo bà ba", "Bộ")],
    "V.3": [("Cá koi", "Con"), ("Cá cảnh", "Cặp")],
    "VI.1": [("Khu du lịch sinh thái", "Vé tham quan"), ("Điểm du lịch cộng đồng", "Vé tham quan")],
}

PRICE_BANDS = {  # by sector: (low, high) in thousands of VND
    "I": (35, 260), "II": (25, 220), "III": (60, 320), "IV": (80, 450), "V": (90, 900), "VI": (30, 120),
}

THEMES = {  # (cooperative word, enterprise trade) per key industry or sector
    "lotus": ("Sen", "Thực phẩm Sen"), "mango": ("Xoài", "Nông sản"), "rice": ("Lúa gạo", "Lương thực"),
    "pangasius": ("Thủy sản", "Thủy sản"), "ornamental_flowers": ("Hoa kiểng", "Hoa kiểng"),
    "I": ("Nông nghiệp", "Thực phẩm"), "II": ("Nông nghiệp", "Đồ uống"), "III": ("Dược liệu", "Dược liệu"),
    "IV": ("Thủ công mỹ nghệ", "Thủ công mỹ nghệ"), "V": ("Sinh vật cảnh", "Sinh vật cảnh"),
    "VI": ("Du lịch cộng đồng", "Du lịch sinh thái"),
}

BRAND_SYLLABLES = ["Phú", "An", "Thịnh", "Hưng", "Phát", "Lộc", "Tài", "Minh", "Khang", "Gia", "Bảo", "Tân",
                   "Hòa", "Hương", "Quê", "Đồng", "Xanh", "Mekong", "Thành", "Đạt", "Kim", "Ngọc", "Vạn", "Hải"]
# Real producers named in the research notes: the demo never reuses their names.
AVOID_BRANDS = {"Nam Huy", "Sa Giang", "Nguyên Hậu", "Tây Cát", "Khánh Thu", "Ba Tre", "Việt Đức", "Sen Việt",
                "Hoàng Khánh", "Băng Trâm"}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Kim", "Hữu"]
GIVEN = ["Lan", "Hoa", "Tâm", "Phúc", "Hùng", "Dũng", "Mai", "Cúc", "Trúc", "Loan", "Sơn", "Tài", "Lộc", "Phát",
         "Thảo", "Nhung", "Hạnh", "Nga", "Tuấn", "Hiền", "Bình", "Quang", "Yến", "Thu", "Xuân", "Diệu"]
NICK = ["Út", "Bảy", "Tư", "Sáu", "Ba", "Năm", "Cô", "Chú", "Tám", "Chín"]

DECISION_ROUNDS = {  # per year: decision dates of provincial evaluation rounds
    2022: ["2022-06-24", "2022-09-29", "2022-12-27"],
    2023: ["2023-05-30", "2023-08-31", "2023-12-26"],
    2024: ["2024-04-25", "2024-08-29", "2024-11-28", "2024-12-27"],
}
FIVE_STAR_DECISION = ("2630/QĐ-BNN-KTHT", "2023-07-14", "Bộ NN&PTNT")

PLATFORM_SHARES = {"shopee": 0.60, "tiktok_shop": 0.40, "lazada": 0.15, "tiki": 0.05}
LISTED_SHARE = 0.80
SENDO_SHARE = 0.05  # of listed products: an old Sendo URL from before the marketplace closed
WEBSITE_SHARE = 0.08
NON_OWNER = [("provincial_pavilion", 0.08), ("postal_booth", 0.06), ("reseller", 0.06)]
PAVILION_SELLER = "Gian hàng OCOP Đồng Tháp"
POSTAL_SELLER = "Bưu điện Đồng Tháp"
RESELLERS = ["Đặc Sản Miền Tây 68", "Chợ Quê Online", "Nông Sản Sạch Sài Gòn", "Quà Quê Đất Sen"]


def slugify(text):
    text = text.replace("Đ", "D").replace("đ", "d").replace("×", "x")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used_ids = defaultdict(set)

    def weighted(self, weights):
        keys = sorted(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    # ---------------------------------------------------------------- products

    def product_slots(self):
        """581 slots with subgroup and key industry, the 5★ first."""
        slots = []
        for subgroup, count in SUBGROUP_COUNTS.items():
            tags = []
            for industry, quotas in KEY_INDUSTRY_QUOTAS.items():
                tags += [industry] * quotas.get(subgroup, 0)
            tags += ["other"] * (count - len(tags))
            assert len(tags) == count, subgroup
            slots += [{"subgroup": subgroup, "industry": tag} for tag in tags]
        assert len(slots) == PRODUCT_COUNT
        five = next(s for s in slots if s["subgroup"] == "I.3.c" and s["industry"] == "lotus")
        five["stars"] = 5
        five["district"] = "877"
        return slots

    def placement(self, slot):
        subgroup, industry = slot["subgroup"], slot["industry"]
        if industry == "ornamental_flowers" and subgroup == "VI.1":
            return {"867": 1}
        for key in (f"{industry}:{subgroup}", industry, subgroup):
            if key in PLACEMENT:
                return PLACEMENT[key]
        return None

    def assign_districts(self, slots):
        capacity = {code: count for code, _, count, _ in DISTRICTS}
        for slot in slots:
            if "district" in slot:
                capacity[slot["district"]] -= 1
        constrained = [s for s in slots if "district" not in s and self.placement(s)]
        free = [s for s in slots if "district" not in s and not self.placement(s)]
        # Narrow preferences first, so that they still find room.
        constrained.sort(key=lambda s: len(self.placement(s)))
        for slot in constrained:
            weights = {c: w for c, w in self.placement(slot).items() if capacity[c] > 0}
            if not weights:
                weights = {c: 1 for c, left in capacity.items() if left > 0}
            slot["district"] = self.weighted(weights)
            capacity[slot["district"]] -= 1
        self.rng.shuffle(free)
        for slot in free:
            slot["district"] = self.weighted({c: left for c, left in capacity.items() if left > 0})
            capacity[slot["district"]] -= 1
        assert all(left == 0 for left in capacity.values()), capacity

    def assign_stars(self, slots):
        by_district = defaultdict(list)
        for slot in slots:
            if slot.get("stars") != 5:
                by_district[slot["district"]].append(slot)
        four = []
        for code in sorted(by_district):
            four += self.rng.sample(by_district[code], MIN_FOUR_STAR_PER_DISTRICT)
        rest = [s for s in slots if s.get("stars") != 5 and s not in four]
        four += self.rng.sample(rest, STAR_COUNTS[4] - len(four))
        for slot in four:
            slot["stars"] = 4
        for slot in slots:
            slot.setdefault("stars", 3)

    def assign_years(self, slots):
        """Decision rounds per year; the 5★ has its own (2023) decision from the ministry."""
        years = [y for y, n in YEAR_COUNTS.items() for _ in range(n)]
        years.remove(int(FIVE_STAR_DECISION[1][:4]))
        self.rng.shuffle(years)
        numbers = {date: f"{self.rng.randint(1100, 3900)}/QĐ-UBND-HC"
                   for dates in DECISION_ROUNDS.values() for date in dates}
        provincial = [s for s in slots if s["stars"] != 5]
        for slot, year in zip(provincial, years):
            date = self.rng.choice(DECISION_ROUNDS[year])
            slot["decision"] = (numbers[date], date, "UBND tỉnh Đồng Tháp")
        next(s for s in slots if s["stars"] == 5)["decision"] = FIVE_STAR_DECISION

    # --------------------------------------------------------------- producers

    def producer_sizes(self, products, producers):
        """A long tail of 1–12 products per producer summing to `products`."""
        sizes = [1] * producers
        weights = [1 / (rank + 1) ** 1.15 for rank in range(producers)]
        for _ in range(products - producers):
            open_ranks = [r for r in range(producers) if sizes[r] < 12]
            rank = self.rng.choices(open_ranks, weights=[weights[r] for r in open_ranks])[0]
            sizes[rank] += 1
        self.rng.shuffle(sizes)
        return sizes

    def build_producers(self, slots):
        counts = {code: count for code, _, count, _ in DISTRICTS}
        total = sum(PRODUCER_TYPES.values())
        quotas = {code: max(1, round(total * n / PRODUCT_COUNT)) for code, n in counts.items()}
        while sum(quotas.values()) != total:
            step = 1 if sum(quotas.values()) < total else -1
            code = max(counts, key=lambda c: (total * counts[c] / PRODUCT_COUNT - quotas[c]) * step)
            quotas[code] += step
        producers = []
        for code, name, _, communes in DISTRICTS:
            here = [s for s in slots if s["district"] == code]
            # Producers make related things: group the district's products by theme, then cut.
            here.sort(key=lambda s: (s["industry"], s["subgroup"], self.rng.random()))
            start = 0
            for size in self.producer_sizes(len(here), quotas[code]):
                chunk = here[start:start + size]
                start += size
                commune = self.rng.choice(communes)
                producer = {"district": code, "district_name": name, "commune": commune, "products": chunk}
                producers.append(producer)
                for slot in chunk:
                    slot["producer"] = producer
        assert len(producers) == total
        self.assign_types(producers)
        for index, producer in enumerate(producers, start=1):
            producer["id"] = f"DT-E-{index:06d}"
            self.name_producer(producer)
        return producers

    def assign_types(self, producers):
        pool = [t for t, n in PRODUCER_TYPES.items() for _ in range(n)]
        order = sorted(producers, key=lambda p: -len(p["products"]))
        for producer in order:
            size = len(producer["products"])
            weights = [
                {"household_business": 2 if size <= 2 else 1, "enterprise": 1 + size / 3,
                 "cooperative": 1 + size / 4, "cooperative_group": 0.5}[t] for t in pool
            ]
            index = self.rng.choices(range(len(pool)), weights=weights)[0]
            producer["type"] = pool.pop(index)
        five = next(p for p in producers if any(s["stars"] == 5 for s in p["products"]))
        if five["type"] != "enterprise":
            swap = next(p for p in producers if p["type"] == "enterprise")
            swap["type"], five["type"] = five["type"], "enterprise"

    def theme(self, producer):
        industries = Counter(s["industry"] for s in producer["products"] if s["industry"] != "other")
        if industries:
            return THEMES[industries.most_common(1)[0][0]]
        sector = Counter(s["subgroup"].split(".")[0] for s in producer["products"]).most_common(1)[0][0]
        return THEMES[sector]

    def person(self):
        middle = self.rng.choice(MIDDLE)
        return f"{self.rng.choice(FAMILY)} {middle} {self.rng.choice(GIVEN)}"

    def new_brand(self):
        while True:
            brand = " ".join(self.rng.sample(BRAND_SYLLABLES, 2))
            if brand not in AVOID_BRANDS and brand not in self.used_ids["brand"]:
                self.used_ids["brand"].add(brand)
                return brand

    def name_producer(self, producer):
        coop_word, trade = self.theme(producer)
        place = producer["commune"][1]
        kind = producer["type"]
        while True:
            if kind == "household_business":
                owner = self.person()
                brand = f"{self.rng.choice(NICK)} {owner.split()[-1]}"
                name, legal = f"Hộ kinh doanh {owner}", "Hộ kinh doanh"
            elif kind == "enterprise":
                brand = self.new_brand()
                legal = self.rng.choice(["Công ty TNHH MTV", "Công ty TNHH", "Công ty CP", "DNTN"])
                name = f"{legal} {trade} {brand}"
            else:
                # Cooperatives sell under their place name, unless it is a numbered ward.
                brand = self.new_brand() if place.startswith("Phường") else place
                legal = "HTX" if kind == "cooperative" else "Tổ hợp tác"
                name = f"{legal} {coop_word} {place}"
            if name not in self.used_ids["producer-name"]:
                self.used_ids["producer-name"].add(name)
                break
            producer["commune"] = self.rng.choice(dict((d[0], d[3]) for d in DISTRICTS)[producer["district"]])
            place = producer["commune"][1]
        producer.update(name=name, legal=legal, brand=brand, representative=self.person())
        producer["slug"] = slugify(brand)
        while producer["slug"] in self.used_ids["producer-slug"]:
            producer["slug"] += f"-{producer['district']}"
        self.used_ids["producer-slug"].add(producer["slug"])

    # ---------------------------------------------------------------- naming

    def name_products(self, slots):
        for slot in slots:
            producer = slot["producer"]
            key = f"{slot['industry']}:{slot['subgroup']}"
            stems = NAMES.get(key) or NAMES.get(slot["subgroup"]) or NAMES[slot["subgroup"].rsplit(".", 1)[0]]
            taken = producer.setdefault("names", set())
            options = [stem for stem in stems if f"{stem[0]} {producer['brand']}" not in taken]
            stem, spec = self.rng.choice(options or stems)
            name = f"{stem} {producer['brand']}"
            if name in taken:
                name = f"{name} ({spec.lower()})"
            n = 2
            while name in taken:
                name = f"{stem} {producer['brand']} loại {n}"
                n += 1
            taken.add(name)
            slot["name"], slot["spec"] = name, spec
            low, high = PRICE_BANDS[slot["subgroup"].split(".")[0]]
            slot["price"] = self.rng.randint(low, high) * 1000

    # ---------------------------------------------------------------- listings

    def unique(self, marketplace, digits, prefix=""):
        while True:
            value = prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(digits - len(prefix)))
            if value[0] != "0" and value not in self.used_ids[marketplace]:
                self.used_ids[marketplace].add(value)
                return value

    def shop_id(self, producer, relation):
        key = producer["id"] if relation == "own_shop" else relation
        shops = self.used_ids.setdefault("shop-of", {})
        if key not in shops:
            shops[key] = self.unique("shopee-shop", 10)
        return shops[key]

    def listing(self, slot, platform, relation):
        slug = slugify(slot["name"])
        producer = slot["producer"]
        if platform == "shopee":
            item = self.unique("shopee", 11)
            url = f"https://shopee.vn/{slug}-i.{self.shop_id(producer, relation)}.{item}"
        elif platform == "lazada":
            item = self.unique("lazada", 10)
            url = f"https://www.lazada.vn/products/{slug}-i{item}-s{self.unique('lazada-sku', 11)}.html"
        elif platform == "tiki":
            item = self.unique("tiki", 9)
            url = f"https://tiki.vn/{slug}-p{item}.html?spid={self.unique('tiki-spid', 9)}"
        elif platform == "sendo":
            item = self.unique("sendo", 8)
            url = f"https://www.sendo.vn/{slug}-{item}.html"
        elif platform == "tiktok_shop":
            item = self.unique("tiktok_shop", 19, prefix="17")
            url = f"https://shop.tiktok.com/vn/pdp/{slug}/{item}"
        else:
            url = f"https://{producer['slug']}.vn/san-pham/{slug}"
            item = url
        return {"product_id": slot["id"], "platform": platform, "listing_url": url, "item_id": item,
                "seller_relation": relation, "slot": slot}

    def relation(self, platform):
        if platform == "website":
            return "own_shop"
        draw = self.rng.random()
        for relation, share in NON_OWNER:
            if draw < share:
                return relation
            draw -= share
        return "own_shop"

    @staticmethod
    def draw_scale(shares):
        """The factor c for drawing each platform with probability c·share and redrawing empty
        sets, so that each platform's share among listed products is its target: c solves
        1 − Π(1 − c·share) = c."""
        low, high = 0.01, 1.0
        for _ in range(60):
            middle = (low + high) / 2
            empty = 1.0
            for share in shares:
                empty *= 1 - middle * share
            low, high = (middle, high) if 1 - empty > middle else (low, middle)
        return low

    def build_listings(self, slots):
        listed = self.rng.sample(slots, round(LISTED_SHARE * len(slots)))
        listed.sort(key=lambda s: s["id"])
        listings = []
        shares = dict(PLATFORM_SHARES, website=WEBSITE_SHARE)
        scale = self.draw_scale(shares.values())
        for slot in listed:
            platforms = []
            while not platforms:
                platforms = [p for p, share in shares.items() if self.rng.random() < scale * share]
            if self.rng.random() < SENDO_SHARE:
                platforms.append("sendo")
            for platform in platforms:
                listings.append(self.listing(slot, platform, self.relation(platform)))
        for index, listing in enumerate(listings, start=1):
            listing["listing_id"] = f"DT-L-{index:06d}"
        return listings

    # ---------------------------------------------------------------- scenario

    def scenario_item(self, listing):
        slot = listing["slot"]
        producer = slot["producer"]
        draw = self.rng.random()
        if listing["platform"] == "tiktok_shop" and draw < 0.03:
            state = "region_unavailable"
        elif draw < 0.83:
            state = "active"
        elif draw < 0.93:
            state = "out_of_stock"
        elif draw < 0.96:
            state = "not_found"
        else:
            state = "delisted"
        seller = {
            "own_shop": f"{producer['brand']} Official",
            "provincial_pavilion": PAVILION_SELLER,
            "postal_booth": POSTAL_SELLER,
            "reseller": self.rng.choice(RESELLERS),
        }[listing["seller_relation"]]
        price = slot["price"] + self.rng.choice([0, 0, 5000, -5000, 10000])
        discounted = self.rng.random() < 0.4
        return {
            "marketplace": listing["platform"],
            "item_id": listing["item_id"],
            "state": state,
            "title": f"{slot['name']} - {slot['spec']} - Đặc sản Đồng Tháp",
            "price_vnd": price,
            "original_price_vnd": int(round(price * 1.25, -3)) if discounted else price,
            "seller": seller,
            "stock": 0 if state == "out_of_stock" else self.rng.randint(5, 300),
            "sold": self.rng.randint(0, 5000),
        }

    # ---------------------------------------------------------------- main

    def run(self):
        slots = self.product_slots()
        self.assign_districts(slots)
        self.assign_stars(slots)
        self.assign_years(slots)
        slots.sort(key=lambda s: (s["district"], s["industry"], s["subgroup"], self.rng.random()))
        producers = self.build_producers(slots)
        slots.sort(key=lambda s: (s["producer"]["id"], s["subgroup"]))
        for index, slot in enumerate(slots, start=1):
            slot["id"] = f"DT-P-{index:06d}"
        self.name_products(slots)
        listings = self.build_listings(slots)
        items = [self.scenario_item(l) for l in listings if l["platform"] != "sendo"]
        return producers, slots, listings, items


def address(commune, district_name, hamlet):
    kind, name = commune
    if kind == "p":
        unit = name if name.startswith("Phường") else f"phường {name}"
        return f"khóm {hamlet}, {unit}, {district_name}, tỉnh Đồng Tháp"
    unit = f"thị trấn {name}" if kind == "tt" else f"xã {name}"
    return f"ấp {hamlet}, {unit}, {district_name}, tỉnh Đồng Tháp"


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_outputs(out, producers, slots, listings, items, seed):
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    write_csv(
        out / "producers.csv",
        ["entity_id", "entity_name", "entity_type", "legal_form", "representative", "address_as_registered",
         "admin_set_as_registered", "province_uid_as_registered", "district_uid_as_registered",
         "district_name_as_registered", "commune_name_as_registered", "modern_channels", "is_synthetic"],
        [[p["id"], p["name"], p["type"], p["legal"], p["representative"],
          address(p["commune"], p["district_name"], rng.randint(1, 6)), "VN-2019", "VN-2019:P:87",
          f"VN-2019:D:{p['district']}", p["district_name"], p["commune"][1],
          "ecommerce;own_store" if p["type"] != "household_business" else "ecommerce", "true"]
         for p in producers],
    )
    rows = []
    for s in slots:
        p = s["producer"]
        number, date, authority = s["decision"]
        year = int(date[:4])
        group = ".".join(s["subgroup"].split(".")[:2])
        subgroup = s["subgroup"] if s["subgroup"].count(".") == 2 else ""
        until = f"{year + 3}{date[4:]}"
        rows.append([
            s["id"], s["name"], s["spec"], p["id"], p["name"], p["type"], s["stars"],
            "national" if s["stars"] == 5 else "provincial", s["subgroup"].split(".")[0], group, subgroup,
            "QD148-2023", s["industry"], "re_evaluation" if year == 2024 and rng.random() < 0.1 else "new",
            number, date, authority, date, until, year, "active", address(p["commune"], p["district_name"], 1),
            "VN-2019", "VN-2019:P:87", f"VN-2019:D:{p['district']}", p["district"], "Đồng Tháp", p["district_name"],
            p["commune"][1], "true", "synthetic", "true",
        ])
    write_csv(
        out / "products.csv",
        ["product_id", "product_name", "packaging_spec", "entity_id", "entity_name", "entity_type", "star_rating",
         "certification_level", "ocop_sector", "ocop_group", "ocop_subgroup", "classification_version",
         "key_industry", "evaluation_type", "decision_no", "decision_date", "issuing_authority", "valid_from",
         "valid_until", "recognition_year", "status", "address_as_issued", "admin_set_as_issued",
         "province_uid_as_issued", "district_uid_as_issued", "legacy_district_code", "province_name_as_issued",
         "district_name_as_issued", "commune_name_as_issued", "ecommerce_required", "source", "is_synthetic"],
        rows,
    )
    write_csv(
        out / "listings.csv",
        ["listing_id", "product_id", "platform", "listing_url", "platform_item_id", "seller_relation",
         "match_method", "is_synthetic"],
        [[l["listing_id"], l["product_id"], l["platform"], l["listing_url"],
          "" if l["platform"] == "website" else l["item_id"], l["seller_relation"], "manual", "true"]
         for l in listings],
    )
    scenario_head = {"format": "ocop-mock-scenario/1", "sendo_closed": True}
    faults = [
        {"marketplace": "shopee", "kind": "captcha", "ratio": 0.05},
        {"marketplace": "tiki", "kind": "status", "status": 429, "retry_after": 1, "ratio": 0.02},
    ]
    with open(out / "scenario.json", "w", encoding="utf-8") as handle:
        handle.write(json.dumps(scenario_head, ensure_ascii=False)[:-1] + ',\n "items": [\n')
        handle.write(",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items))
        handle.write('\n ],\n "faults": [\n')
        handle.write(",\n".join("  " + json.dumps(fault) for fault in faults))
        handle.write("\n ]\n}\n")


def summary(producers, slots, listings, items):
    listed = {l["product_id"] for l in listings}
    by_platform = defaultdict(set)
    for l in listings:
        by_platform[l["platform"]].add(l["product_id"])
    non_owner = sum(l["seller_relation"] != "own_shop" for l in listings)
    lines = [
        f"products {len(slots)}: " + ", ".join(f"{n}×{s}★" for s, n in sorted(Counter(s['stars'] for s in slots).items())),
        f"producers {len(producers)}: " + ", ".join(f"{t} {n}" for t, n in Counter(p['type'] for p in producers).items()),
        "districts: " + ", ".join(f"{c} {n}" for c, n in sorted(Counter(s['district'] for s in slots).items())),
        "4★ per district: " + ", ".join(
            f"{c} {n}" for c, n in sorted(Counter(s['district'] for s in slots if s['stars'] == 4).items())),
        "key industries: " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(s['industry'] for s in slots).items())),
        "decision years: " + ", ".join(
            f"{y} {n}" for y, n in sorted(Counter(s['decision'][1][:4] for s in slots).items())),
        f"listings {len(listings)}; products listed {len(listed)} ({100 * len(listed) / len(slots):.0f} %)",
        "listed products per platform: " + ", ".join(
            f"{p} {100 * len(ids) / len(listed):.0f} %" for p, ids in sorted(by_platform.items())),
        f"non-owner listings {100 * non_owner / len(listings):.0f} %",
        "scenario states: " + ", ".join(f"{s} {n}" for s, n in sorted(Counter(i['state'] for i in items).items())),
    ]
    return "\n".join(lines)


README = """# Demo catalog (synthetic)

**Every row here is invented** (`is_synthetic=true`): names of producers and products, decision
numbers, shops, listing URLs and marketplace item ids. Only the administrative units (the 12
former districts 866–877 of Đồng Tháp and their communes, as before the 2025 reform) are real.
The figures follow `research/catalog-schema.md` §6: 581 OCOP certificates at the end of 2024
(464×3★, 116×4★, 1×5★) held by 246 producers.

| file | what it is |
| --- | --- |
| `producers.csv` | the producers (the schema's `entities.csv`) |
| `products.csv` | one row per certificate |
| `listings.csv` | known marketplace listings: Shopee, TikTok Shop, Lazada, Tiki, old Sendo URLs, producers' websites |
| `scenario.json` | what the mock marketplace serves for each listing (`ocop-mock-scenario/1`); Sendo is closed |

The listing URLs point at the real marketplaces' hosts, but the items do not exist there: use
these files only with the mock marketplace (`Config/demo.yaml`, `scripts/demo.sh`).

Regenerate (deterministic; Python 3, standard library only):

```
python3 scripts/generate-demo-catalog.py            # writes Config/demo/
python3 scripts/generate-demo-catalog.py --seed 7   # another, equally plausible province
```

This run:

```
{summary}
```
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--out", type=Path, default=root / "Config" / "demo", help="output folder")
    parser.add_argument("--seed", type=int, default=20241231, help="random seed (default: %(default)s)")
    args = parser.parse_args()
    producers, slots, listings, items = Generator(args.seed).run()
    write_outputs(args.out, producers, slots, listings, items, args.seed)
    text = summary(producers, slots, listings, items)
    (args.out / "README.md").write_text(README.replace("{summary}", text), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
