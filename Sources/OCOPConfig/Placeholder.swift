// OCOPConfig
