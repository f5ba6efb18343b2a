"""English date formats: day month year, as GOV.UK and the NHS write them ("2 December 2026").

Django's own "en" formats are American ("Dec. 2, 2026"). Templates use the named formats
(`|date:"DATE_FORMAT"`, `|date:"SHORT_DATE_FORMAT"`) so another language brings its own.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
