#!/bin/sh
# Compares wasmbind's preprocessor with clang's on real headers, token by
# token (white space ignored; #pragma lines, which wasmbind consumes, dropped).
# Usage: tests/pp/compare_clang.sh PPDUMP HEADER [cpp options...]
#   PPDUMP: a program printing the preprocessed tokens of HEADER (see
#   tests/pp/ppdump.c). Needs clang 14 and python3; not part of `make test`.
set -e
dump=$1; hdr=$2; shift 2
sysroot=${SYSROOT:-/usr/share/emscripten/cache/sysroot}
tmp=${TMPDIR:-/tmp}/wbpp.$$
trap 'rm -f $tmp.*' EXIT
clang --target=wasm32-unknown-emscripten --sysroot="$sysroot" -Xclang -iwithsysroot/include/compat \
  -D__WASMBIND__=1 -E -P "$@" "$hdr" > $tmp.clang 2>/dev/null || echo "(clang reported errors)"
"$dump" "$hdr" "$@" > $tmp.ours 2>/dev/null || echo "(wasmbind reported errors)"
python3 - $tmp.clang $tmp.ours <<'PY'
import re, sys
tok = re.compile(r'''(?:u8|[LuU])?"(?:\\.|[^"\\])*"|(?:u8|[LuU])?'(?:\\.|[^'\\])*'|\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*|[A-Za-z_$][A-Za-z_$0-9]*|\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[*/%+\-&^|]=|##|\S''')
def toks(path):
    out = []
    for line in open(path, errors='replace'):
        if line.lstrip().startswith('#pragma'):
            continue
        out.extend(tok.findall(line))
    return out
a, b = toks(sys.argv[1]), toks(sys.argv[2])
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        print("first difference at token %d: clang %r, wasmbind %r" % (i, x, y))
        print("clang:    ", ' '.join(a[max(0,i-15):i+10]))
        print("wasmbind: ", ' '.join(b[max(0,i-15):i+10]))
        sys.exit(1)
if len(a) != len(b):
    print("lengths differ: clang %d, wasmbind %d" % (len(a), len(b)))
    print("clang tail:    ", ' '.join(a[len(b):len(b)+20]))
    print("wasmbind tail: ", ' '.join(b[len(a):len(a)+20]))
    sys.exit(1)
print("same %d tokens" % len(a))
PY
