/*
 * Results to the caller: blocks through the statement's output format
 * (FORMAT, the session's default, or TabSeparated) into the output callback
 * or INTO OUTFILE, or raw blocks to on_block.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/error.h"
#include "base/mem.h"
#include "exec/read_ahead.h"
#include "ops/internal.h"

void floe_ops_format_settings(floe_format_settings *fs, const floe_stmt *st)
{
    floe_format_settings_init(fs);
    const floe_settings *s = st->settings;
    fs->text.json_quote_64bit_integers =
        floe_settings_bool(s, "output_format_json_quote_64bit_integers");
    fs->text.json_quote_decimals = floe_settings_bool(s, "output_format_json_quote_decimals");
    fs->text.json_quote_denormals = floe_settings_bool(s, "output_format_json_quote_denormals");
    fs->text.session_tz = st->ctx.fctx.session_tz;
    fs->pretty_max_rows = floe_settings_u64(s, "output_format_pretty_max_rows");
    fs->pretty_max_column_pad_width =
        floe_settings_u64(s, "output_format_pretty_max_column_pad_width");
    fs->pretty_max_value_width = floe_settings_u64(s, "output_format_pretty_max_value_width");
    const char *color = floe_settings_str(s, "output_format_pretty_color");
    fs->pretty_color = color && (strcmp(color, "1") == 0 || strcasecmp(color, "true") == 0 ||
                                 (strcasecmp(color, "auto") == 0 && st->opts->output_is_terminal));
    const char *delim = floe_settings_str(s, "format_csv_delimiter");
    fs->csv_delimiter = delim && *delim ? delim[0] : ',';
    fs->input_skip_unknown_fields = floe_settings_bool(s, "input_format_skip_unknown_fields");
    fs->write_statistics = floe_settings_bool(s, "output_format_write_statistics");
    fs->parquet_compression = floe_settings_str(s, "output_format_parquet_compression_method");
    fs->parquet_compression_level = (int)floe_settings_u64(s, "output_format_compression_level");
    fs->parquet_row_group_rows = floe_settings_u64(s, "output_format_parquet_row_group_size");
    fs->parquet_row_group_bytes =
        floe_settings_u64(s, "output_format_parquet_row_group_size_bytes");
    fs->max_threads = st->ctx.settings.max_threads;
}

static int discard(void *ctx, const void *p, size_t n)
{
    return 0;
}

/*
 * Where results go. INTO OUTFILE of a regular file (or a new one) writes a
 * temporary file beside it, renamed over it once whole, so that a failed
 * query leaves the target as it was: absent, or its old contents; APPEND
 * cuts the file back to its old size on failure. Other names (a device, a
 * pipe, a symbolic link such as /dev/stdout) are written in place.
 */
typedef struct out_target {
    floe_sink sink;
    int fd;
    const char *path;
    char *tmp;       /* the temporary file, when there is one */
    bool no_replace; /* without TRUNCATE the target must not appear meanwhile */
    off_t append_at; /* APPEND: the size before, or -1 */
} out_target;

static int open_failed(const char *path)
{
    return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s, errno: %d, strerror: %s",
                      path, errno, strerror(errno));
}

static int file_exists(const char *path)
{
    return floe_error(FLOE_ERR_CANNOT_OPEN_FILE,
                      "File %s exists, consider using APPEND or TRUNCATE if appropriate", path);
}

static int open_target(out_target *t, floe_stmt *st, const floe_ast *stmt)
{
    memset(t, 0, sizeof *t);
    t->fd = -1;
    t->append_at = -1;
    if (stmt->output && stmt->output->outfile) {
        const char *path = stmt->output->outfile;
        t->path = path;
        if (stmt->output->outfile_compression)
            return floe_error(FLOE_ERR_NOT_IMPLEMENTED,
                              "INTO OUTFILE ... COMPRESSION is not supported yet");
        struct stat sb; /* of the name itself: a symbolic link is written through */
        bool exists = lstat(path, &sb) == 0;
        if (stmt->output->outfile_append || (exists && !S_ISREG(sb.st_mode))) {
            int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
            if (stmt->output->outfile_append)
                flags |= O_APPEND;
            else if (stmt->output->outfile_truncate)
                flags |= O_TRUNC;
            else
                return file_exists(path);
            if ((t->fd = open(path, flags, 0644)) < 0)
                return open_failed(path);
            struct stat now;
            if (stmt->output->outfile_append && fstat(t->fd, &now) == 0 && S_ISREG(now.st_mode))
                t->append_at = now.st_size;
        } else {
            if (exists && !stmt->output->outfile_truncate)
                return file_exists(path);
            t->no_replace = !stmt->output->outfile_truncate;
            const char *slash = strrchr(path, '/');
            int dir_len = slash ? (int)(slash - path + 1) : 0;
            static atomic_uint serial;
            floe_buf name = FLOE_BUF_INIT;
            floe_buf_printf(&name, "%.*s.%s.tmp-%d-%u", dir_len, path, slash ? slash + 1 : path,
                            (int)getpid(), atomic_fetch_add(&serial, 1));
            t->tmp = floe_buf_detach(&name, NULL);
            if ((t->fd = open(t->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
                int rc = open_failed(path);
                floe_free(t->tmp);
                t->tmp = NULL;
                return rc;
            }
        }
        t->sink = floe_sink_fd(t->fd);
        return 0;
    }
    if (st->opts->output) {
        t->sink.write = st->opts->output;
        t->sink.ctx = st->opts->output_ctx;
    } else {
        t->sink.write = discard;
        t->sink.ctx = NULL;
    }
    return 0;
}

/* Makes a whole output visible (ok) or takes a failed one back; returns
 * rc, or -1 when making it visible fails. */
static int close_target(out_target *t, int rc)
{
    if (t->fd < 0)
        return rc;
    if (rc == 0 && fsync(t->fd) < 0 && errno != EINVAL)
        rc = floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot fsync %s", t->path);
    if (rc < 0 && t->append_at >= 0 && ftruncate(t->fd, t->append_at) < 0)
        fprintf(stderr, "floe: cannot cut %s back to its size before the query: %s\n", t->path,
                strerror(errno));
    close(t->fd);
    t->fd = -1;
    if (!t->tmp)
        return rc;
    if (rc == 0) {
        int moved = t->no_replace ? renameat2(AT_FDCWD, t->tmp, AT_FDCWD, t->path, RENAME_NOREPLACE)
                                  : rename(t->tmp, t->path);
        if (moved < 0 && t->no_replace && errno == EINVAL) {
            /* a file system without RENAME_NOREPLACE: a link fails as well
             * when the target appeared meanwhile */
            moved = link(t->tmp, t->path);
        }
        if (moved < 0)
            rc = errno == EEXIST ? file_exists(t->path) : open_failed(t->path);
    }
    unlink(t->tmp); /* gone already after a rename */
    floe_free(t->tmp);
    t->tmp = NULL;
    return rc;
}

static const char *format_name(floe_stmt *st, const floe_ast *stmt)
{
    if (stmt->output && stmt->output->format)
        return stmt->output->format;
    if (stmt->output && stmt->output->outfile) {
        /* ClickHouse picks the format from the file's extension; default TSV */
        const char *dot = strrchr(stmt->output->outfile, '.');
        static const struct {
            const char *ext, *fmt;
        } by_ext[] = {
            {".csv", "CSV"},           {".tsv", "TabSeparated"},   {".json", "JSON"},
            {".jsonl", "JSONEachRow"}, {".ndjson", "JSONEachRow"}, {".parquet", "Parquet"}};
        for (size_t i = 0; dot && i < sizeof by_ext / sizeof by_ext[0]; i++)
            if (strcasecmp(dot, by_ext[i].ext) == 0)
                return by_ext[i].fmt;
        return "TabSeparated";
    }
    if (st->opts->default_format)
        return st->opts->default_format;
    return "TabSeparated";
}

int floe_ops_output(floe_stmt *st, floe_op *op, const floe_ast *stmt)
{
    if (st->opts->on_block) {
        for (;;) {
            floe_block *b = NULL;
            if (op->next(op, &b) < 0)
                return -1;
            if (!b)
                return 0;
            st->result_rows += b->rows;
            int rc = st->opts->on_block(st->opts->block_ctx, b);
            floe_block_free(b);
            if (rc < 0)
                return floe_error(FLOE_ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
        }
    }
    out_target t;
    if (open_target(&t, st, stmt) < 0)
        return -1;
    floe_format_settings fs;
    floe_ops_format_settings(&fs, st);
    floe_output_format *f = NULL;
    floe_ahead *ahead = NULL;
    int rc = -1;
    if (floe_output_format_new(&f, format_name(st, stmt), op->n_cols, op->names, op->types, &fs,
                               t.sink) < 0)
        goto done;
    /* Parquet encodes on max_threads threads: the query runs on one more,
     * ahead of it, so that reading overlaps the encoding. */
    if (fs.max_threads > 1 && strcasecmp(format_name(st, stmt), "Parquet") == 0 &&
        floe_ahead_start(&ahead, 2, floe_ahead_op_next, op) < 0)
        goto done;
    for (;;) {
        floe_block *b = NULL;
        if ((ahead ? floe_ahead_next(ahead, &b, NULL) : op->next(op, &b)) < 0)
            goto done;
        if (!b)
            break;
        st->result_rows += b->rows;
        int wrc = floe_output_format_write(f, b);
        floe_block_free(b);
        if (wrc < 0)
            goto done;
    }
    floe_query_stats qs = {0};
    qs.elapsed = floe_clock_seconds() - st->started;
    qs.rows_read = st->ctx.rows_read;
    qs.bytes_read = st->ctx.bytes_read;
    qs.rows_before_limit = st->ctx.rows_before_limit;
    qs.has_rows_before_limit = st->ctx.has_rows_before_limit;
    if (floe_output_format_finish(f, &qs) < 0)
        goto done;
    rc = 0;
done:
    floe_ahead_stop(ahead); /* before anything the query reads goes */
    floe_output_format_free(f);
    return close_target(&t, rc);
}

/* An operator handing out one ready block. */
typedef struct once_op {
    floe_op op;
    floe_block *b;
} once_op;

static int once_next(floe_op *op, floe_block **out)
{
    once_op *o = (once_op *)op;
    *out = o->b;
    o->b = NULL;
    return 0;
}

static void once_free(floe_op *op)
{
    once_op *o = (once_op *)op;
    floe_block_free(o->b);
    floe_free(o);
}

int floe_ops_output_block(floe_stmt *st, floe_block *b, const floe_ast *stmt)
{
    once_op *o = floe_calloc(1, sizeof *o);
    o->op.ctx = &st->ctx;
    o->op.n_cols = b->n_cols;
    o->op.names = floe_arena_alloc(&st->arena, (b->n_cols + 1) * sizeof *o->op.names);
    o->op.types = floe_arena_alloc(&st->arena, (b->n_cols + 1) * sizeof *o->op.types);
    for (size_t i = 0; i < b->n_cols; i++) {
        o->op.names[i] = floe_arena_strdup(&st->arena, b->names[i]);
        o->op.types[i] = b->cols[i]->type;
        b->rows = b->cols[i]->rows;
    }
    o->op.next = once_next;
    o->op.free = once_free;
    o->b = b;
    int rc = floe_ops_output(st, &o->op, stmt);
    o->op.free(&o->op);
    return rc;
}
