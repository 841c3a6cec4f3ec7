SELECT formatDateTime(toDateTime('2021-03-07 09:05:03', 'UTC'), '%Y-%m-%d %H:%M:%S'), formatDateTime(toDateTime('2021-03-07 09:05:03', 'UTC'), '%d/%m/%y %I %p %j %u %w');
SELECT formatDateTime(toDate('2021-03-07'), '%F %D %e|%%'), formatDateTime(toDateTime('2021-03-07 21:05:03', 'UTC'), '%T %R %h %b %a %M');
SELECT formatDateTime(toDateTime('2021-03-07 09:05:03', 'Asia/Tokyo'), '%Y-%m-%d %H:%M:%S %z'), formatDateTime(toDateTime64('2021-03-07 09:05:03.123456', 6, 'UTC'), '%f');
