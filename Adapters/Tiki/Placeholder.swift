// Tiki
