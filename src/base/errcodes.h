/*
 * Every ClickHouse error code floe reports, with ClickHouse's number and name
 * (src/Common/ErrorCodes.cpp). Add a line here before using a new code; the
 * number and name must be ClickHouse's own.
 */
#ifndef FLOE_BASE_ERRCODES_H
#define FLOE_BASE_ERRCODES_H

#define FLOE_ERRCODES(X)                                                                           \
    X(1, UNSUPPORTED_METHOD)                                                                       \
    X(6, CANNOT_PARSE_TEXT)                                                                        \
    X(10, NOT_FOUND_COLUMN_IN_BLOCK)                                                               \
    X(15, DUPLICATE_COLUMN)                                                                        \
    X(16, NO_SUCH_COLUMN_IN_TABLE)                                                                 \
    X(19, SIZE_OF_FIXED_STRING_DOESNT_MATCH)                                                       \
    X(20, NUMBER_OF_COLUMNS_DOESNT_MATCH)                                                          \
    X(21, CANNOT_READ_ALL_DATA_FROM_TAB_SEPARATED_INPUT)                                           \
    X(25, CANNOT_PARSE_ESCAPE_SEQUENCE)                                                            \
    X(26, CANNOT_PARSE_QUOTED_STRING)                                                              \
    X(27, CANNOT_PARSE_INPUT_ASSERTION_FAILED)                                                     \
    X(32, ATTEMPT_TO_READ_AFTER_EOF)                                                               \
    X(33, CANNOT_READ_ALL_DATA)                                                                    \
    X(35, TOO_MANY_ARGUMENTS_FOR_FUNCTION)                                                         \
    X(36, BAD_ARGUMENTS)                                                                           \
    X(38, CANNOT_PARSE_DATE)                                                                       \
    X(39, TOO_LARGE_SIZE_COMPRESSED)                                                               \
    X(40, CHECKSUM_DOESNT_MATCH)                                                                   \
    X(41, CANNOT_PARSE_DATETIME)                                                                   \
    X(42, NUMBER_OF_ARGUMENTS_DOESNT_MATCH)                                                        \
    X(43, ILLEGAL_TYPE_OF_ARGUMENT)                                                                \
    X(44, ILLEGAL_COLUMN)                                                                          \
    X(46, UNKNOWN_FUNCTION)                                                                        \
    X(47, UNKNOWN_IDENTIFIER)                                                                      \
    X(48, NOT_IMPLEMENTED)                                                                         \
    X(49, LOGICAL_ERROR)                                                                           \
    X(50, UNKNOWN_TYPE)                                                                            \
    X(53, TYPE_MISMATCH)                                                                           \
    X(56, UNKNOWN_STORAGE)                                                                         \
    X(57, TABLE_ALREADY_EXISTS)                                                                    \
    X(59, ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER)                                                       \
    X(60, UNKNOWN_TABLE)                                                                           \
    X(62, SYNTAX_ERROR)                                                                            \
    X(63, UNKNOWN_AGGREGATE_FUNCTION)                                                              \
    X(69, ARGUMENT_OUT_OF_BOUND)                                                                   \
    X(70, CANNOT_CONVERT_TYPE)                                                                     \
    X(72, CANNOT_PARSE_NUMBER)                                                                     \
    X(73, UNKNOWN_FORMAT)                                                                          \
    X(74, CANNOT_READ_FROM_FILE_DESCRIPTOR)                                                        \
    X(75, CANNOT_WRITE_TO_FILE_DESCRIPTOR)                                                         \
    X(76, CANNOT_OPEN_FILE)                                                                        \
    X(78, EMPTY_LIST_OF_COLUMNS_PASSED)                                                            \
    X(79, INCORRECT_FILE_NAME)                                                                     \
    X(80, INCORRECT_QUERY)                                                                         \
    X(81, UNKNOWN_DATABASE)                                                                        \
    X(82, DATABASE_ALREADY_EXISTS)                                                                 \
    X(84, DIRECTORY_ALREADY_EXISTS)                                                                \
    X(85, FORMAT_IS_NOT_SUITABLE_FOR_INPUT)                                                        \
    X(88, CANNOT_TRUNCATE_FILE)                                                                    \
    X(89, UNKNOWN_COMPRESSION_METHOD)                                                              \
    X(92, EMPTY_DATA_PASSED)                                                                       \
    X(107, FILE_DOESNT_EXIST)                                                                      \
    X(108, NO_DATA_TO_INSERT)                                                                      \
    X(115, UNKNOWN_SETTING)                                                                        \
    X(117, INCORRECT_DATA)                                                                         \
    X(119, ENGINE_REQUIRED)                                                                        \
    X(122, INCOMPATIBLE_COLUMNS)                                                                   \
    X(125, INCORRECT_RESULT_OF_SCALAR_SUBQUERY)                                                    \
    X(127, ILLEGAL_INDEX)                                                                          \
    X(130, CANNOT_READ_ARRAY_FROM_TEXT)                                                            \
    X(131, TOO_LARGE_STRING_SIZE)                                                                  \
    X(137, UNKNOWN_ELEMENT_IN_CONFIG)                                                              \
    X(139, NO_ELEMENTS_IN_CONFIG)                                                                  \
    X(153, ILLEGAL_DIVISION)                                                                       \
    X(158, TOO_MANY_ROWS)                                                                          \
    X(160, TOO_SLOW)                                                                               \
    X(170, BAD_GET)                                                                                \
    X(173, CANNOT_ALLOCATE_MEMORY)                                                                 \
    X(179, MULTIPLE_EXPRESSIONS_FOR_ALIAS)                                                         \
    X(184, ILLEGAL_AGGREGATION)                                                                    \
    X(204, CANNOT_FSYNC)                                                                           \
    X(210, NETWORK_ERROR)                                                                          \
    X(215, NOT_AN_AGGREGATE)                                                                       \
    X(219, DATABASE_NOT_EMPTY)                                                                     \
    X(223, UNEXPECTED_AST_STRUCTURE)                                                               \
    X(226, NO_FILE_IN_DATA_PART)                                                                   \
    X(228, BAD_SIZE_OF_FILE_IN_DATA_PART)                                                          \
    X(232, NO_SUCH_DATA_PART)                                                                      \
    X(233, BAD_DATA_PART_NAME)                                                                     \
    X(236, ABORTED)                                                                                \
    X(243, NOT_ENOUGH_SPACE)                                                                       \
    X(246, CORRUPTED_DATA)                                                                         \
    X(248, INVALID_PARTITION_VALUE)                                                                \
    X(252, TOO_MANY_PARTS)                                                                         \
    X(258, UNION_ALL_RESULT_STRUCTURE_MISMATCH)                                                    \
    X(270, CANNOT_COMPRESS)                                                                        \
    X(271, CANNOT_DECOMPRESS)                                                                      \
    X(277, INDEX_NOT_USED)                                                                         \
    X(291, DATABASE_ACCESS_DENIED)                                                                 \
    X(306, TOO_DEEP_RECURSION)                                                                     \
    X(321, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE)                                                     \
    X(341, UNFINISHED)                                                                             \
    X(344, SUPPORT_IS_DISABLED)                                                                    \
    X(349, CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN)                                                  \
    X(352, AMBIGUOUS_COLUMN_NAME)                                                                  \
    X(361, SEEK_POSITION_OUT_OF_BOUND)                                                             \
    X(376, CANNOT_PARSE_UUID)                                                                      \
    X(378, DATA_TYPE_CANNOT_HAVE_ARGUMENTS)                                                        \
    X(384, PART_IS_TEMPORARILY_LOCKED)                                                             \
    X(386, NO_COMMON_TYPE)                                                                         \
    X(388, CANNOT_ASSIGN_OPTIMIZE)                                                                 \
    X(390, CANNOT_GET_CREATE_TABLE_QUERY)                                                          \
    X(394, QUERY_WAS_CANCELLED)                                                                    \
    X(399, FORMAT_IS_NOT_SUITABLE_FOR_OUTPUT)                                                      \
    X(400, CANNOT_STAT)                                                                            \
    X(407, DECIMAL_OVERFLOW)                                                                       \
    X(420, CANNOT_UPDATE_COLUMN)                                                                   \
    X(422, UNSUPPORTED_URI_SCHEME)                                                                 \
    X(427, CANNOT_COMPILE_REGEXP)                                                                  \
    X(432, UNKNOWN_CODEC)                                                                          \
    X(440, INVALID_LIMIT_EXPRESSION)                                                               \
    X(458, CANNOT_UNLINK)                                                                          \
    X(467, CANNOT_PARSE_BOOL)                                                                      \
    X(478, UNKNOWN_POLICY)                                                                         \
    X(479, UNKNOWN_DISK)                                                                           \
    X(497, ACCESS_DENIED)                                                                          \
    X(499, S3_ERROR)                                                                               \
    X(500, AZURE_BLOB_STORAGE_ERROR)                                                               \
    X(504, FILE_ALREADY_EXISTS)                                                                    \
    X(524, ALTER_OF_COLUMN_IS_FORBIDDEN)                                                           \
    X(548, UNKNOWN_VOLUME)                                                                         \
    X(558, EXPECTED_ALL_OR_DISTINCT)                                                               \
    X(596, INTERSECT_OR_EXCEPT_RESULT_STRUCTURES_MISMATCH)                                         \
    X(632, UNEXPECTED_DATA_AFTER_PARSED_VALUE)                                                     \
    X(636, CANNOT_EXTRACT_TABLE_STRUCTURE)                                                         \
    X(641, CANNOT_APPEND_TO_FILE)                                                                  \
    X(669, NAMED_COLLECTION_DOESNT_EXIST)                                                          \
    X(670, NAMED_COLLECTION_ALREADY_EXISTS)                                                        \
    X(691, UNKNOWN_ELEMENT_OF_ENUM)                                                                \
    X(715, CANNOT_DETECT_FORMAT)                                                                   \
    X(716, CANNOT_FORGET_PARTITION)                                                                \
    X(769, NAMED_COLLECTION_IS_USED)                                                               \
    /* end of list: every X line above ends with a backslash */

enum floe_errcode {
#define FLOE_ERRCODE_ENUM(num, name) FLOE_ERR_##name = num,
    FLOE_ERRCODES(FLOE_ERRCODE_ENUM)
#undef FLOE_ERRCODE_ENUM
};

#endif
