SELECT now() > toDateTime('2020-01-01 00:00:00'), today() >= toDate('2024-01-01'), toDate(now()) = today(), toTypeName(now()), toTypeName(today());
SELECT now('Asia/Tokyo') = now(), toTypeName(now('Asia/Tokyo')), yesterday() = today() - 1;
