// FLOE_UNIT_DEPS: base hash compress types formats parquet
/*
 * Row formats: output bytes compared with ClickHouse 26.7's (chref) for the
 * same values, built here by hand with the column API; input formats parsed
 * back into columns, including across one-byte reads and error messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/mem.h"
#include "formats/format.h"

/* Expected outputs: chref -q "<query> FORMAT X" with
 * V = SELECT * FROM values('n UInt64, s Nullable(String), f Float64',
 *     (0,'a\tb',1.5),(1,NULL,-0.25),(2,'x"y''z\n日本',100)) */
static const char exp_tsv[] = "0\ta\\tb\t1.5\n"
                              "1\t\\N\t-0.25\n"
                              "2\tx\"y\\'z\\n日本\t100\n";

static const char exp_tsv_nt[] = "n\ts\tf\n"
                                 "UInt64\tNullable(String)\tFloat64\n"
                                 "0\ta\\tb\t1.5\n"
                                 "1\t\\N\t-0.25\n"
                                 "2\tx\"y\\'z\\n日本\t100\n";

static const char exp_tsv_raw[] = "0\ta\tb\t1.5\n"
                                  "1\t\\N\t-0.25\n"
                                  "2\tx\"y'z\n"
                                  "日本\t100\n";

static const char exp_csv_names[] = "\"n\",\"s\",\"f\"\n"
                                    "0,\"a\tb\",1.5\n"
                                    "1,\\N,-0.25\n"
                                    "2,\"x\"\"y'z\n"
                                    "日本\",100\n";

static const char exp_jsoneachrow[] = "{\"n\":0,\"s\":\"a\\tb\",\"f\":1.5}\n"
                                      "{\"n\":1,\"s\":null,\"f\":-0.25}\n"
                                      "{\"n\":2,\"s\":\"x\\\"y'z\\n日本\",\"f\":100}\n";

static const char exp_jsoncompacteachrow[] = "[0, \"a\\tb\", 1.5]\n"
                                             "[1, null, -0.25]\n"
                                             "[2, \"x\\\"y'z\\n日本\", 100]\n";

static const char exp_jsoncompact[] = "{\n"
                                      "\t\"meta\":\n"
                                      "\t[\n"
                                      "\t\t{\n"
                                      "\t\t\t\"name\": \"n\",\n"
                                      "\t\t\t\"type\": \"UInt64\"\n"
                                      "\t\t},\n"
                                      "\t\t{\n"
                                      "\t\t\t\"name\": \"s\",\n"
                                      "\t\t\t\"type\": \"Nullable(String)\"\n"
                                      "\t\t},\n"
                                      "\t\t{\n"
                                      "\t\t\t\"name\": \"f\",\n"
                                      "\t\t\t\"type\": \"Float64\"\n"
                                      "\t\t}\n"
                                      "\t],\n"
                                      "\n"
                                      "\t\"data\":\n"
                                      "\t[\n"
                                      "\t\t[0, \"a\\tb\", 1.5],\n"
                                      "\t\t[1, null, -0.25],\n"
                                      "\t\t[2, \"x\\\"y'z\\n日本\", 100]\n"
                                      "\t],\n"
                                      "\n"
                                      "\t\"rows\": 3\n"
                                      "}\n";

static const char exp_json[] = "{\n"
                               "\t\"meta\":\n"
                               "\t[\n"
                               "\t\t{\n"
                               "\t\t\t\"name\": \"n\",\n"
                               "\t\t\t\"type\": \"UInt64\"\n"
                               "\t\t},\n"
                               "\t\t{\n"
                               "\t\t\t\"name\": \"s\",\n"
                               "\t\t\t\"type\": \"Nullable(String)\"\n"
                               "\t\t},\n"
                               "\t\t{\n"
                               "\t\t\t\"name\": \"f\",\n"
                               "\t\t\t\"type\": \"Float64\"\n"
                               "\t\t}\n"
                               "\t],\n"
                               "\n"
                               "\t\"data\":\n"
                               "\t[\n"
                               "\t\t{\n"
                               "\t\t\t\"n\": 0,\n"
                               "\t\t\t\"s\": \"a\\tb\",\n"
                               "\t\t\t\"f\": 1.5\n"
                               "\t\t},\n"
                               "\t\t{\n"
                               "\t\t\t\"n\": 1,\n"
                               "\t\t\t\"s\": null,\n"
                               "\t\t\t\"f\": -0.25\n"
                               "\t\t},\n"
                               "\t\t{\n"
                               "\t\t\t\"n\": 2,\n"
                               "\t\t\t\"s\": \"x\\\"y'z\\n日本\",\n"
                               "\t\t\t\"f\": 100\n"
                               "\t\t}\n"
                               "\t],\n"
                               "\n"
                               "\t\"rows\": 3\n"
                               "}\n";

static const char exp_values[] = "(0,'a\\tb',1.5),(1,NULL,-0.25),(2,'x\"y\\'z\\n日本',100)";

static const char exp_pretty[] = "   ┏━━━┳━━━━━━━━━━┳━━━━━━━┓\n"
                                 "   ┃ n ┃ s        ┃     f ┃\n"
                                 "   ┡━━━╇━━━━━━━━━━╇━━━━━━━┩\n"
                                 "1. │ 0 │ a\tb     │   1.5 │\n"
                                 "   ├───┼──────────┼───────┤\n"
                                 "2. │ 1 │ ᴺᵁᴸᴸ     │ -0.25 │\n"
                                 "   ├───┼──────────┼───────┤\n"
                                 "3. │ 2 │ x\"y'z   ↴│   100 │\n"
                                 "   │   │↳日本     │       │\n"
                                 "   └───┴──────────┴───────┘\n";

static const char exp_prettycompact[] = "   ┌─n─┬─s────────┬─────f─┐\n"
                                        "1. │ 0 │ a\tb     │   1.5 │\n"
                                        "2. │ 1 │ ᴺᵁᴸᴸ     │ -0.25 │\n"
                                        "3. │ 2 │ x\"y'z   ↴│   100 │\n"
                                        "   │   │↳日本     │       │\n"
                                        "   └───┴──────────┴───────┘\n";

static const char exp_prettyspace[] = "    n   s               f\n"
                                      "\n"
                                      "1.  0   a\tb         1.5 \n"
                                      "2.  1   ᴺᵁᴸᴸ        -0.25 \n"
                                      "3.  2   x\"y'z    ↴    100 \n"
                                      "       ↳日本              \n";

static const char exp_vertical[] = "Row 1:\n"
                                   "──────\n"
                                   "n: 0\n"
                                   "s: a\tb\n"
                                   "f: 1.5\n"
                                   "\n"
                                   "Row 2:\n"
                                   "──────\n"
                                   "n: 1\n"
                                   "s: ᴺᵁᴸᴸ\n"
                                   "f: -0.25\n"
                                   "\n"
                                   "Row 3:\n"
                                   "──────\n"
                                   "n: 2\n"
                                   "s: x\"y'z\n"
                                   "日本\n"
                                   "f: 100\n";

static const char exp_markdown[] = "| n | s | f |\n"
                                   "|-:|:-|-:|\n"
                                   "| 0 | a\\tb | 1.5 |\n"
                                   "| 1 | \\N | -0.25 |\n"
                                   "| 2 | x\"y\\'z\\n日本 | 100 |\n";

static const char exp_pretty_blocks[] = "   ┌─n─┐\n"
                                        "1. │ 0 │\n"
                                        "2. │ 1 │\n"
                                        "   └───┘\n"
                                        "   ┌─n─┐\n"
                                        "3. │ 2 │\n"
                                        "   └───┘\n";

static const char exp_pretty_mono[] = "   ┌─n─┐\n"
                                      "1. │ 0 │\n"
                                      "2. │ 1 │\n"
                                      "3. │ 2 │\n"
                                      "   └───┘\n";

static const char exp_pretty_tip[] = "   ┏━━━━━━━━━┓\n"
                                     "   ┃       x ┃\n"
                                     "   ┡━━━━━━━━━┩\n"
                                     "1. │ 1234567 │ -- 1.23 million\n"
                                     "   └─────────┘\n";

static const char exp_pretty_cut[] = "    ┌─n─┐\n"
                                     " 1. │ 0 │\n"
                                     " 2. │ 1 │\n"
                                     "    ─ ─ ─\n"
                                     " 9. │ 8 │\n"
                                     "10. │ 9 │\n"
                                     "    └───┘\n"
                                     "Showed 4 out of 10 rows.\n";

static const char exp_pretty_cut_blocks[] = "   ┌─n─┐\n"
                                            "1. │ 0 │\n"
                                            "2. │ 1 │\n"
                                            "3. │ 2 │\n"
                                            "   └───┘\n"
                                            "   ┌─n─┐\n"
                                            "4. │ 3 │\n"
                                            "   └───┘\n"
                                            "Showed 4 out of 10 rows.\n";

static const char exp_pretty_width[] = "   ┌─s─────┬─k─┐\n"
                                       "1. │ abcde⋯│ 1 │\n"
                                       "   └───────┴───┘\n";

static const char exp_pretty_nonum[] = "┌─s───┬─k─┐\n"
                                       "│ abc │ 1 │\n"
                                       "└─────┴───┘\n";

static const char exp_pretty_color[] =
    "   ┌─\033[1mn\033[0m─┬─\033[1ms\033[0m────────┬─────\033[1mf\033[0m─┐\n"
    "\033[90m1. \033[0m│ 0 │ a\tb     │   1.5 │\n"
    "\033[90m2. \033[0m│ 1 │ ᴺᵁᴸᴸ     │ -0.25 │\n"
    "\033[90m3. \033[0m│ 2 │ x\"y'z   \033[90m↴\033[0m│   100 │\n"
    "   │   │\033[90m↳\033[0m日本     │       │\n"
    "   └───┴──────────┴───────┘\n";

static const char exp_vertical_color[] =
    "Row 1:\n"
    "──────\n"
    "\033[1mx:\033[0m \033[4m1\033[0m23\033[4m4\033[0m567\033[90m -- 1.23 million\033[0m\n"
    "\033[1ms:\033[0m a\033[31m\033[4m \033[0m\n";

static const char exp_pretty_footer[] = "    ┌──n─┐\n"
                                        " 1. │  0 │\n"
                                        " 2. │  1 │\n"
                                        " 3. │  2 │\n"
                                        " 4. │  3 │\n"
                                        " 5. │  4 │\n"
                                        " 6. │  5 │\n"
                                        " 7. │  6 │\n"
                                        " 8. │  7 │\n"
                                        " 9. │  8 │\n"
                                        "10. │  9 │\n"
                                        "11. │ 10 │\n"
                                        "12. │ 11 │\n"
                                        "13. │ 12 │\n"
                                        "14. │ 13 │\n"
                                        "15. │ 14 │\n"
                                        "16. │ 15 │\n"
                                        "17. │ 16 │\n"
                                        "18. │ 17 │\n"
                                        "19. │ 18 │\n"
                                        "20. │ 19 │\n"
                                        "21. │ 20 │\n"
                                        "22. │ 21 │\n"
                                        "23. │ 22 │\n"
                                        "24. │ 23 │\n"
                                        "25. │ 24 │\n"
                                        "26. │ 25 │\n"
                                        "27. │ 26 │\n"
                                        "28. │ 27 │\n"
                                        "29. │ 28 │\n"
                                        "30. │ 29 │\n"
                                        "31. │ 30 │\n"
                                        "32. │ 31 │\n"
                                        "33. │ 32 │\n"
                                        "34. │ 33 │\n"
                                        "35. │ 34 │\n"
                                        "36. │ 35 │\n"
                                        "37. │ 36 │\n"
                                        "38. │ 37 │\n"
                                        "39. │ 38 │\n"
                                        "40. │ 39 │\n"
                                        "41. │ 40 │\n"
                                        "42. │ 41 │\n"
                                        "43. │ 42 │\n"
                                        "44. │ 43 │\n"
                                        "45. │ 44 │\n"
                                        "46. │ 45 │\n"
                                        "47. │ 46 │\n"
                                        "48. │ 47 │\n"
                                        "49. │ 48 │\n"
                                        "50. │ 49 │\n"
                                        "51. │ 50 │\n"
                                        "52. │ 51 │\n"
                                        "53. │ 52 │\n"
                                        "54. │ 53 │\n"
                                        "55. │ 54 │\n"
                                        "56. │ 55 │\n"
                                        "57. │ 56 │\n"
                                        "58. │ 57 │\n"
                                        "59. │ 58 │\n"
                                        "60. │ 59 │\n"
                                        "    └──n─┘\n";

static const char exp_pretty_fallback[] = "Row 1:\n"
                                          "──────\n"
                                          "a: 1\n"
                                          "b: 2\n"
                                          "c: 3\n"
                                          "d: 4\n"
                                          "e: x\n"
                                          "y\n";

static const char exp_vertical_max[] = "Row 1:\n"
                                       "──────\n"
                                       "n: 0\n"
                                       "\n"
                                       "Row 2:\n"
                                       "──────\n"
                                       "n: 1\n"
                                       "\n"
                                       "Showed first 2.\n";

/* chref -q "SELECT 1 AS a, number*3000000 AS b FROM numbers(3) FORMAT PrettyCompact" */
static const char exp_tip_rows[] = "   ┌─a─┬───────b─┐\n"
                                   "1. │ 1 │       0 │\n"
                                   "2. │ 1 │ 3000000 │ -- 3.00 million\n"
                                   "3. │ 1 │ 6000000 │ -- 6.00 million\n"
                                   "   └───┴─────────┘\n";

/* chref -q "SELECT (number,'x') AS t, number AS n FROM numbers(2) FORMAT CSVWithNamesAndTypes" */
static const char exp_csv_tuple[] = "\"t.1\",\"t.2\",\"n\"\n"
                                    "\"UInt64\",\"String\",\"UInt64\"\n"
                                    "0,\"x\",0\n"
                                    "1,\"x\",1\n";

/* chref -q "SELECT CAST((1,[(2,'x')]),'Tuple(a UInt8, b Array(Tuple(UInt8, String)))') AS nt
 * FORMAT PrettyCompact" and the same FORMAT JSON (without statistics). */
static const char exp_named_pretty[] = "   ┌─nt────────┐\n"
                                       "1. │ {        ↴│\n"
                                       "   │↳  \"a\": 1,↴│\n"
                                       "   │↳  \"b\": [ ↴│\n"
                                       "   │↳   [     ↴│\n"
                                       "   │↳    2,   ↴│\n"
                                       "   │↳    \"x\"  ↴│\n"
                                       "   │↳   ]     ↴│\n"
                                       "   │↳  ]      ↴│\n"
                                       "   │↳}         │\n"
                                       "   └───────────┘\n";

static const char exp_named_json_data[] = "\t\"data\":\n"
                                          "\t[\n"
                                          "\t\t{\n"
                                          "\t\t\t\"nt\": {\n"
                                          "\t\t\t\t\"a\": 1,\n"
                                          "\t\t\t\t\"b\": [\n"
                                          "\t\t\t\t\t[\n"
                                          "\t\t\t\t\t\t2,\n"
                                          "\t\t\t\t\t\t\"x\"\n"
                                          "\t\t\t\t\t]\n"
                                          "\t\t\t\t]\n"
                                          "\t\t\t}\n"
                                          "\t\t}\n"
                                          "\t],\n";

/* chref -q "SELECT number AS n FROM numbers(10) FORMAT PrettyCompact SETTINGS
 * output_format_pretty_grid_charset='ASCII', output_format_pretty_max_rows=4" */
static const char exp_pretty_ascii[] = "    +-n-+\n"
                                       " 1. | 0 |\n"
                                       " 2. | 1 |\n"
                                       "    - - -\n"
                                       " 9. | 8 |\n"
                                       "10. | 9 |\n"
                                       "    +---+\n"
                                       "Showed 4 out of 10 rows.\n";

/* ---- helpers ---- */

static const floe_type *t_u64(void)
{
    return floe_type_get(FLOE_TYPE_UINT64);
}
static const floe_type *t_str(void)
{
    return floe_type_get(FLOE_TYPE_STRING);
}

/* The block of the values(...) query above, rows [from, from + n). */
static floe_block *sample_block(size_t from, size_t n)
{
    static const char *strs[] = {"a\tb", NULL, "x\"y'z\n日本"};
    static const double fs[] = {1.5, -0.25, 100};
    floe_column *cn = floe_column_new(t_u64());
    floe_column *cs = floe_column_new(floe_type_nullable(t_str()));
    floe_column *cf = floe_column_new(floe_type_get(FLOE_TYPE_FLOAT64));
    for (size_t i = from; i < from + n; i++) {
        uint64_t v = i;
        floe_column_push_fixed(cn, &v);
        if (strs[i])
            floe_column_push_string(cs, strs[i], strlen(strs[i]));
        else
            floe_column_push_null(cs);
        floe_column_push_fixed(cf, &fs[i]);
    }
    floe_block *b = floe_block_new();
    floe_block_add(b, "n", cn);
    floe_block_add(b, "s", cs);
    floe_block_add(b, "f", cf);
    return b;
}

static floe_block *numbers_block(const char *name, uint64_t from, uint64_t n)
{
    floe_column *c = floe_column_new(t_u64());
    for (uint64_t i = from; i < from + n; i++)
        floe_column_push_fixed(c, &i);
    floe_block *b = floe_block_new();
    floe_block_add(b, name, c);
    return b;
}

/* Runs blocks through format into a string (caller frees). */
static char *render(const char *format, const floe_format_settings *s, floe_block **blocks,
                    size_t n_blocks)
{
    floe_buf out = FLOE_BUF_INIT;
    floe_block *b0 = blocks[0];
    const floe_type **types = malloc(b0->n_cols * sizeof *types);
    for (size_t i = 0; i < b0->n_cols; i++)
        types[i] = b0->cols[i]->type;
    floe_output_format *f;
    assert_int_equal(floe_output_format_new(&f, format, b0->n_cols, (const char *const *)b0->names,
                                            types, s, floe_sink_buf(&out)),
                     0);
    for (size_t i = 0; i < n_blocks; i++)
        assert_int_equal(floe_output_format_write(f, blocks[i]), 0);
    assert_int_equal(floe_output_format_finish(f, NULL), 0);
    floe_output_format_free(f);
    free(types);
    floe_buf_putc(&out, 0);
    return floe_buf_detach(&out, NULL);
}

static void check_sample(const char *format, const floe_format_settings *s, const char *expected)
{
    floe_block *b = sample_block(0, 3);
    char *got = render(format, s, &b, 1);
    assert_string_equal(got, expected);
    floe_free(got);
    /* The same rows in two blocks print the same (Values keeps its comma). */
    floe_block *two[2] = {sample_block(0, 2), sample_block(2, 1)};
    floe_format_settings s2 = *s;
    s2.pretty_squash_consecutive_ms = 1000000;
    got = render(format, &s2, two, 2);
    assert_string_equal(got, expected);
    floe_free(got);
    floe_block_free(two[0]);
    floe_block_free(two[1]);
    floe_block_free(b);
}

static floe_format_settings defaults(void)
{
    floe_format_settings s;
    floe_format_settings_init(&s);
    return s;
}

/* ---- output ---- */

static void test_text_outputs(void **state)
{
    floe_format_settings s = defaults();
    check_sample("TSV", &s, exp_tsv);
    check_sample("TabSeparated", &s, exp_tsv);
    check_sample("TSVWithNamesAndTypes", &s, exp_tsv_nt);
    check_sample("TSVRaw", &s, exp_tsv_raw);
    check_sample("CSVWithNames", &s, exp_csv_names);
    check_sample("Values", &s, exp_values);
    check_sample("Markdown", &s, exp_markdown);
}

static void test_json_outputs(void **state)
{
    floe_format_settings s = defaults();
    check_sample("JSONEachRow", &s, exp_jsoneachrow);
    check_sample("JSONCompactEachRow", &s, exp_jsoncompacteachrow);
    s.write_statistics = false;
    check_sample("JSON", &s, exp_json);
    check_sample("JSONCompact", &s, exp_jsoncompact);
}

static void test_json_statistics(void **state)
{
    floe_format_settings s = defaults();
    floe_buf out = FLOE_BUF_INIT;
    const char *names[] = {"n"};
    const floe_type *types[] = {t_u64()};
    floe_output_format *f;
    assert_int_equal(
        floe_output_format_new(&f, "JSONCompact", 1, names, types, &s, floe_sink_buf(&out)), 0);
    floe_block *b = numbers_block("n", 0, 2);
    assert_int_equal(floe_output_format_write(f, b), 0);
    floe_query_stats st = {0.006696852, 2, 16, 2, true};
    assert_int_equal(floe_output_format_finish(f, &st), 0);
    const char *tail =
        "\t\t[0],\n\t\t[1]\n\t],\n\n\t\"rows\": 2,\n\n\t\"rows_before_limit_at_least\": "
        "2,\n\n\t\"statistics\":\n\t{\n\t\t\"elapsed\": 0.006696852,\n\t\t"
        "\"rows_read\": 2,\n\t\t\"bytes_read\": 16\n\t}\n}\n";
    assert_non_null(strstr(out.data, tail));
    floe_output_format_free(f);
    floe_block_free(b);
    floe_buf_free(&out);
}

static void test_pretty_outputs(void **state)
{
    floe_format_settings s = defaults();
    check_sample("Pretty", &s, exp_pretty);
    check_sample("PrettyCompact", &s, exp_prettycompact);
    check_sample("PrettySpace", &s, exp_prettyspace);
    check_sample("Vertical", &s, exp_vertical);
    s.pretty_color = true;
    check_sample("PrettyCompact", &s, exp_pretty_color);
    check_sample("PrettyCompactNoEscapes", &s, exp_prettycompact);
}

static void test_pretty_blocks(void **state)
{
    floe_format_settings s = defaults();
    s.pretty_squash_consecutive_ms = 0;
    floe_block *b[2] = {numbers_block("n", 0, 2), numbers_block("n", 2, 1)};
    char *got = render("PrettyCompact", &s, b, 2);
    assert_string_equal(got, exp_pretty_blocks);
    floe_free(got);
    got = render("PrettyCompactMonoBlock", &s, b, 2);
    assert_string_equal(got, exp_pretty_mono);
    floe_free(got);
    /* Blocks arriving together are squashed into one table. */
    s.pretty_squash_consecutive_ms = 1000000;
    got = render("PrettyCompact", &s, b, 2);
    assert_string_equal(got, exp_pretty_mono);
    floe_free(got);
    floe_block_free(b[0]);
    floe_block_free(b[1]);
}

static void test_pretty_limits(void **state)
{
    floe_format_settings s = defaults();
    s.pretty_max_rows = 4;
    floe_block *b = numbers_block("n", 0, 10);
    char *got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_pretty_cut);
    floe_free(got);
    s.pretty_ascii = true;
    got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_pretty_ascii);
    floe_free(got);
    s.pretty_ascii = false;
    floe_block_free(b);

    s.pretty_squash_consecutive_ms = 0;
    floe_block *bs[4] = {numbers_block("n", 0, 3), numbers_block("n", 3, 3),
                         numbers_block("n", 6, 3), numbers_block("n", 9, 1)};
    got = render("PrettyCompact", &s, bs, 4);
    assert_string_equal(got, exp_pretty_cut_blocks);
    floe_free(got);
    /* Squashed, the cut falls in the middle of all rows. */
    s.pretty_squash_consecutive_ms = 1000000;
    got = render("PrettyCompact", &s, bs, 4);
    assert_string_equal(got, exp_pretty_cut);
    floe_free(got);
    for (int i = 0; i < 4; i++)
        floe_block_free(bs[i]);

    s = defaults();
    b = numbers_block("n", 0, 60);
    got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_pretty_footer);
    floe_free(got);
    floe_block_free(b);

    s.pretty_max_rows = 2;
    b = numbers_block("n", 0, 3);
    got = render("Vertical", &s, &b, 1);
    assert_string_equal(got, exp_vertical_max);
    floe_free(got);
    floe_block_free(b);

    /* A long value is cut to output_format_pretty_max_value_width. */
    s = defaults();
    s.pretty_max_value_width = 5;
    floe_column *cs = floe_column_new(t_str());
    floe_column_push_string(cs, "abcdefghij", 10);
    floe_column *ck = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
    uint8_t one = 1;
    floe_column_push_fixed(ck, &one);
    b = floe_block_new();
    floe_block_add(b, "s", cs);
    floe_block_add(b, "k", ck);
    got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_pretty_width);
    floe_free(got);
    floe_block_free(b);
}

static void test_pretty_tip_and_fallback(void **state)
{
    floe_format_settings s = defaults();
    floe_block *b = numbers_block("x", 1234567, 1);
    char *got = render("Pretty", &s, &b, 1);
    assert_string_equal(got, exp_pretty_tip);
    floe_free(got);
    floe_block_free(b);

    /* Vertical gives every number its tip; colour marks digit groups and
     * trailing spaces. */
    s.pretty_color = true;
    b = numbers_block("x", 1234567, 1);
    floe_column *cs = floe_column_new(t_str());
    floe_column_push_string(cs, "a ", 2);
    floe_block_add(b, "s", cs);
    got = render("Vertical", &s, &b, 1);
    assert_string_equal(got, exp_vertical_color);
    floe_free(got);
    floe_block_free(b);
    s.pretty_color = false;

    /* Without row numbers. */
    s.pretty_row_numbers = false;
    b = floe_block_new();
    cs = floe_column_new(t_str());
    floe_column_push_string(cs, "abc", 3);
    floe_block_add(b, "s", cs);
    floe_column *ck = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
    uint8_t one = 1;
    floe_column_push_fixed(ck, &one);
    floe_block_add(b, "k", ck);
    got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_pretty_nonum);
    floe_free(got);
    floe_block_free(b);
    s.pretty_row_numbers = true;

    /* Five columns and a line feed: Pretty falls back to Vertical. */
    b = floe_block_new();
    const char *names[] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++) {
        floe_column *c = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
        uint8_t v = (uint8_t)(i + 1);
        floe_column_push_fixed(c, &v);
        floe_block_add(b, names[i], c);
    }
    floe_column *e = floe_column_new(t_str());
    floe_column_push_string(e, "x\ny", 3);
    floe_block_add(b, "e", e);
    got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_pretty_fallback);
    floe_free(got);
    floe_block_free(b);
}

static void test_empty_and_unknown(void **state)
{
    floe_format_settings s = defaults();
    const char *names[] = {"a"};
    const floe_type *types[] = {floe_type_get(FLOE_TYPE_UINT8)};
    static const struct {
        const char *format, *expected;
    } cases[] = {
        {"Pretty", ""},
        {"PrettyCompact", ""},
        {"Vertical", ""},
        {"JSONEachRow", ""},
        {"Values", ""},
        {"CSVWithNames", "\"a\"\n"},
        {"TSVWithNamesAndTypes", "a\nUInt8\n"},
        {"Markdown", "| a |\n|-:|\n"},
        {"Null", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        floe_buf out = FLOE_BUF_INIT;
        floe_output_format *f;
        assert_int_equal(
            floe_output_format_new(&f, cases[i].format, 1, names, types, &s, floe_sink_buf(&out)),
            0);
        assert_int_equal(floe_output_format_finish(f, NULL), 0);
        assert_string_equal(out.data ? out.data : "", cases[i].expected);
        floe_output_format_free(f);
        floe_buf_free(&out);
    }
    floe_output_format *f;
    floe_buf out = FLOE_BUF_INIT;
    assert_int_equal(floe_output_format_new(&f, "Foo", 1, names, types, &s, floe_sink_buf(&out)),
                     -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_FORMAT);
    assert_string_equal(floe_error_message(), "Unknown format Foo");
    assert_true(floe_output_format_exists("tsv"));
    assert_true(floe_output_format_exists("PrettyCompactMonoBlock"));
    assert_false(floe_input_format_exists("Pretty"));
    assert_true(floe_input_format_exists("JSONEachRow"));
}

/* ---- input ---- */

/* A source that hands out one byte per read, to cross every refill edge. */
static int slow_read(void *ctx, void *p, size_t n, size_t *got)
{
    floe_mem_source_state *st = ctx;
    *got = 0;
    if (st->pos < st->len && n) {
        *(char *)p = st->p[st->pos++];
        *got = 1;
    }
    return 0;
}

/* Parses text as format into one block of the given columns; returns the
 * status; *out gets all rows (NULL when none). */
static int parse_all(floe_block **out, const char *format, size_t n, const char *const *names,
                     const floe_type *const *types, const floe_format_settings *s, const char *text,
                     bool slow)
{
    floe_mem_source_state st;
    floe_source src = floe_source_mem(&st, text, strlen(text));
    if (slow)
        src.read = slow_read;
    floe_input_format *f;
    *out = NULL;
    if (floe_input_format_new(&f, format, n, names, types, s, src) < 0)
        return -1;
    int rc = 0;
    for (;;) {
        floe_block *b;
        rc = floe_input_format_read(f, &b, 2);
        if (rc < 0 || !b)
            break;
        if (!*out) {
            *out = b;
        } else {
            for (size_t i = 0; i < n; i++)
                floe_column_append_range((*out)->cols[i], b->cols[i], 0, b->rows);
            (*out)->rows += b->rows;
            floe_block_free(b);
        }
    }
    floe_input_format_free(f);
    return rc;
}

static void assert_str_at(const floe_column *c, size_t row, const char *expected)
{
    size_t len;
    const char *p = floe_column_string_at(c, row, &len);
    assert_int_equal(len, strlen(expected));
    assert_memory_equal(p, expected, len);
}

static const char *const ab_names[] = {"a", "b"};

static void ab_types(const floe_type **types)
{
    types[0] = floe_type_get(FLOE_TYPE_UINT8);
    types[1] = floe_type_nullable(t_str());
}

static void check_ab(const floe_block *b)
{
    assert_non_null(b);
    assert_int_equal(b->rows, 3);
    assert_int_equal(FLOE_COL_DATA(b->cols[0], uint8_t)[0], 1);
    assert_int_equal(FLOE_COL_DATA(b->cols[0], uint8_t)[1], 2);
    assert_int_equal(FLOE_COL_DATA(b->cols[0], uint8_t)[2], 0);
    assert_str_at(b->cols[1], 0, "x\ty\n\"z'");
    assert_true(floe_column_is_null(b->cols[1], 1));
    assert_str_at(b->cols[1], 2, " s ");
}

static void test_parse_delimited(void **state)
{
    floe_format_settings s = defaults();
    const floe_type *types[2];
    ab_types(types);
    static const struct {
        const char *format, *text;
    } cases[] = {
        {"TSV", "1\tx\\ty\\n\"z\\'\n2\t\\N\n0\t s \n"},
        {"TabSeparated", "1\tx\\ty\\n\"z'\n2\t\\N\n\t s "},
        {"CSV", "1,\"x\ty\n\"\"z'\"\n 2 ,\\N\r\n,\" s \"\n"},
        {"CSVWithNames", "b,a\n\"x\ty\n\"\"z'\",1\n\\N,2\n\" s \",\n"},
        {"CSVWithNames", "zz,b,a\n7,\"x\ty\n\"\"z'\",1\n7,\\N,2\n7,\" s \",\n"},
        {"TSVWithNames", "b\ta\nx\\ty\\n\"z'\t1\n\\N\t2\n s \t0\n"},
        {"TSVWithNamesAndTypes",
         "a\tb\nUInt8\tNullable(String)\n1\tx\\ty\\n\"z'\n2\t\\N\n0\t s \n"},
        {"JSONEachRow",
         "{\"a\":1,\"b\":\"x\\ty\\n\\\"z'\"}\n{\"b\":null,\"a\":\"2\"}{\"b\":\" s \","
         "\"c\":[1,{\"d\":\"}\"}]}"},
        {"JSONEachRow", "[{\"a\":1,\"b\":\"x\\u0009y\\n\\\"z'\"}, {\"a\":2}, {\"b\":\" s \"}]"},
        {"Values", "(1, 'x\\ty\\n\"z\\''), (2,NULL)(0, ' s ');"},
        {"JSONCompactEachRow", "[1,\"x\\ty\\n\\\"z'\"]\n[2,null]\n[0,\" s \"]"},
        {"JSONCompactEachRowWithNames",
         "[\"b\",\"a\"]\n[\"x\\ty\\n\\\"z'\",1]\n[null,2] [\" s \",0]"},
        {"Values", "(1,'x\ty\n\"z''') , (2, null),(0,' s ')"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int slow = 0; slow < 2; slow++) {
            floe_block *b;
            int rc = parse_all(&b, cases[i].format, 2, ab_names, types, &s, cases[i].text, slow);
            if (rc != 0)
                fail_msg("%s case %zu: %s", cases[i].format, i, floe_error_message());
            check_ab(b);
            floe_block_free(b);
        }
    }
}

static void test_parse_nested(void **state)
{
    floe_format_settings s = defaults();
    const floe_type *inner[2] = {floe_type_get(FLOE_TYPE_UINT8), t_str()};
    const char *elem_names[2] = {"x", "y"};
    const floe_type *types[2] = {floe_type_array(t_str()), floe_type_tuple(inner, elem_names, 2)};
    const char *names[2] = {"arr", "tup"};
    static const struct {
        const char *format, *text;
    } cases[] = {
        {"JSONEachRow", "{\"arr\":[\"p\",\"q\"],\"tup\":{\"y\":\"w\",\"x\":7}}\n{\"arr\":[]}"},
        {"JSONEachRow", "{\"arr\":[\"p\",\"q\"],\"tup\":[7,\"w\"]}\n{}"},
        {"Values", "(['p', 'q'], (7, 'w')), ([], (0, ''))"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        floe_block *b;
        if (parse_all(&b, cases[i].format, 2, names, types, &s, cases[i].text, false) != 0)
            fail_msg("case %zu: %s", i, floe_error_message());
        assert_int_equal(b->rows, 2);
        const floe_column *arr = b->cols[0], *tup = b->cols[1];
        assert_int_equal(arr->offsets[0], 2);
        assert_int_equal(arr->offsets[1], 2);
        assert_str_at(arr->children[0], 0, "p");
        assert_str_at(arr->children[0], 1, "q");
        assert_int_equal(tup->rows, 2);
        assert_int_equal(FLOE_COL_DATA(tup->children[0], uint8_t)[0], 7);
        assert_int_equal(FLOE_COL_DATA(tup->children[0], uint8_t)[1], 0);
        assert_str_at(tup->children[1], 0, "w");
        assert_str_at(tup->children[1], 1, "");
        floe_block_free(b);
    }
}

static void expect_error(const char *format, const char *text, const floe_format_settings *s,
                         int code, const char *message)
{
    const floe_type *types[2];
    ab_types(types);
    types[1] = t_str();
    floe_block *b;
    assert_int_equal(parse_all(&b, format, 2, ab_names, types, s, text, false), -1);
    floe_block_free(b);
    assert_int_equal(floe_error_code(), code);
    if (strcmp(floe_error_message(), message) != 0)
        fail_msg("%s: got [%s] want [%s]", format, floe_error_message(), message);
}

static void test_parse_errors(void **state)
{
    floe_format_settings s = defaults();
    expect_error("TSV", "1\tx\n2", &s, FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected '\\t' at end of stream: (at row 2)");
    expect_error("TSV", "1\tx\t3\n", &s, FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected '\\n' before: '\\t3\\n': (at row 1)");
    expect_error("CSV", "1\n", &s, FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected ',' before: '\\n': (at row 1)");
    expect_error("CSV", "1,x,3\n", &s, FLOE_ERR_INCORRECT_DATA, "Expected end of line: (at row 1)");
    expect_error("JSONEachRow", "{\"a\":1,\"b\":\"2\"} x", &s,
                 FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected '{' before: 'x': (at row 2)");
    expect_error("TSVWithNamesAndTypes", "a\tb\nString\tString\n1\tx\n", &s,
                 FLOE_ERR_INCORRECT_DATA,
                 "Type of 'a' must be UInt8, not String: (while reading header)");
    expect_error("Values", "(1,'x'), (2+1, 'y')", &s, FLOE_ERR_SYNTAX_ERROR,
                 "Cannot parse expression of type UInt8 here: 2+1, 'y')");
    expect_error("Values", "(1,'x'), (abc, 'y')", &s, FLOE_ERR_SYNTAX_ERROR,
                 "Cannot parse expression of type UInt8 here: abc, 'y')");
    s.input_skip_unknown_fields = false;
    expect_error("CSVWithNames", "b,z,a\nx,1,2\n", &s, FLOE_ERR_INCORRECT_DATA,
                 "Unknown field found in format header: 'z' at position 1\nSet the "
                 "'input_format_skip_unknown_fields' parameter explicitly to ignore and proceed: "
                 "(while reading header)");
    floe_input_format *f;
    floe_mem_source_state st;
    assert_int_equal(floe_input_format_new(&f, "Pretty", 1, ab_names,
                                           (const floe_type *[]){t_str()}, &s,
                                           floe_source_mem(&st, "", 0)),
                     -1);
    assert_int_equal(floe_error_code(), FLOE_ERR_UNKNOWN_FORMAT);
}

/* A large input streams through the fixed-size read buffer. */
static void test_parse_large(void **state)
{
    floe_format_settings s = defaults();
    floe_buf text = FLOE_BUF_INIT;
    for (unsigned i = 0; i < 100000; i++)
        floe_buf_printf(&text, "%u\tvalue number %u\n", i % 256, i);
    const floe_type *types[2];
    ab_types(types);
    floe_mem_source_state st;
    floe_input_format *f;
    assert_int_equal(floe_input_format_new(&f, "TSV", 2, ab_names, types, &s,
                                           floe_source_mem(&st, text.data, text.len)),
                     0);
    size_t rows = 0;
    for (;;) {
        floe_block *b;
        assert_int_equal(floe_input_format_read(f, &b, 65409), 0);
        if (!b)
            break;
        for (size_t i = 0; i < b->rows; i++) {
            char want[64];
            snprintf(want, sizeof want, "value number %zu", rows + i);
            assert_int_equal(FLOE_COL_DATA(b->cols[0], uint8_t)[i], (rows + i) % 256);
            assert_str_at(b->cols[1], i, want);
        }
        rows += b->rows;
        floe_block_free(b);
    }
    assert_int_equal(rows, 100000);
    floe_input_format_free(f);
    floe_buf_free(&text);
}

/* 26.7 puts the readable tip beside every row whose last column is large. */
static void test_pretty_tip_rows(void **state)
{
    floe_format_settings s = defaults();
    floe_column *a = floe_column_new(floe_type_get(FLOE_TYPE_UINT8));
    floe_column *b = floe_column_new(t_u64());
    for (uint64_t i = 0; i < 3; i++) {
        uint8_t one = 1;
        uint64_t v = i * 3000000;
        floe_column_push_fixed(a, &one);
        floe_column_push_fixed(b, &v);
    }
    floe_block *blk = floe_block_new();
    floe_block_add(blk, "a", a);
    floe_block_add(blk, "b", b);
    char *got = render("PrettyCompact", &s, &blk, 1);
    assert_string_equal(got, exp_tip_rows);
    floe_free(got);
    floe_block_free(blk);
}

/* CSV writes a tuple as separate columns and reads it back the same way. */
static void test_csv_tuple(void **state)
{
    floe_format_settings s = defaults();
    const floe_type *elems[2] = {t_u64(), t_str()};
    const floe_type *types[2] = {floe_type_tuple(elems, NULL, 2), t_u64()};
    const char *names[2] = {"t", "n"};
    floe_column *t = floe_column_new(types[0]);
    floe_column *n = floe_column_new(t_u64());
    for (uint64_t i = 0; i < 2; i++) {
        floe_column_push_fixed(t->children[0], &i);
        floe_column_push_string(t->children[1], "x", 1);
        floe_column_reserve(t, 1, 0);
        t->rows++;
        floe_column_push_fixed(n, &i);
    }
    floe_block *blk = floe_block_new();
    floe_block_add(blk, "t", t);
    floe_block_add(blk, "n", n);
    char *got = render("CSVWithNamesAndTypes", &s, &blk, 1);
    assert_string_equal(got, exp_csv_tuple);
    floe_free(got);
    floe_block_free(blk);

    floe_block *b;
    assert_int_equal(parse_all(&b, "CSV", 2, names, types, &s, "0,\"x\",0\n7,y,1\n", false), 0);
    assert_int_equal(b->rows, 2);
    assert_int_equal(b->cols[0]->rows, 2);
    assert_int_equal(FLOE_COL_DATA(b->cols[0]->children[0], uint64_t)[1], 7);
    assert_str_at(b->cols[0]->children[1], 1, "y");
    assert_int_equal(FLOE_COL_DATA(b->cols[1], uint64_t)[1], 1);
    floe_block_free(b);
}

/* More of ClickHouse's input error texts (chref: SELECT * FROM format(...)). */
static void test_parse_errors_2(void **state)
{
    floe_format_settings s = defaults();
    expect_error("TSV", "1\tx\nz\ty\n", &s, FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected '\\t' before: 'z\\ty\\n': (at row 2)");
    expect_error("CSV", "abc,x\n", &s, FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected ',' before: 'abc,x\\n': (at row 1)");
    expect_error("JSONEachRow", "{\"a\":1", &s, FLOE_ERR_CANNOT_READ_ALL_DATA,
                 "Unexpected end of stream while parsing JSONEachRow format: (at row 1)");
    expect_error("Values", "(1, 'x'),(2", &s, FLOE_ERR_SYNTAX_ERROR,
                 "Cannot parse expression of type UInt8 here: 2");
    expect_error("Values", "(1)", &s, FLOE_ERR_SYNTAX_ERROR,
                 "Cannot parse expression of type UInt8 here: 1)");
    expect_error("Values", "(1, 'x') junk", &s, FLOE_ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                 "Cannot parse input: expected '(' before: 'junk':  at row 1");
}

/* Named tuples: indented JSON in Pretty and in the JSON format. */
static void test_named_tuple(void **state)
{
    floe_format_settings s = defaults();
    s.write_statistics = false;
    const floe_type *inner[2] = {floe_type_get(FLOE_TYPE_UINT8), t_str()};
    const floe_type *elems[2] = {floe_type_get(FLOE_TYPE_UINT8),
                                 floe_type_array(floe_type_tuple(inner, NULL, 2))};
    const char *elem_names[2] = {"a", "b"};
    floe_column *nt = floe_column_new(floe_type_tuple(elems, elem_names, 2));
    uint8_t one = 1, two = 2;
    floe_column_push_fixed(nt->children[0], &one);
    floe_column *arr = nt->children[1];
    floe_column *tup = arr->children[0];
    floe_column_push_fixed(tup->children[0], &two);
    floe_column_push_string(tup->children[1], "x", 1);
    floe_column_reserve(tup, 1, 0);
    tup->rows++;
    floe_column_reserve(arr, 1, 0);
    arr->offsets[0] = 1;
    arr->rows++;
    floe_column_reserve(nt, 1, 0);
    nt->rows++;
    floe_block *b = floe_block_new();
    floe_block_add(b, "nt", nt);
    char *got = render("PrettyCompact", &s, &b, 1);
    assert_string_equal(got, exp_named_pretty);
    floe_free(got);
    got = render("JSON", &s, &b, 1);
    assert_non_null(strstr(got, exp_named_json_data));
    floe_free(got);
    floe_block_free(b);
}

/* JSON and JSONCompact send valid UTF-8 (a run of bad bytes becomes one
 * U+FFFD: chref shows one for unhex('61FFFE62') in JSONCompact and two, one
 * per raw byte, in JSONEachRow, which passes bytes through). */
static void test_json_utf8(void **state)
{
    floe_format_settings s = defaults();
    s.write_statistics = false;
    floe_column *c = floe_column_new(t_str());
    floe_column_push_string(c,
                            "a\xFF\xFE"
                            "b",
                            4);
    floe_block *b = floe_block_new();
    floe_block_add(b, "s", c);
    char *got = render("JSONCompact", &s, &b, 1);
    assert_non_null(strstr(got, "\t\t[\"a\xEF\xBF\xBD"
                                "b\"]\n"));
    floe_free(got);
    got = render("JSONEachRow", &s, &b, 1);
    assert_string_equal(got, "{\"s\":\"a\xFF\xFE"
                             "b\"}\n");
    floe_free(got);
    floe_block_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_outputs),
        cmocka_unit_test(test_json_outputs),
        cmocka_unit_test(test_json_statistics),
        cmocka_unit_test(test_pretty_outputs),
        cmocka_unit_test(test_pretty_blocks),
        cmocka_unit_test(test_pretty_limits),
        cmocka_unit_test(test_pretty_tip_and_fallback),
        cmocka_unit_test(test_empty_and_unknown),
        cmocka_unit_test(test_parse_delimited),
        cmocka_unit_test(test_parse_nested),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_large),
        cmocka_unit_test(test_pretty_tip_rows),
        cmocka_unit_test(test_csv_tuple),
        cmocka_unit_test(test_parse_errors_2),
        cmocka_unit_test(test_named_tuple),
        cmocka_unit_test(test_json_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
