SELECT toString(number * 1.1), toString(number / 7) FROM numbers(4);
SELECT toString(1e15), toString(1e16), toString(123456789.123), toString(1e-5), toString(toFloat32(1e10));
