CREATE TABLE t (x UInt8) ENGINE = Memory;
CREATE TABLE t (x UInt8) ENGINE = Memory; -- { serverError TABLE_ALREADY_EXISTS }
CREATE TABLE u (x NoSuchType) ENGINE = Memory; -- { serverError UNKNOWN_TYPE }
CREATE TABLE u (x UInt8) ENGINE = NoSuchEngine; -- { serverError UNKNOWN_STORAGE }
CREATE TABLE nodb.u (x UInt8) ENGINE = Memory; -- { serverError UNKNOWN_DATABASE }
CREATE DATABASE default; -- { serverError DATABASE_ALREADY_EXISTS }
DROP DATABASE nosuch; -- { serverError UNKNOWN_DATABASE }
CREATE TABLE u (x FixedString(0)) ENGINE = Memory; -- { serverError UNEXPECTED_AST_STRUCTURE }
CREATE TABLE u (x Decimal(100, 2)) ENGINE = Memory; -- { serverError ARGUMENT_OUT_OF_BOUND }
SHOW TABLES;
