SELECT toUInt32('12x'); -- { serverError CANNOT_PARSE_TEXT }
SELECT toUUID('not-a-uuid'); -- { serverError CANNOT_PARSE_UUID }
SELECT 'ok';
