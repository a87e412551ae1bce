# Dates as UN documents write them in English: 6 November 2017. Other languages keep Django's formats
# (Chinese: 2017年11月6日).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
