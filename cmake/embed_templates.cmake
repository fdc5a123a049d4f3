# Writes a C file that holds every file of report-templates/ (the HTML, CSS
# and JavaScript of `fltcheck report --html`) as a NUL-terminated byte array,
# with a table from file name to text. Run by CMake at build time.
set(_out "/* generated from report-templates/ by cmake/embed_templates.cmake: do not edit */\n")
string(APPEND _out "#include <stddef.h>\n")
set(_table "")
set(_i 0)
separate_arguments(_files UNIX_COMMAND "${TEMPLATES}")
list(SORT _files)
foreach(_file IN LISTS _files)
	get_filename_component(_name "${_file}" NAME)
	file(READ "${_file}" _hex HEX)
	string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
	string(APPEND _out "static const char tpl_${_i}[] = {${_bytes}0};\n")
	string(APPEND _table "\t{\"${_name}\", tpl_${_i}},\n")
	math(EXPR _i "${_i} + 1")
endforeach()
string(APPEND _out "const struct report_template { const char *name; const char *text; } report_templates[] = {\n${_table}\t{NULL, NULL}\n};\n")
file(WRITE "${OUT}" "${_out}")
