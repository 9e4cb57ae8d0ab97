// OCOPStore
