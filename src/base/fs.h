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

#endif
