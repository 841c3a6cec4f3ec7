/*
 * Pretty, PrettyCompact, PrettySpace (MonoBlock, NoEscapes) and Vertical,
 * byte for byte as ClickHouse 26.7's PrettyBlockOutputFormat: box tables by
 * display width, row numbers, multi-line cells, the cut past max_rows, number
 * tips. Blocks within squash_consecutive_ms of each other make one table
 * (the gap is measured when the next block arrives; ClickHouse uses a thread).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/mem.h"
#include "formats/format_util.h"

#define NULL_TEXT "ᴺᵁᴸᴸ"

typedef enum pretty_style { S_FULL, S_COMPACT, S_SPACE } pretty_style;

/* The drawing characters: grid[k] is {left, fill, joint, right} of header
 * begin, header end, row separator, rows end, footer begin, footer end and
 * the compact top line (output_format_pretty_grid_charset). */
typedef struct glyphs {
    const char *grid[7][4];
    const char *bold_bar, *bar, *hbar;
    const char *ellipsis, *line_feed, *continuation;
} glyphs;

static const glyphs utf8_glyphs = {
    {{"┏", "━", "┳", "┓"},
     {"┡", "━", "╇", "┩"},
     {"├", "─", "┼", "┤"},
     {"└", "─", "┴", "┘"},
     {"┢", "━", "╈", "┪"},
     {"┗", "━", "┻", "┛"},
     {"┌", "─", "┬", "┐"}},
    "┃",
    "│",
    "─",
    "⋯",
    "↴",
    "↳",
};

static const glyphs ascii_glyphs = {
    {{"+", "-", "+", "+"},
     {"+", "-", "+", "+"},
     {"+", "-", "+", "+"},
     {"+", "-", "+", "+"},
     {"+", "-", "+", "+"},
     {"+", "-", "+", "+"},
     {"+", "-", "+", "+"}},
    "|",
    "|",
    "-",
    "~",
    "\\",
    ">",
};

/* Rows waiting to be drawn as one table. Only the rows that can be shown are
 * kept: past 2 * max_rows the middle is dropped (skipped counts it), keeping
 * the first `head` rows and the last max_rows / 2. Row v of the virtual chunk
 * (rows + skipped rows) is physical row v when v < head, else v - skipped. */
typedef struct pending {
    floe_column **cols;
    size_t rows; /* physical */
    size_t skipped;
    size_t head;
} pending;

typedef struct vertical_state {
    char **names; /* name, ": " and padding, as written */
    bool *is_number;
    uint64_t row_number;
} vertical_state;

typedef struct pretty_out {
    pretty_style style;
    const glyphs *g;
    bool mono;
    bool color;
    bool vertical_only; /* the Vertical format itself */
    floe_buf out;
    floe_sink sink;
    size_t n_cols;
    const char *const *names;
    const floe_type *const *types;
    const floe_format_settings *s;

    pending pend;
    double last_arrival_ms, last_output_ms;

    uint64_t total_rows;
    uint64_t displayed_rows;
    size_t row_number_width, prev_row_number_width;
    size_t *prev_widths; /* the last table's column widths (glue_chunks) */
    bool had_footer;
    bool readable_tip;
    bool use_vertical;
    vertical_state *vert;
    floe_buf cell;
    floe_buf frag;
} pretty_out;

static void put_n(floe_buf *b, const char *s, size_t times)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < times; i++)
        floe_buf_append(b, s, len);
}

/* The text Pretty shows for a cell: toString()'s text, NULL as ᴺᵁᴸᴸ, and a
 * named tuple as indented JSON (output_format_pretty_named_tuples_as_json,
 * not in the Vertical format itself). */
static void cell_text(pretty_out *p, floe_buf *dst, const floe_column *c, size_t row)
{
    floe_buf_clear(dst);
    if (floe_column_is_null(c, row))
        floe_buf_puts(dst, NULL_TEXT);
    else if (!p->vertical_only && floe_fmt_tuple_is_named(c->type))
        floe_fmt_json_pretty(dst, c, row, 1, ' ', 0, &p->s->text);
    else
        floe_text_write(dst, c, row, FLOE_TEXT_PLAIN, &p->s->text);
    if (!dst->data)
        floe_buf_reserve(dst, 1);
}

/* ---- names: ClickHouse cuts long names that are not identifiers ---- */

static bool is_identifier(const char *s)
{
    if (!s[0] || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return false;
    for (const char *q = s + 1; *q; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
              *q == '_'))
            return false;
    return strcasecmp(s, "null") != 0;
}

/* Appends name, cut in the middle to cut_to columns with "⋯" when it is
 * longer than cut_to + min_cut and not an identifier; returns its width. */
static size_t truncate_name(floe_buf *dst, const char *name, size_t cut_to, size_t min_cut,
                            const char *filler)
{
    size_t n = strlen(name);
    size_t width = floe_fmt_display_width(name, n, 0);
    if (!cut_to || width <= cut_to + min_cut || is_identifier(name)) {
        floe_buf_append(dst, name, n);
        return width;
    }
    size_t prefix_chars = cut_to / 2;
    size_t suffix_chars = (cut_to - 1) / 2;
    size_t prefix_bytes = floe_fmt_bytes_before_width(name, n, 0, prefix_chars);
    size_t suffix_begin = floe_fmt_bytes_before_width(name, n, 0, width - suffix_chars);
    floe_buf_append(dst, name, prefix_bytes);
    floe_buf_puts(dst, filler);
    floe_buf_append(dst, name + suffix_begin, n - suffix_begin);
    return cut_to;
}

/* ---- colour helpers (only with output_format_pretty_color) ---- */

static void put_digit_groups(floe_buf *dst, const char *s, size_t n)
{
    size_t digits = 0;
    bool regular = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '-' || c == ' ')
            continue;
        if (c == '.')
            break;
        if (c >= '0' && c <= '9')
            digits++;
        else {
            regular = false;
            break;
        }
    }
    if (n <= 4 || !regular || digits <= 4) {
        floe_buf_append(dst, s, n);
        return;
    }
    bool before_decimal = true;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (before_decimal && c >= '0' && c <= '9') {
            k++;
            size_t off = digits - k;
            if (off && off % 3 == 0) {
                floe_buf_puts(dst, "\033[4m");
                floe_buf_putc(dst, c);
                floe_buf_puts(dst, "\033[0m");
            } else {
                floe_buf_putc(dst, c);
            }
        } else {
            if (c == '.')
                before_decimal = false;
            floe_buf_putc(dst, c);
        }
    }
}

static void put_trailing_spaces(floe_buf *dst, const char *s, size_t n)
{
    size_t end = n;
    while (end > 0 && strchr(" \t\n\r\f\v", s[end - 1]) && s[end - 1])
        end--;
    if (end == n || n == 0) {
        floe_buf_append(dst, s, n);
        return;
    }
    floe_buf_append(dst, s, end);
    floe_buf_puts(dst, "\033[31m\033[4m");
    floe_buf_append(dst, s + end, n - end);
    floe_buf_puts(dst, "\033[0m");
}

/* " -- 1.23 million" beside a large number, when it fits in max_width. */
static void put_number_tip(pretty_out *p, const floe_column *c, size_t row, size_t max_width)
{
    if (floe_column_is_null(c, row))
        return;
    double v = floe_fmt_number_at(c, row);
    double a = fabs(v);
    uint64_t threshold = p->s->pretty_number_tip_threshold;
    if (!threshold || !isfinite(v) || !(a > (double)threshold) || (a > 1e17 && a < 1.844675e19))
        return;
    static const char *units[] = {"",
                                  " thousand",
                                  " million",
                                  " billion",
                                  " trillion",
                                  " quadrillion",
                                  " quintillion",
                                  " sextillion",
                                  " septillion",
                                  " octillion",
                                  " nonillion",
                                  " decillion",
                                  " undecillion",
                                  " duodecillion",
                                  " tredecillion",
                                  " quattuordecillion",
                                  " quindecillion",
                                  " sexdecillion",
                                  " septendecillion",
                                  " octodecillion"};
    size_t n_units = sizeof units / sizeof units[0];
    size_t i = 0;
    for (; i + 1 < n_units && fabs(v) >= 1000; i++)
        v /= 1000;
    char tip[96];
    int len = snprintf(tip, sizeof tip, "%.2f%s", v, units[i]);
    if (len < 0 || (size_t)len + 4 > max_width)
        return;
    if (p->color)
        floe_buf_puts(&p->out, "\033[90m");
    floe_buf_puts(&p->out, " -- ");
    floe_buf_puts(&p->out, tip);
    if (p->color)
        floe_buf_puts(&p->out, "\033[0m");
}

/* ---- Vertical ---- */

static vertical_state *vertical_new(pretty_out *p)
{
    vertical_state *v = floe_calloc(1, sizeof *v);
    size_t n = p->n_cols;
    v->names = floe_calloc(n ? n : 1, sizeof *v->names);
    v->is_number = floe_calloc(n ? n : 1, sizeof *v->is_number);
    size_t *widths = floe_calloc(n ? n : 1, sizeof *widths);
    floe_buf *cut = floe_calloc(n ? n : 1, sizeof *cut);
    size_t max_width = 0;
    for (size_t i = 0; i < n; i++) {
        widths[i] = truncate_name(&cut[i], p->names[i], p->s->pretty_name_cut_to,
                                  p->s->pretty_name_min_chars_to_cut, p->g->ellipsis);
        if (widths[i] > max_width)
            max_width = widths[i];
        v->is_number[i] = floe_fmt_is_number(p->types[i]);
    }
    for (size_t i = 0; i < n; i++) {
        floe_buf b = FLOE_BUF_INIT;
        if (p->color)
            floe_buf_puts(&b, "\033[1m");
        floe_buf_append(&b, cut[i].data ? cut[i].data : "", cut[i].len);
        floe_buf_puts(&b, p->color ? ":\033[0m " : ": ");
        for (size_t k = widths[i]; k < max_width; k++)
            floe_buf_putc(&b, ' ');
        if (!b.data)
            floe_buf_reserve(&b, 1);
        v->names[i] = floe_buf_detach(&b, NULL);
        floe_buf_free(&cut[i]);
    }
    floe_free(cut);
    floe_free(widths);
    return v;
}

static void vertical_free(vertical_state *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        floe_free(v->names[i]);
    floe_free(v->names);
    floe_free(v->is_number);
    floe_free(v);
}

/* One row: "Row N:", a rule, then name: value lines. */
static void vertical_row(pretty_out *p, floe_column *const *cols, size_t row)
{
    vertical_state *v = p->vert;
    v->row_number++;
    if (v->row_number > p->s->pretty_max_rows)
        return;
    floe_buf_puts(&p->out, "Row ");
    floe_buf_u64(&p->out, v->row_number);
    floe_buf_puts(&p->out, ":\n");
    size_t width = (size_t)log10((double)(v->row_number + 1)) + 1 + strlen("Row :");
    put_n(&p->out, "─", width);
    floe_buf_putc(&p->out, '\n');
    for (size_t c = 0; c < p->n_cols; c++) {
        floe_buf_puts(&p->out, v->names[c]);
        const floe_column *col = cols[c];
        if (p->color) {
            cell_text(p, &p->cell, col, row);
            floe_buf_clear(&p->frag);
            if (v->is_number[c]) {
                put_digit_groups(&p->frag, p->cell.data, p->cell.len);
                put_trailing_spaces(&p->out, p->frag.data, p->frag.len);
            } else {
                put_trailing_spaces(&p->out, p->cell.data, p->cell.len);
            }
        } else if (floe_column_is_null(col, row)) {
            floe_buf_puts(&p->out, NULL_TEXT);
        } else if (!p->vertical_only && floe_fmt_tuple_is_named(col->type)) {
            floe_fmt_json_pretty(&p->out, col, row, 1, ' ', 0, &p->s->text);
        } else {
            floe_text_write(&p->out, col, row, FLOE_TEXT_PLAIN, &p->s->text);
        }
        if (v->is_number[c])
            put_number_tip(p, col, row, (size_t)-1);
        floe_buf_putc(&p->out, '\n');
    }
}

static void vertical_between(pretty_out *p)
{
    if (p->vert->row_number > p->s->pretty_max_rows)
        return;
    floe_buf_putc(&p->out, '\n');
}

/* ---- tables ---- */

static bool cut_in_middle(size_t row, size_t rows, size_t max_rows)
{
    return rows > max_rows && !(row < (max_rows + 1) / 2 || row >= rows - max_rows / 2);
}

/* Per chunk: each displayed value's width, each column's padded width, the
 * names as shown and their widths. */
typedef struct layout {
    size_t *widths; /* [col * n_displayed + displayed_row] */
    size_t n_displayed;
    size_t *max_widths;
    size_t *name_widths;
    floe_buf *names;
    bool has_newlines;
} layout;

static void layout_free(layout *l, size_t n_cols)
{
    floe_free(l->widths);
    floe_free(l->max_widths);
    floe_free(l->name_widths);
    for (size_t i = 0; i < n_cols; i++)
        floe_buf_free(&l->names[i]);
    floe_free(l->names);
}

static inline size_t phys_row(const pending *c, size_t v)
{
    return v < c->head || !c->skipped ? v : v - c->skipped;
}

static void compute_layout(pretty_out *p, const pending *ch, size_t rows, layout *l)
{
    const floe_format_settings *s = p->s;
    size_t n = p->n_cols;
    size_t max_rows = s->pretty_max_rows;
    l->n_displayed = rows < max_rows ? rows : max_rows;
    l->widths = floe_calloc(n * l->n_displayed + 1, sizeof *l->widths);
    l->max_widths = floe_calloc(n ? n : 1, sizeof *l->max_widths);
    l->name_widths = floe_calloc(n ? n : 1, sizeof *l->name_widths);
    l->names = floe_calloc(n ? n : 1, sizeof *l->names);
    l->has_newlines = false;
    p->prev_row_number_width = p->row_number_width;
    p->row_number_width =
        rows + p->total_rows ? (size_t)floor(log10((double)(rows + p->total_rows))) + 3 : 3;

    size_t prefix = p->row_number_width + (p->style == S_SPACE ? 1 : 2);
    for (size_t i = 0; i < n; i++) {
        size_t shown = 0;
        size_t *w = l->widths + i * l->n_displayed;
        for (size_t v = 0; v < rows && shown < l->n_displayed; v++) {
            if (cut_in_middle(v, rows, max_rows))
                continue;
            cell_text(p, &p->cell, ch->cols[i], phys_row(ch, v));
            size_t len = p->cell.len;
            if (s->pretty_max_value_width && len > s->pretty_max_value_width * 4)
                len = s->pretty_max_value_width * 4;
            const char *t = p->cell.data;
            size_t from = 0;
            while (from < len) {
                size_t next = len;
                if (s->pretty_multiline_fields) {
                    const char *nl = memchr(t + from, '\n', len - from);
                    if (nl) {
                        l->has_newlines = true;
                        next = (size_t)(nl - t);
                    }
                }
                size_t fw = floe_fmt_display_width(t + from, next - from, prefix);
                if (fw > w[shown])
                    w[shown] = fw;
                size_t padded = fw;
                if (s->pretty_max_column_pad_width < padded)
                    padded = s->pretty_max_column_pad_width;
                if (s->pretty_max_value_width < padded)
                    padded = s->pretty_max_value_width;
                if (padded > l->max_widths[i])
                    l->max_widths[i] = padded;
                from = next;
                if (from < len)
                    from++;
            }
            shown++;
        }
        size_t cut_to = s->pretty_name_cut_to;
        if (cut_to && l->max_widths[i] > cut_to)
            cut_to = l->max_widths[i];
        size_t nw = truncate_name(&l->names[i], p->names[i], cut_to,
                                  s->pretty_name_min_chars_to_cut, p->g->ellipsis);
        if (!l->names[i].data)
            floe_buf_reserve(&l->names[i], 1);
        if (nw > s->pretty_max_column_pad_width)
            nw = s->pretty_max_column_pad_width;
        l->name_widths[i] = nw;
        if (nw > l->max_widths[i])
            l->max_widths[i] = nw;
        prefix += l->max_widths[i] + 3;
    }
}

/* A grid line: left, fill, joint, right (part[0..3]), one fill run per
 * column. */
static void grid_line(floe_buf *b, const char *blank, const layout *l, size_t n,
                      const char *const *part)
{
    floe_buf_puts(b, blank);
    floe_buf_puts(b, part[0]);
    for (size_t i = 0; i < n; i++) {
        if (i)
            floe_buf_puts(b, part[2]);
        put_n(b, part[1], l->max_widths[i] + 2);
    }
    floe_buf_puts(b, part[3]);
    floe_buf_putc(b, '\n');
}

static void write_names(pretty_out *p, const layout *l, const char *blank, bool top)
{
    floe_buf *o = &p->out;
    floe_buf_puts(o, blank);
    const glyphs *g = p->g;
    const char *const *edge = g->grid[top ? 6 : 3];
    if (p->style == S_FULL) {
        floe_buf_puts(o, g->bold_bar);
        floe_buf_putc(o, ' ');
    } else if (p->style == S_COMPACT) {
        floe_buf_puts(o, edge[0]);
        floe_buf_puts(o, g->hbar);
    } else {
        floe_buf_putc(o, ' ');
    }
    for (size_t i = 0; i < p->n_cols; i++) {
        if (i) {
            if (p->style == S_FULL) {
                floe_buf_putc(o, ' ');
                floe_buf_puts(o, g->bold_bar);
                floe_buf_putc(o, ' ');
            } else if (p->style == S_COMPACT) {
                floe_buf_puts(o, g->hbar);
                floe_buf_puts(o, edge[2]);
                floe_buf_puts(o, g->hbar);
            } else {
                floe_buf_puts(o, "   ");
            }
        }
        size_t pad = l->max_widths[i] - l->name_widths[i];
        const char *padc = p->style == S_COMPACT ? g->hbar : " ";
        bool right = floe_fmt_align_right(p->types[i]);
        if (right)
            put_n(o, padc, pad);
        if (p->color)
            floe_buf_puts(o, "\033[1m");
        floe_buf_append(o, l->names[i].data, l->names[i].len);
        if (p->color)
            floe_buf_puts(o, "\033[0m");
        if (!right)
            put_n(o, padc, pad);
    }
    if (p->style == S_FULL) {
        floe_buf_putc(o, ' ');
        floe_buf_puts(o, g->bold_bar);
    } else if (p->style == S_COMPACT) {
        floe_buf_puts(o, g->hbar);
        floe_buf_puts(o, edge[3]);
    }
    floe_buf_putc(o, '\n');
}

/* One line of one cell, as ClickHouse's writeValueWithPadding: *off is how
 * far into the cell's text earlier lines got. */
static void write_cell_line(pretty_out *p, const floe_buf *text, size_t *off, size_t value_width,
                            size_t pad_to, size_t cut_to, bool align_right, bool is_number)
{
    const floe_format_settings *s = p->s;
    floe_buf *o = &p->out;
    size_t size = text->len;
    size_t prefix = p->row_number_width + (p->style == S_SPACE ? 1 : 2);
    bool continuation = *off > 0 && *off < size;
    const char *frag = text->data + *off;
    size_t frag_len = 0;
    if (*off == size) {
        value_width = 0;
    } else if (s->pretty_multiline_fields) {
        const char *nl = memchr(frag, '\n', size - *off);
        size_t end = nl ? (size_t)(nl - text->data) : size;
        frag_len = end - *off;
        value_width = floe_fmt_display_width(frag, frag_len, prefix);
        *off = end;
    } else {
        frag_len = size - *off;
        *off = size;
    }

    floe_buf_clear(&p->frag);
    if (p->color && is_number)
        put_digit_groups(&p->frag, frag, frag_len);
    else
        floe_buf_append(&p->frag, frag, frag_len);
    if (p->color) {
        floe_buf tmp = p->frag;
        floe_buf fresh = FLOE_BUF_INIT;
        put_trailing_spaces(&fresh, tmp.data ? tmp.data : "", tmp.len);
        floe_buf_free(&p->frag);
        p->frag = fresh;
    }
    if (!p->frag.data)
        floe_buf_reserve(&p->frag, 1);

    bool is_cut = false;
    if (cut_to && value_width > cut_to) {
        is_cut = true;
        p->frag.len = floe_fmt_bytes_before_width(p->frag.data, p->frag.len, prefix,
                                                  s->pretty_max_value_width);
        p->frag.data[p->frag.len] = '\0';
        if (p->color)
            floe_buf_puts(&p->frag, "\033[31;1m");
        floe_buf_puts(&p->frag, p->g->ellipsis);
        if (p->color)
            floe_buf_puts(&p->frag, "\033[0m");
        value_width = s->pretty_max_value_width;
    }

    if (continuation) {
        if (p->color)
            floe_buf_puts(o, "\033[90m");
        floe_buf_puts(o, p->g->continuation);
        if (p->color)
            floe_buf_puts(o, "\033[0m");
    } else
        floe_buf_putc(o, ' ');
    size_t pad = pad_to > value_width ? pad_to - value_width : 0;
    if (align_right) {
        put_n(o, " ", pad);
        floe_buf_append(o, p->frag.data, p->frag.len);
    } else {
        floe_buf_append(o, p->frag.data, p->frag.len);
        put_n(o, " ", pad);
    }
    if (*off != size) {
        if (p->color)
            floe_buf_puts(o, "\033[90m");
        floe_buf_puts(o, p->g->line_feed);
        if (p->color)
            floe_buf_puts(o, "\033[0m");
    } else if (!is_cut)
        floe_buf_putc(o, ' ');
    if (*off < size)
        (*off)++;
}

static int write_chunk(pretty_out *p, const pending *ch)
{
    const floe_format_settings *s = p->s;
    size_t rows = ch->rows + ch->skipped;
    size_t n = p->n_cols;
    size_t max_rows = s->pretty_max_rows;
    if (rows == 0)
        return 0;

    size_t cut_to = s->pretty_max_value_width;
    if (rows == 1 && n == 1 && p->total_rows == 0)
        cut_to = 0; /* output_format_pretty_max_value_width_apply_for_single_value = 0 */

    layout l;
    compute_layout(p, ch, rows, &l);
    size_t table_width = 0;
    for (size_t i = 0; i < n; i++)
        table_width += l.max_widths[i];

    if (s->pretty_fallback_to_vertical && p->displayed_rows == 0 && rows <= 10 && n >= 5 &&
        (table_width >= 250 || l.has_newlines))
        p->use_vertical = true;
    if (p->use_vertical) {
        if (!p->vert)
            p->vert = vertical_new(p);
        for (size_t v = 0; v < rows && p->displayed_rows < max_rows; v++) {
            if (v)
                vertical_between(p);
            vertical_row(p, ch->cols, phys_row(ch, v));
            p->displayed_rows++;
        }
        layout_free(&l, n);
        return 0;
    }

    char blank[32] = "";
    if (s->pretty_row_numbers) {
        size_t w = p->row_number_width < sizeof blank ? p->row_number_width : sizeof blank - 1;
        memset(blank, ' ', w);
        blank[w] = '\0';
    }

    floe_buf header_begin = FLOE_BUF_INIT, header_end = FLOE_BUF_INIT, sep = FLOE_BUF_INIT,
             rows_end = FLOE_BUF_INIT, footer_begin = FLOE_BUF_INIT, footer_end = FLOE_BUF_INIT,
             filler = FLOE_BUF_INIT;
    if (p->style == S_FULL) {
        grid_line(&header_begin, blank, &l, n, p->g->grid[0]);
        grid_line(&header_end, blank, &l, n, p->g->grid[1]);
        grid_line(&sep, blank, &l, n, p->g->grid[2]);
        grid_line(&rows_end, blank, &l, n, p->g->grid[3]);
        grid_line(&footer_begin, blank, &l, n, p->g->grid[4]);
        grid_line(&footer_end, blank, &l, n, p->g->grid[5]);
    } else if (p->style == S_COMPACT) {
        grid_line(&rows_end, blank, &l, n, p->g->grid[3]);
    } else {
        floe_buf_putc(&header_end, '\n');
        floe_buf_putc(&footer_begin, '\n');
        floe_buf_putc(&footer_end, '\n');
    }
    {
        size_t fs = 0;
        for (size_t i = 0; i < n; i++)
            fs += l.max_widths[i] + 3;
        if (p->style == S_SPACE)
            fs -= 2;
        else
            fs += 1;
        floe_buf_puts(&filler, blank);
        for (size_t i = 0; i < fs; i++)
            floe_buf_puts(&filler, i % 2 ? " " : p->g->hbar);
        floe_buf_putc(&filler, '\n');
    }

    floe_buf *o = &p->out;
    bool glue = s->pretty_glue_chunks && p->prev_widths &&
                (!s->pretty_row_numbers || p->row_number_width == p->prev_row_number_width) &&
                memcmp(p->prev_widths, l.max_widths, n * sizeof *l.max_widths) == 0;
    if (glue) {
        /* On a terminal a table with the same widths continues the last one:
         * move up over its bottom line (and footer) and go on. */
        if (rows_end.len)
            floe_buf_puts(o, "\033[1A\033[2K\033[G");
        if (p->had_footer) {
            size_t times = (footer_begin.len != 0) + (footer_end.len != 0) + (rows_end.len == 0);
            for (size_t k = 0; k < times; k++)
                floe_buf_puts(o, "\033[1A\033[2K\033[G");
        }
        if (sep.len)
            floe_buf_append(o, sep.data, sep.len);
    } else {
        if (header_begin.len)
            floe_buf_append(o, header_begin.data, header_begin.len);
        write_names(p, &l, blank, true);
        if (header_end.len)
            floe_buf_append(o, header_end.data, header_end.len);
    }

    /* Room for the number tip: unlimited unless on a terminal. */
    size_t tip_room = (size_t)-1;
    if (s->pretty_terminal_width) {
        size_t table = s->pretty_row_numbers ? p->row_number_width : 0;
        for (size_t j = 0; j < n; j++)
            table += l.max_widths[j];
        table += p->style == S_SPACE ? n * 3 - 1 : n * 3 + 1;
        tip_room = s->pretty_terminal_width > table ? s->pretty_terminal_width - table : 0;
    }

    floe_buf *texts = floe_calloc(n ? n : 1, sizeof *texts);
    size_t *offs = floe_calloc(n ? n : 1, sizeof *offs);
    bool *right = floe_calloc(n ? n : 1, sizeof *right);
    bool *number = floe_calloc(n ? n : 1, sizeof *number);
    for (size_t j = 0; j < n; j++) {
        right[j] = floe_fmt_align_right(p->types[j]);
        number[j] = floe_fmt_is_number(p->types[j]);
    }
    bool filler_written = false;
    size_t shown = 0;
    for (size_t v = 0; v < rows && p->displayed_rows < max_rows; v++) {
        if (cut_in_middle(v, rows, max_rows)) {
            if (!filler_written) {
                if (sep.len)
                    floe_buf_append(o, sep.data, sep.len);
                floe_buf_append(o, filler.data, filler.len);
                filler_written = true;
            }
            continue;
        }
        if (v != 0 && sep.len)
            floe_buf_append(o, sep.data, sep.len);
        size_t r = phys_row(ch, v);
        for (size_t j = 0; j < n; j++) {
            cell_text(p, &texts[j], ch->cols[j], r);
            offs[j] = 0;
        }
        bool first_line = true;
        for (;;) {
            if (s->pretty_row_numbers) {
                if (first_line) {
                    char num[32];
                    int len = snprintf(num, sizeof num, "%llu. ",
                                       (unsigned long long)(v + 1 + p->total_rows));
                    for (size_t k = (size_t)len; k < p->row_number_width; k++)
                        floe_buf_putc(o, ' ');
                    if (p->color)
                        floe_buf_puts(o, "\033[90m");
                    floe_buf_append(o, num, (size_t)len);
                    if (p->color)
                        floe_buf_puts(o, "\033[0m");
                    first_line = false;
                } else {
                    floe_buf_puts(o, blank);
                }
            }
            bool all_done = true;
            for (size_t j = 0; j < n; j++) {
                if (p->style != S_SPACE)
                    floe_buf_puts(o, p->g->bar);
                else if (j)
                    floe_buf_putc(o, ' ');
                write_cell_line(p, &texts[j], &offs[j], l.widths[j * l.n_displayed + shown],
                                l.max_widths[j], cut_to, right[j], number[j]);
                if (offs[j] != texts[j].len)
                    all_done = false;
            }
            if (p->style != S_SPACE)
                floe_buf_puts(o, p->g->bar);
            if (p->readable_tip && tip_room)
                put_number_tip(p, ch->cols[n - 1], r, tip_room);
            floe_buf_putc(o, '\n');
            if (all_done)
                break;
        }
        shown++;
        p->displayed_rows++;
        if (o->len >= FLOE_FMT_FLUSH_BYTES && floe_fmt_flush(o, &p->sink, false) < 0)
            break;
    }

    if (s->pretty_footer_names && rows >= s->pretty_footer_names_min_rows) {
        if (footer_begin.len)
            floe_buf_append(o, footer_begin.data, footer_begin.len);
        write_names(p, &l, blank, false);
        if (footer_end.len)
            floe_buf_append(o, footer_end.data, footer_end.len);
        p->had_footer = true;
    } else {
        if (rows_end.len)
            floe_buf_append(o, rows_end.data, rows_end.len);
        p->had_footer = false;
    }
    p->total_rows += rows;
    if (!p->prev_widths)
        p->prev_widths = floe_calloc(n ? n : 1, sizeof *p->prev_widths);
    memcpy(p->prev_widths, l.max_widths, n * sizeof *l.max_widths);

    for (size_t j = 0; j < n; j++)
        floe_buf_free(&texts[j]);
    floe_free(texts);
    floe_free(offs);
    floe_free(right);
    floe_free(number);
    floe_buf_free(&header_begin);
    floe_buf_free(&header_end);
    floe_buf_free(&sep);
    floe_buf_free(&rows_end);
    floe_buf_free(&footer_begin);
    floe_buf_free(&footer_end);
    floe_buf_free(&filler);
    layout_free(&l, n);
    return floe_fmt_flush(o, &p->sink, false);
}

/* ---- squashing blocks into one table ---- */

static void pending_clear(pretty_out *p)
{
    for (size_t i = 0; i < p->n_cols; i++)
        floe_column_clear(p->pend.cols[i]);
    p->pend.rows = p->pend.skipped = p->pend.head = 0;
}

static void pending_add(pretty_out *p, const floe_block *b)
{
    pending *pd = &p->pend;
    size_t max_rows = p->s->pretty_max_rows;
    for (size_t i = 0; i < p->n_cols; i++)
        floe_column_append_range(pd->cols[i], b->cols[i], 0, b->rows);
    pd->rows += b->rows;
    /* Keep memory bounded: only the first (max+1)/2 and the last max/2 rows
     * of an over-long table are ever drawn. */
    if (max_rows && pd->rows > 2 * max_rows + 1024) {
        size_t head = (max_rows + 1) / 2, tail = max_rows / 2;
        if (pd->skipped == 0)
            pd->head = head;
        size_t drop = pd->rows - head - tail;
        for (size_t i = 0; i < p->n_cols; i++) {
            floe_column *c = floe_column_slice(pd->cols[i], 0, head);
            floe_column_append_range(c, pd->cols[i], pd->rows - tail, tail);
            floe_column_free(pd->cols[i]);
            pd->cols[i] = c;
        }
        pd->skipped += drop;
        pd->rows = head + tail;
    }
}

static int flush_pending(pretty_out *p)
{
    if (p->pend.rows + p->pend.skipped == 0)
        return 0;
    int rc = write_chunk(p, &p->pend);
    pending_clear(p);
    p->last_output_ms = floe_clock_seconds() * 1e3;
    return rc;
}

static int pretty_start_common(void **state, pretty_style style, bool mono, bool no_escapes,
                               bool vertical, size_t n_cols, const char *const *names,
                               const floe_type *const *types, const floe_format_settings *s,
                               floe_sink sink)
{
    pretty_out *p = floe_calloc(1, sizeof *p);
    p->style = style;
    p->g = s->pretty_ascii ? &ascii_glyphs : &utf8_glyphs;
    p->mono = mono;
    p->color = s->pretty_color && !no_escapes;
    p->vertical_only = vertical;
    p->sink = sink;
    p->n_cols = n_cols;
    p->names = names;
    p->types = types;
    p->s = s;
    p->pend.cols = floe_calloc(n_cols ? n_cols : 1, sizeof *p->pend.cols);
    for (size_t i = 0; i < n_cols; i++)
        p->pend.cols[i] = floe_column_new(types[i]);
    /* ClickHouse 26 puts the tip beside every row whose last column is a
     * large number. */
    p->readable_tip = n_cols && floe_fmt_is_number(types[n_cols - 1]);
    p->last_output_ms = floe_clock_seconds() * 1e3;
    if (vertical)
        p->vert = vertical_new(p);
    *state = p;
    return 0;
}

static int pretty_write(void *state, const floe_block *b)
{
    pretty_out *p = state;
    if (b->rows == 0)
        return 0;
    if (p->vertical_only) {
        for (size_t r = 0; r < b->rows; r++) {
            if (p->vert->row_number)
                vertical_between(p);
            vertical_row(p, b->cols, r);
            if (p->out.len >= FLOE_FMT_FLUSH_BYTES && floe_fmt_flush(&p->out, &p->sink, false))
                return -1;
        }
        return 0;
    }
    if (p->total_rows >= p->s->pretty_max_rows) {
        p->total_rows += b->rows;
        return 0;
    }
    uint64_t squash = p->s->pretty_squash_consecutive_ms;
    if (p->mono) {
        pending_add(p, b);
        return 0;
    }
    if (squash) {
        /* ClickHouse draws the pending rows once no block came for squash
         * ms (or max_wait ms passed since the last table); a block arriving
         * after such a pause starts a new table. */
        double t = floe_clock_seconds() * 1e3;
        if (p->pend.rows && (t - p->last_arrival_ms > (double)squash ||
                             t - p->last_output_ms > (double)p->s->pretty_squash_max_wait_ms)) {
            if (flush_pending(p) < 0)
                return -1;
            if (p->total_rows >= p->s->pretty_max_rows) {
                p->total_rows += b->rows;
                return 0;
            }
        }
        pending_add(p, b);
        p->last_arrival_ms = t;
        return 0;
    }
    pending_add(p, b);
    return flush_pending(p);
}

static int pretty_finish(void *state, const floe_query_stats *stats)
{
    pretty_out *p = state;
    if (p->vertical_only) {
        if (p->vert->row_number > p->s->pretty_max_rows)
            floe_buf_printf(&p->out, "Showed first %llu.\n",
                            (unsigned long long)p->s->pretty_max_rows);
        return floe_fmt_flush(&p->out, &p->sink, true);
    }
    if (flush_pending(p) < 0)
        return -1;
    if (p->total_rows >= p->s->pretty_max_rows) {
        if (p->style == S_SPACE)
            floe_buf_putc(&p->out, '\n');
        floe_buf_printf(&p->out, "Showed %llu out of %llu rows.\n",
                        (unsigned long long)p->displayed_rows, (unsigned long long)p->total_rows);
    }
    return floe_fmt_flush(&p->out, &p->sink, true);
}

static void pretty_free(void *state)
{
    pretty_out *p = state;
    for (size_t i = 0; i < p->n_cols; i++)
        floe_column_free(p->pend.cols[i]);
    floe_free(p->pend.cols);
    vertical_free(p->vert, p->n_cols);
    floe_free(p->prev_widths);
    floe_buf_free(&p->out);
    floe_buf_free(&p->cell);
    floe_buf_free(&p->frag);
    floe_free(p);
}

#define PRETTY_FORMAT(ident, cname, style, mono, no_escapes, vertical)                             \
    static int start_##ident(void **state, size_t n_cols, const char *const *names,                \
                             const floe_type *const *types, const floe_format_settings *s,         \
                             floe_sink sink)                                                       \
    {                                                                                              \
        return pretty_start_common(state, style, mono, no_escapes, vertical, n_cols, names, types, \
                                   s, sink);                                                       \
    }                                                                                              \
    const floe_output_vtable floe_##ident##_output_vtable = {cname, start_##ident, pretty_write,   \
                                                             pretty_finish, pretty_free};

PRETTY_FORMAT(pretty, "Pretty", S_FULL, false, false, false)
PRETTY_FORMAT(pretty_compact, "PrettyCompact", S_COMPACT, false, false, false)
PRETTY_FORMAT(pretty_space, "PrettySpace", S_SPACE, false, false, false)
PRETTY_FORMAT(pretty_mono, "PrettyMonoBlock", S_FULL, true, false, false)
PRETTY_FORMAT(pretty_compact_mono, "PrettyCompactMonoBlock", S_COMPACT, true, false, false)
PRETTY_FORMAT(pretty_space_mono, "PrettySpaceMonoBlock", S_SPACE, true, false, false)
PRETTY_FORMAT(pretty_no_escapes, "PrettyNoEscapes", S_FULL, false, true, false)
PRETTY_FORMAT(pretty_compact_no_escapes, "PrettyCompactNoEscapes", S_COMPACT, false, true, false)
PRETTY_FORMAT(pretty_space_no_escapes, "PrettySpaceNoEscapes", S_SPACE, false, true, false)
PRETTY_FORMAT(vertical, "Vertical", S_FULL, false, false, true)
