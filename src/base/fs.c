/*
 * Directory helpers (see fs.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fs.h"

int floe_fs_mkdir_p(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
            return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create directory %s: %s", tmp,
                              strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create directory %s: %s", tmp,
                          strerror(errno));
    return 0;
}

int floe_fs_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[4096 + 256];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (floe_fs_remove_tree(sub) < 0)
            rc = -1;
    }
    closedir(d);
    if (rmdir(path) < 0)
        rc = -1;
    return rc;
}

void floe_fs_fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)fsync(fd);
    close(fd);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return floe_error(FLOE_ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to file: %s",
                              strerror(errno));
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int floe_fs_copy_into(int fd, const char *from)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", from,
                          strerror(errno));
    char buf[1 << 16];
    int rc = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = floe_error(FLOE_ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read file %s: %s",
                            from, strerror(errno));
            break;
        }
        if (r == 0 || (rc = write_all(fd, buf, (size_t)r)) < 0)
            break;
    }
    close(in);
    return rc;
}

static int clone_file(const char *from, const char *to, mode_t mode, floe_fs_clone how)
{
    if (how == FLOE_FS_LINK_READONLY)
        chmod(from, mode & ~(mode_t)0222);
    if (how != FLOE_FS_COPY) {
        if (link(from, to) < 0)
            return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create hard link %s to %s: %s",
                              to, from, strerror(errno));
        return 0;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0777);
    if (out < 0)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot create file %s: %s", to,
                          strerror(errno));
    int rc = floe_fs_copy_into(out, from);
    if (rc == 0 && fsync(out) < 0)
        rc = floe_error(FLOE_ERR_CANNOT_FSYNC, "Cannot fsync %s: %s", to, strerror(errno));
    close(out);
    return rc;
}

int floe_fs_clone_tree(const char *src, const char *dst, floe_fs_clone how)
{
    if (mkdir(dst, 0755) < 0)
        return floe_error(errno == EEXIST ? FLOE_ERR_DIRECTORY_ALREADY_EXISTS
                                          : FLOE_ERR_CANNOT_OPEN_FILE,
                          "Cannot create directory %s: %s", dst, strerror(errno));
    DIR *d = opendir(src);
    if (!d)
        return floe_error(FLOE_ERR_CANNOT_OPEN_FILE, "Cannot open directory %s: %s", src,
                          strerror(errno));
    struct dirent *e;
    int rc = 0;
    char from[4096 + 256], to[4096 + 256];
    while (rc == 0 && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(from, sizeof from, "%s/%s", src, e->d_name);
        snprintf(to, sizeof to, "%s/%s", dst, e->d_name);
        struct stat st;
        if (lstat(from, &st) < 0)
            rc = floe_error(FLOE_ERR_CANNOT_STAT, "Cannot stat %s: %s", from, strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc = floe_fs_clone_tree(from, to, how);
        else
            rc = clone_file(from, to, st.st_mode, how);
    }
    closedir(d);
    if (rc == 0 && how == FLOE_FS_COPY)
        floe_fs_fsync_dir(dst);
    return rc;
}
