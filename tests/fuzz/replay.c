/*
 * Runs a fuzz target's LLVMFuzzerTestOneInput over files, without libFuzzer:
 * each argument is a file or a directory of files (the seed corpus, the
 * inputs that once crashed). Each input is given in a buffer of exactly its
 * size, as libFuzzer gives it, so a sanitizer build sees any over-read.
 * Prints each input's outcome (ok, or the error it ended in). Passing
 * means no input crashed; the target checks the rest.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/io.h"
#include "base/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    char *all = NULL;
    size_t len = 0;
    if (floe_read_file(&all, &len, path) < 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    uint8_t *exact = floe_malloc(len);
    if (len)
        memcpy(exact, all, len);
    floe_free(all);
    printf("%s (%zu bytes): ", path, len);
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, len);
    if (floe_error_code())
        printf("%s: %s\n", floe_errcode_name(floe_error_code()), floe_error_message());
    else
        printf("ok\n");
    floe_free(exact);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir, in name order, so runs are reproducible. */
static int run_dir(const char *dir, size_t *n_run)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: cannot open %s\n", dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        FLOE_GROW(names, cap, n + 1);
        names[n++] = floe_strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = floe_malloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        struct stat sb;
        if (rc == 0 && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
            rc = run_file(path);
            (*n_run)++;
        }
        floe_free(path);
        floe_free(names[i]);
    }
    floe_free(names);
    return rc;
}

int main(int argc, char **argv)
{
    size_t n_run = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) < 0) {
            fprintf(stderr, "replay: %s does not exist\n", argv[i]);
            return 1;
        }
        int rc = S_ISDIR(sb.st_mode) ? run_dir(argv[i], &n_run) : (n_run++, run_file(argv[i]));
        if (rc < 0)
            return 1;
    }
    printf("replay: %zu inputs, no crash\n", n_run);
    return 0;
}
