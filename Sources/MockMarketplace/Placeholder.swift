// MockMarketplace
