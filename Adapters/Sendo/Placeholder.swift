// Sendo
