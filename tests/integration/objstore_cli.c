/*
 * A command-line driver over floe's object-storage layer for the integration
 * scripts (objstore_s3.sh, objstore_azure.sh, objstore_local.sh): one
 * operation per run, data from files or generated, results on stdout, errors
 * as "Code: N. DB::Exception: ... (NAME)" on stderr with exit status 1.
 *
 *   objstore_cli [--url U] [--key ID] [--secret S] [--nosign] [--conn CS]
 *                [--container C] [--prefix P] [--account A] [--account-key K]
 *                [--part-size N] [--page-size N] [--no-bg] [--retries N]
 *                [--timeout-ms N] COMMAND ARGS...
 *
 *   create-root | put KEY FILE | write KEY FILE [PIECE] | gen KEY NBYTES [PIECE]
 *   gen-abort KEY NBYTES | put-new KEY FILE (NO_OVERWRITE writer) | head KEY
 *   get KEY [OFFSET LEN] | del KEY | list [PREFIX] | location KEY
 *   fill PREFIX COUNT (COUNT small objects PREFIX00000..)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"
#include "objstore/objstore.h"

static int fail(void)
{
    char msg[4096];
    floe_error_format(msg, sizeof msg);
    fprintf(stderr, "%s\n", msg);
    return 1;
}

/* The generated content: byte i is (i * 31 + i / 7919) % 251. */
static void gen_bytes(unsigned char *p, uint64_t from, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t k = from + i;
        p[i] = (unsigned char)((k * 31 + k / 7919) % 251);
    }
}

static int stdout_write(void *ctx, const void *p, size_t n)
{
    return fwrite(p, 1, n, stdout) == n
               ? 0
               : floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to stdout");
}

static int print_entry(void *ctx, const floe_objstore_entry *e)
{
    printf("%s\t%llu\n", e->key, (unsigned long long)e->size);
    return 0;
}

static int write_file(floe_objstore *s, const char *key, const char *file, size_t piece,
                      unsigned flags)
{
    char *data;
    size_t len;
    if (!piece)
        piece = 65536;
    if (floe_read_file(&data, &len, file) < 0)
        return fail();
    floe_objstore_writer *w;
    if (floe_objstore_open_writer(&w, s, key, flags) < 0) {
        floe_free(data);
        return fail();
    }
    for (size_t off = 0; off < len;) {
        size_t n = len - off < piece ? len - off : piece;
        if (floe_objstore_writer_write(w, data + off, n) < 0) {
            floe_objstore_writer_abort(w);
            floe_free(data);
            return fail();
        }
        off += n;
    }
    floe_free(data);
    if (floe_objstore_writer_finish(w) < 0)
        return fail();
    printf("wrote %zu\n", len);
    return 0;
}

static int gen(floe_objstore *s, const char *key, uint64_t total, size_t piece, int abort_it)
{
    floe_objstore_writer *w;
    if (floe_objstore_open_writer(&w, s, key, 0) < 0)
        return fail();
    if (!piece)
        piece = 100000;
    unsigned char *buf = floe_malloc(piece);
    for (uint64_t off = 0; off < total;) {
        size_t n = total - off < piece ? (size_t)(total - off) : piece;
        gen_bytes(buf, off, n);
        if (floe_objstore_writer_write(w, buf, n) < 0) {
            floe_objstore_writer_abort(w);
            floe_free(buf);
            return fail();
        }
        off += n;
    }
    floe_free(buf);
    if (abort_it) {
        floe_objstore_writer_abort(w);
        printf("aborted after %llu\n", (unsigned long long)total);
        return 0;
    }
    if (floe_objstore_writer_finish(w) < 0)
        return fail();
    printf("wrote %llu\n", (unsigned long long)total);
    return 0;
}

int main(int argc, char **argv)
{
    floe_objstore_options o = FLOE_OBJSTORE_OPTIONS_INIT;
    int i = 1;
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : "";
        if (!strcmp(a, "--nosign")) {
            o.no_sign = 1;
            continue;
        }
        if (!strcmp(a, "--no-bg")) {
            o.background_upload = 0;
            continue;
        }
        i++;
        if (!strcmp(a, "--url"))
            o.url = v;
        else if (!strcmp(a, "--key"))
            o.access_key_id = v;
        else if (!strcmp(a, "--secret"))
            o.secret_access_key = v;
        else if (!strcmp(a, "--region"))
            o.region = v;
        else if (!strcmp(a, "--conn"))
            o.connection_string = v;
        else if (!strcmp(a, "--container"))
            o.container = v;
        else if (!strcmp(a, "--prefix"))
            o.prefix = v;
        else if (!strcmp(a, "--account"))
            o.account_name = v;
        else if (!strcmp(a, "--account-key"))
            o.account_key = v;
        else if (!strcmp(a, "--part-size"))
            o.s3_min_upload_part_size = o.azure_min_upload_part_size = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--page-size"))
            o.list_page_size = atoi(v);
        else if (!strcmp(a, "--retries"))
            o.max_retries = atoi(v);
        else if (!strcmp(a, "--timeout-ms"))
            o.request_timeout_ms = atol(v);
        else {
            fprintf(stderr, "unknown option %s\n", a);
            return 2;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "no command\n");
        return 2;
    }
    const char *cmd = argv[i];
    const char *arg1 = i + 1 < argc ? argv[i + 1] : NULL;
    const char *arg2 = i + 2 < argc ? argv[i + 2] : NULL;
    const char *arg3 = i + 3 < argc ? argv[i + 3] : NULL;

    floe_objstore *s;
    if (floe_objstore_open(&s, &o) < 0)
        return fail();
    int rc = 0;
    if (!strcmp(cmd, "create-root")) {
        rc = floe_objstore_create_root(s) < 0 ? fail() : 0;
    } else if (!strcmp(cmd, "describe")) {
        printf("%s\n", floe_objstore_describe(s));
    } else if (!strcmp(cmd, "location") && arg1) {
        char *l = floe_objstore_location(s, arg1);
        printf("%s\n", l);
        floe_free(l);
    } else if (!strcmp(cmd, "put") && arg2) {
        char *data;
        size_t len;
        if (floe_read_file(&data, &len, arg2) < 0)
            rc = fail();
        else {
            rc = floe_objstore_put(s, arg1, data, len) < 0 ? fail() : 0;
            floe_free(data);
        }
    } else if (!strcmp(cmd, "write") && arg2) {
        rc = write_file(s, arg1, arg2, arg3 ? (size_t)strtoull(arg3, NULL, 10) : 65536, 0);
    } else if (!strcmp(cmd, "put-new") && arg2) {
        rc = write_file(s, arg1, arg2, 65536, FLOE_OBJSTORE_NO_OVERWRITE);
    } else if (!strcmp(cmd, "gen") && arg2) {
        rc = gen(s, arg1, strtoull(arg2, NULL, 10),
                 arg3 ? (size_t)strtoull(arg3, NULL, 10) : 100000, 0);
    } else if (!strcmp(cmd, "gen-abort") && arg2) {
        rc = gen(s, arg1, strtoull(arg2, NULL, 10), 100000, 1);
    } else if (!strcmp(cmd, "expect-gen") && arg1) {
        /* checks a gen'd object (whole, or OFFSET LEN) byte for byte */
        floe_buf b = FLOE_BUF_INIT;
        uint64_t off = arg2 ? strtoull(arg2, NULL, 10) : 0;
        uint64_t len = arg3 ? strtoull(arg3, NULL, 10) : FLOE_OBJSTORE_TO_END;
        if (floe_objstore_get_buf(&b, s, arg1, off, len) < 0) {
            rc = fail();
        } else {
            unsigned char *want = floe_malloc(b.len + 1);
            gen_bytes(want, off, b.len);
            if (memcmp(want, b.data ? b.data : "", b.len)) {
                fprintf(stderr, "content differs\n");
                rc = 1;
            } else {
                printf("ok %zu\n", b.len);
            }
            floe_free(want);
        }
        floe_buf_free(&b);
    } else if (!strcmp(cmd, "head") && arg1) {
        int exists;
        floe_objstore_stat st;
        if (floe_objstore_head(&exists, &st, s, arg1) < 0)
            rc = fail();
        else if (exists)
            printf("exists %llu\n", (unsigned long long)st.size);
        else
            printf("missing\n");
    } else if (!strcmp(cmd, "get") && arg1) {
        floe_sink out = {stdout_write, NULL};
        uint64_t off = arg2 ? strtoull(arg2, NULL, 10) : 0;
        uint64_t len = arg3 ? strtoull(arg3, NULL, 10) : FLOE_OBJSTORE_TO_END;
        rc = floe_objstore_get(s, arg1, off, len, &out) < 0 ? fail() : 0;
    } else if (!strcmp(cmd, "del") && arg1) {
        rc = floe_objstore_delete(s, arg1) < 0 ? fail() : 0;
    } else if (!strcmp(cmd, "list")) {
        rc = floe_objstore_list(s, arg1 ? arg1 : "", print_entry, NULL) < 0 ? fail() : 0;
    } else if (!strcmp(cmd, "fill") && arg2) {
        long n = atol(arg2);
        for (long k = 0; k < n && !rc; k++) {
            char key[512], body[64];
            snprintf(key, sizeof key, "%s%05ld", arg1, k);
            int bl = snprintf(body, sizeof body, "%ld\n", k);
            if (floe_objstore_put(s, key, body, (size_t)bl) < 0)
                rc = fail();
        }
    } else {
        fprintf(stderr, "bad command %s\n", cmd);
        rc = 2;
    }
    fflush(stdout);
    floe_objstore_free(s);
    return rc;
}
