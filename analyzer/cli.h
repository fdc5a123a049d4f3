/*
 * Command-line options that take a value, shared by the scan and the
 * subcommands: "--name VALUE" and "--name=VALUE".
 */
#ifndef FLTCHECK_CLI_H
#define FLTCHECK_CLI_H

#include <stdbool.h>

/*
 * Whether argv[*i] is the option name, alone or as "name=value". When it is,
 * *value is its value (the next argument, past which *i then moves), or NULL
 * when name is the last argument. "--name=" gives an empty value.
 */
bool cli_opt(int argc, char **argv, int *i, const char *name, const char **value);

#endif
