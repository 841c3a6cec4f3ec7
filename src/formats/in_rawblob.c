/*
 * RawBLOB input: the whole input is one value of the single String column,
 * byte for byte (empty input gives no row). It streams through the reader's
 * buffer into the column, so only the value itself is held in memory.
 */
#include "base/error.h"
#include "base/mem.h"
#include "formats/in_reader.h"

typedef struct rawblob_in {
    floe_rd rd;
    floe_rd_target t;
    floe_buf value;
    bool done;
} rawblob_in;

static int rawblob_start(void **state, size_t n_cols, const char *const *names,
                         const floe_type *const *types, const floe_format_settings *s,
                         floe_source src)
{
    if (n_cols != 1)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "This input format is only suitable for tables with a single column of "
                          "type String but the number of columns is %zu",
                          n_cols);
    floe_type_id id = floe_type_base(types[0])->id;
    if (id != FLOE_TYPE_STRING && id != FLOE_TYPE_FIXEDSTRING)
        return floe_error(FLOE_ERR_BAD_ARGUMENTS,
                          "This input format is only suitable for tables with a single column of "
                          "type String but the column type is %s",
                          types[0]->name);
    rawblob_in *x = floe_calloc(1, sizeof *x);
    floe_rd_init(&x->rd, src);
    floe_rd_target_init(&x->t, n_cols, names, types, s);
    *state = x;
    return 0;
}

static int rawblob_read(void *state, floe_block **out, size_t max_rows)
{
    rawblob_in *x = state;
    floe_rd *r = &x->rd;
    *out = NULL;
    if (x->done)
        return 0;
    x->done = true;
    floe_buf_clear(&x->value);
    while (floe_rd_refill(r)) {
        floe_buf_append(&x->value, r->buf + r->pos, r->end - r->pos);
        r->pos = r->end;
    }
    if (r->failed)
        return -1;
    if (x->value.len == 0)
        return 0;
    floe_rd_target_new_block(&x->t);
    floe_column *c = x->t.block->cols[0];
    if (floe_type_base(c->type)->id == FLOE_TYPE_STRING)
        floe_column_push_string(c, x->value.data, x->value.len);
    else if (floe_text_parse(c, x->value.data, x->value.len, &x->t.s->text) < 0)
        return floe_rd_at_row(1);
    x->t.seen[0] = 1;
    floe_rd_target_finish_row(&x->t);
    *out = floe_rd_target_take(&x->t);
    return 0;
}

static void rawblob_free(void *state)
{
    rawblob_in *x = state;
    floe_rd_free(&x->rd);
    floe_rd_target_free(&x->t);
    floe_buf_free(&x->value);
    floe_free(x);
}

const floe_input_vtable floe_rawblob_input_vtable = {"RawBLOB", rawblob_start, rawblob_read,
                                                     rawblob_free};
