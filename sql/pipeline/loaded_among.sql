-- loaded_among: which of the given URLs ($1, a list) are loaded as reports. A look-alike
-- discovery turns down by its list title stays a report if its page was loaded as one.
SELECT url
FROM reports
WHERE list_contains($1, url);
