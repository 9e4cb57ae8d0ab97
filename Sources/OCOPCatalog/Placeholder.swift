// OCOPCatalog
