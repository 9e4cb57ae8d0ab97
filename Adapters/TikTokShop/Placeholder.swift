// TikTokShop
