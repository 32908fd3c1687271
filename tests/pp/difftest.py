#!/usr/bin/env python3
"""Differential tests of wasmbind's preprocessor against clang 14.

Generates random inputs, preprocesses them with clang and with ppdump
(tests/pp/ppdump.c), and compares the token streams (white space ignored)
and the number of errors. Needs clang and python3; not part of `make test`.

  tests/pp/difftest.py PPDUMP macro [SEED_FROM SEED_TO [LINES]]
      random object-like, function-like and variadic macros (#, ##,
      __VA_OPT__, GNU `, ## __VA_ARGS__`) and nested invocations, some with
      wrong argument counts
  tests/pp/difftest.py PPDUMP expr [SEED_FROM SEED_TO [COUNT]]
      random #if expressions (signed/unsigned arithmetic, shifts, ?:,
      character constants, defined); also compares the error locations

Exit status 1 when any seed differs (its input is left in difftest-SEED.h).
"""
import random
import re
import subprocess
import sys

TOKEN = re.compile(r'''(?:u8|[LuU])?"(?:\\.|[^"\\])*"|(?:u8|[LuU])?'(?:\\.|[^'\\])*'|'''
                   r'''\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*|[A-Za-z_$][A-Za-z_$0-9]*|'''
                   r'''\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[*/%+\-&^|]=|##|\S''')


def macro_program(rng, nlines):
    names = ['M%d' % i for i in range(8)]
    kinds, lines = {}, []
    for n in names:
        k = rng.choice(['obj', 'fn0', 'fn1', 'fn2', 'va', 'va1'])
        kinds[n] = k
        params = {'obj': [], 'fn0': [], 'fn1': ['a'], 'fn2': ['a', 'b'], 'va': ['__VA_ARGS__'],
                  'va1': ['a', '__VA_ARGS__']}[k]
        body = []
        for _ in range(rng.randint(0, 7)):
            r = rng.random()
            if r < 0.3 and params:
                body.append(rng.choice(params))
            elif r < 0.5:
                body.append(rng.choice(names))
            elif r < 0.6 and params and k != 'obj':
                body.append('#' + rng.choice(params))
            elif r < 0.7 and body and (rng.random() < 0.2 or body[-1] != '##') and not body[-1].startswith('#'):
                body.append('##')
            elif r < 0.78 and k in ('va', 'va1'):
                body.append(rng.choice(['__VA_OPT__(,)', ', ## __VA_ARGS__', '__VA_OPT__(x ## y)']))
            else:
                body.append(rng.choice(['x', 'y', '1', '(', ')', ',', '+', 'z']))
        while body and body[-1] == '##':
            body.pop()
        while body and body[0] == '##':
            body.pop(0)
        plist = ''
        if k != 'obj':
            plist = '(' + ', '.join('...' if p == '__VA_ARGS__' else p for p in params) + ')'
        lines.append('#define %s%s %s' % (n, plist, ' '.join(body)))

    def arg(d):
        out = []
        for _ in range(rng.randint(0, 3)):
            r = rng.random()
            if r < 0.4:
                out.append(rng.choice(names))
            elif r < 0.55 and d > 0:
                out.append('(' + arg(d - 1) + ')')
            elif r < 0.7 and d > 0:
                out.append(call(d - 1))
            else:
                out.append(rng.choice(['p', 'q', '2', '+', '"s"', "'c'"]))
        return ' '.join(out)

    def call(d):
        n = rng.choice(names)
        k = kinds[n]
        if k == 'obj':
            return n
        cnt = {'fn0': 0, 'fn1': 1, 'fn2': 2, 'va': rng.randint(0, 3), 'va1': rng.randint(1, 3)}[k]
        if rng.random() < 0.05:
            cnt += rng.choice([-1, 1])
        return n + '(' + ', '.join(arg(d) for _ in range(max(cnt, 0))) + ')'

    for i in range(nlines):
        lines.append('L%d: %s' % (i, ' '.join(call(3) for _ in range(rng.randint(1, 3)))))
    return '\n'.join(lines) + '\n'


def expr_program(rng, count):
    def lit():
        r = rng.random()
        if r < 0.3:
            return str(rng.randint(0, 10))
        if r < 0.45:
            return str(rng.randint(0, 2**63 - 1))
        if r < 0.55:
            return hex(rng.randint(0, 2**64 - 1))
        if r < 0.65:
            return str(rng.randint(0, 100)) + rng.choice(['u', 'U', 'ul', 'LL', 'ull'])
        if r < 0.7:
            return rng.choice(["'a'", "'\\377'", "'\\n'", "L'x'", "u'\\xffff'", "'ab'"])
        if r < 0.75:
            return rng.choice(['UNDEF', 'ONE', 'NEG', 'BIG', 'defined(ONE)', 'defined UNDEF'])
        return '0' + oct(rng.randint(0, 500))[2:]

    def expr(d):
        if d <= 0 or rng.random() < 0.25:
            return lit()
        r = rng.random()
        if r < 0.15:
            return rng.choice(['-', '~', '!', '+']) + expr(d - 1)
        if r < 0.25:
            return '(' + expr(d - 1) + ')'
        if r < 0.32:
            return '(' + expr(d - 1) + ' ? ' + expr(d - 1) + ' : ' + expr(d - 1) + ')'
        op = rng.choice(['+', '-', '*', '/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=',
                         '&', '^', '|', '&&', '||'])
        if op in ('<<', '>>'):
            return '(' + expr(d - 1) + ' ' + op + ' ' + str(rng.randint(0, 63)) + ')'
        return '(' + expr(d - 1) + ' ' + op + ' ' + expr(d - 1) + ')'

    lines = ['#define ONE 1', '#define NEG -5', '#define BIG 0xffffffffffffffff']
    for i in range(count):
        lines += ['#if %s' % expr(4), 'T%d' % i, '#else', 'F%d' % i, '#endif']
    return '\n'.join(lines) + '\n'


def errors(text):
    return sorted(l.split(':', 1)[1] for l in text.splitlines() if ': error:' in l)


def main():
    if len(sys.argv) < 3 or sys.argv[2] not in ('macro', 'expr'):
        print(__doc__)
        return 2
    dump, mode = sys.argv[1], sys.argv[2]
    lo = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    hi = int(sys.argv[4]) if len(sys.argv) > 4 else lo + 99
    size = int(sys.argv[5]) if len(sys.argv) > 5 else (200 if mode == 'macro' else 1000)
    failed = 0
    for seed in range(lo, hi + 1):
        rng = random.Random(seed)
        text = macro_program(rng, size) if mode == 'macro' else expr_program(rng, size)
        path = 'difftest-%d.h' % seed
        with open(path, 'w') as f:
            f.write(text)
        c = subprocess.run(['clang', '--target=wasm32-unknown-emscripten', '-E', '-P', '-w',
                            '-ferror-limit=0', path], capture_output=True, text=True)
        o = subprocess.run([dump, path], capture_output=True, text=True)
        ct, ot = TOKEN.findall(c.stdout), TOKEN.findall(o.stdout)
        ce, oe = errors(c.stderr), errors(o.stderr)
        same = ct == ot and len(ce) == len(oe) and (mode == 'macro' or ce == oe)
        if same:
            subprocess.run(['rm', '-f', path])
            continue
        failed += 1
        print('seed %d differs: %d/%d tokens, %d/%d errors (clang/wasmbind), input in %s'
              % (seed, len(ct), len(ot), len(ce), len(oe), path))
        for i, (x, y) in enumerate(zip(ct, ot)):
            if x != y:
                print('  clang:    ', ' '.join(ct[max(0, i - 10):i + 8]))
                print('  wasmbind: ', ' '.join(ot[max(0, i - 10):i + 8]))
                break
    print('%s: %d seeds, %d differ' % (mode, hi - lo + 1, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
