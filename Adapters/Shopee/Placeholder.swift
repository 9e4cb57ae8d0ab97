// Shopee
