/*
 * The `floe` binary: dispatches to its subcommands (local, server, client).
 * `floe local` is clickhouse-local over floe.h; the server and its client
 * are not built yet and say so with ClickHouse's NOT_IMPLEMENTED error.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "base/error.h"

static const char usage[] = "usage: floe <command> [options]\n"
                            "\n"
                            "Commands:\n"
                            "  local     run SQL over a data directory in this process\n"
                            "            (like clickhouse-local); floe local --help for options\n"
                            "  server    serve ClickHouse's HTTP interface (not implemented yet)\n"
                            "  client    interactive terminal for a server (not implemented yet)\n"
                            "\n"
                            "  floe --version    print the version\n"
                            "  floe --help       print this help\n";

static int not_implemented(const char *what)
{
    char msg[512];
    floe_error(FLOE_ERR_NOT_IMPLEMENTED, "floe %s is not implemented yet", what);
    floe_error_format(msg, sizeof msg);
    fprintf(stderr, "%s\n", msg);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "local") == 0)
        return floe_cli_local_main(argc - 2, argv + 2);
    if (strcmp(cmd, "server") == 0)
        return not_implemented("server");
    if (strcmp(cmd, "client") == 0)
        return not_implemented("client");
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
        printf("floe version %s\n", floe_version());
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    fprintf(stderr, "floe: unknown command '%s'\n\n", cmd);
    fputs(usage, stderr);
    return 1;
}
