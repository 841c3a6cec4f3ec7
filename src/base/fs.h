/*
 * File-system helpers: directories made and removed whole, fsync of a
 * directory (so a rename in it is durable).
 */
#ifndef FLOE_BASE_FS_H
#define FLOE_BASE_FS_H

/* mkdir -p. Error: CANNOT_OPEN_FILE. */
int floe_fs_mkdir_p(const char *path);
/* rm -rf; a missing path is not an error. */
int floe_fs_remove_tree(const char *path);
/* fsync of a directory's entries; errors are ignored where the file
 * system does not support it. */
void floe_fs_fsync_dir(const char *path);

/* How floe_fs_clone_tree makes each file. */
typedef enum floe_fs_clone {
    FLOE_FS_LINK,          /* a hard link */
    FLOE_FS_LINK_READONLY, /* a hard link, the file made read-only first (FREEZE) */
    FLOE_FS_COPY,          /* a copy, fsynced (another file system) */
} floe_fs_clone;

/* Makes dst (which must not exist) a tree like src, subdirectories
 * included; after a copy dst's entries are fsynced. Errors:
 * DIRECTORY_ALREADY_EXISTS, CANNOT_OPEN_FILE, CANNOT_STAT, CANNOT_FSYNC,
 * CANNOT_READ_FROM_FILE_DESCRIPTOR, CANNOT_WRITE_TO_FILE_DESCRIPTOR. */
int floe_fs_clone_tree(const char *src, const char *dst, floe_fs_clone how);
/* Appends the whole file `from` to descriptor fd. Errors: as above. */
int floe_fs_copy_into(int fd, const char *from);

#endif
