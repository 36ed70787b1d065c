-- 002: pods keep a projection of the fields tables print (src/api/projection.ts) beside the JSON.
ALTER TABLE objects ADD COLUMN slim TEXT;
