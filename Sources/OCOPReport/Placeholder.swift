// OCOPReport
