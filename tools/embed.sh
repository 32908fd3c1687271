#!/bin/sh
# embed.sh NAME FILE: prints a C file defining `const char NAME[]` holding FILE.
set -eu
name=$1 file=$2
printf '/* Generated from %s by tools/embed.sh. Do not edit. */\n' "$file"
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/  "/' -e 's/$/\\n"/' "$file"
printf ';\n'
