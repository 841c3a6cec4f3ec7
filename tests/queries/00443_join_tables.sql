CREATE TABLE users (id UInt32, name String) ENGINE = Memory;
CREATE TABLE orders (oid UInt32, user_id UInt32, amount Decimal(9, 2)) ENGINE = Memory;
INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (3, 'cid');
INSERT INTO orders VALUES (10, 1, 5.5), (11, 1, 3), (12, 3, 10), (13, 4, 1);
SELECT u.name, o.oid, o.amount FROM users AS u JOIN orders AS o ON u.id = o.user_id ORDER BY o.oid;
SELECT name, sum(amount) FROM users LEFT JOIN orders ON users.id = orders.user_id GROUP BY name ORDER BY name;
SELECT u.name, count(o.oid) FROM users AS u LEFT JOIN orders AS o ON o.user_id = u.id GROUP BY u.name ORDER BY u.name;
SELECT oid, name FROM orders LEFT JOIN users ON orders.user_id = users.id ORDER BY oid;
SELECT * FROM users AS u JOIN orders AS o ON u.id = o.user_id AND o.amount > 4 ORDER BY oid;
SELECT * FROM users AS u JOIN nosuch AS o ON u.id = o.user_id; -- { serverError UNKNOWN_TABLE }
SELECT * FROM users AS u JOIN orders AS o ON u.id = o.nosuch; -- { serverError UNKNOWN_IDENTIFIER }
