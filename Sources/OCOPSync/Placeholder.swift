// OCOPSync
