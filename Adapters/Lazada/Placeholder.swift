// Lazada
