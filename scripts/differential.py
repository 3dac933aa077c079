#!/usr/bin/env python3
"""Differential test: random reference command lines through `vmt-dsl generate` and through
reference_oracle.py (CPython's random + PyYAML's dump); every output must be byte-identical.
Each command line is also written as the equivalent recipe and built with `vmt-dsl build`,
which must give the same bytes too (names a recipe cannot hold are skipped for that part).

usage: differential.py VMT_DSL_BINARY [CASES] [SEED]
Prints one line per difference and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import os, random, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, 'reference_oracle.py')
UTILS = ['ces', 'linear', 'quadratic', 'translog', 'stone_geary']
PRESETS = ['minimal', 'standard', 'large', 'money_demo', 'mixed_economy']
REGIMES = ['barter_only', 'money_only', 'mixed', 'mixed_liquidity_gated']
PIECES = ['a', 'Z', 'name', ' ', ' ', ':', ': ', '#', ' #', '-', '- ', '?', "'", '"', ',', '[', '{', '@', '`',
          '!', '&', '*', '|', '>', '%', '1', '0x1F', '.5', '1e5', '12:30', 'yes', 'null', '~', 'é', 'ñ', '🚀',
          '\t', '\\', '2025-10-21', 'word', 'longer words here', '—', '\u00a0', '...', '---', '=', '<<']

def random_name(r):
    kind = r.random()
    if kind < 0.1:
        return r.choice(['yes', 'No', 'ON', 'off', 'null', 'Null', '~', '123', '-5', '+7', '0o7', '012', '0b11',
                         '0x_1', '1_000', '1:20', '1:60', '190:20:30', '1.5', '-.5', '+.inf', '.NaN', '1e5',
                         '1.0e+5', '1.e-3', '6.8523015e+5', '2001-12-14t21:59:43.10-05:00', '2002-12-14',
                         '2001-1-1 1:02:03', '=', '<<', '!', '&', '*', '-', '?', ':', '---', '... x'])
    if kind < 0.2:
        words = [r.choice(['alpha', 'beta', 'gamma', 'delta', 'x', 'longword' * r.randint(1, 3), ':', '#', "it's"])
                 for _ in range(r.randint(10, 40))]
        return ' '.join(words) if r.random() < 0.7 else '  '.join(words)
    return ''.join(r.choice(PIECES) for _ in range(r.randint(1, 8)))

def random_seed(r):
    return str(r.choice([0, 1, -1, 42, 2**32 - 1, 2**32, 2**64 + 1, -(2**70), r.randint(-10**40, 10**40),
                         r.randint(0, 10**6)]))

def random_args(r):
    args = [random_name(r)]
    if r.random() < 0.4:
        args += ['--preset', r.choice(PRESETS)]
        if r.random() < 0.3:
            args += ['--agents', str(r.randint(1, 60))]
        if r.random() < 0.3:
            args += ['--exchange-regime', r.choice(REGIMES)]
        if r.random() < 0.3:
            args += ['--utilities', ','.join(r.choice(UTILS) for _ in range(r.randint(1, 6)))]
    else:
        lo = r.choice([1, 2, 5, 10, 100, r.randint(1, 10**6)])
        hi = lo + r.choice([1, 2, 3, 7, 100, 10**6, 2**31, 2**40, r.randint(1, 10**9)])
        if r.random() < 0.05:
            lo, hi = 1, 2**63 - 1
        density = r.choice(['0', '1', '0.3', '.5', '1e-1', '0.35', '1e-05', '0.000123', '0.1234567890123'])
        args += ['--agents', str(r.randint(1, 40)), '--grid', str(r.randint(1, 200)),
                 '--inventory-range', f'{lo},{hi}',
                 '--utilities', ','.join(r.choice(UTILS) for _ in range(r.randint(1, 7))),
                 '--resources', f'{density},{r.randint(1, 20)},{r.randint(0, 5)}']
        if r.random() < 0.6:
            args += ['--exchange-regime', r.choice(REGIMES)]
    args += ['--seed', random_seed(r), '--output', 'out.yaml']
    return args

def recipe_for(args):
    """The recipe that says what a reference command line says, or None when the name cannot be
    written in a recipe (a line break or control character, braces, which are placeholders,
    or a preset's name, which a recipe may not take)."""
    name, flags = args[0], args[1:]
    if any(c in name for c in '{}\n\r\x85\u2028\u2029') or name in PRESETS or any(ord(c) < 32 and c != '\t' for c in name) \
            or any(0x7f <= ord(c) <= 0x9f or ord(c) == 0xfeff for c in name):
        return None
    quoted = '"' + name.replace('\\', '\\\\').replace('"', '\\"') + '"'
    lines = [f'scenario {quoted}']
    values = dict(zip(flags[0::2], flags[1::2]))
    if '--preset' in values:
        lines.append(f"extends {values['--preset']}")
    if '--agents' in values:
        lines.append(f"agents {values['--agents']}")
    if '--grid' in values:
        lines.append(f"grid {values['--grid']}")
    if '--inventory-range' in values:
        lo, hi = values['--inventory-range'].split(',')
        lines.append(f'inventory {lo}..{hi}')
    if '--utilities' in values:
        lines.append('utilities ' + ', '.join(u.strip() for u in values['--utilities'].split(',')))
    if '--resources' in values:
        d, m, r = values['--resources'].split(',')
        lines.append(f'resources density {d} max {m} regen {r}')
    if '--exchange-regime' in values:
        lines.append(f"regime {values['--exchange-regime']}")
    lines.append(f"seed {values['--seed']}")
    lines.append('output out.yaml')
    return '\n'.join(lines) + '\n'

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    binary = os.path.abspath(sys.argv[1])
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    passed = failed = recipes = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(cases):
            args = random_args(r)
            want_dir, got_dir = os.path.join(tmp, f'w{i}'), os.path.join(tmp, f'g{i}')
            os.mkdir(want_dir)
            os.mkdir(got_dir)
            w = subprocess.run([sys.executable, ORACLE] + args, cwd=want_dir, capture_output=True)
            g = subprocess.run([binary, 'generate'] + args, cwd=got_dir, capture_output=True)
            want_file, got_file = os.path.join(want_dir, 'out.yaml'), os.path.join(got_dir, 'out.yaml')
            if w.returncode != 0:
                # The oracle refuses (e.g. a weight that the simulator would reject): ours must refuse too.
                ok = g.returncode != 0 and not os.path.exists(got_file)
            elif g.returncode != 0:
                # Ours refuses what the oracle wrote: only right when the simulator's rules forbid it.
                ok = b'error:' in g.stderr and not os.path.exists(got_file) and b'weights must sum' in g.stderr
            else:
                ok = open(want_file, 'rb').read() == open(got_file, 'rb').read()
            recipe = recipe_for(args) if w.returncode == 0 and ok else None
            if recipe is not None:
                recipes += 1
                # The same command line as a recipe, through `build`: the same bytes.
                recipe_dir = os.path.join(tmp, f'r{i}')
                os.makedirs(os.path.join(recipe_dir, 'recipes'))
                with open(os.path.join(recipe_dir, 'recipes', 'x.vmt'), 'w', encoding='utf-8') as f:
                    f.write(recipe)
                b = subprocess.run([binary, 'build', 'recipes', '--out', 'out'], cwd=recipe_dir, capture_output=True)
                built = os.path.join(recipe_dir, 'out', 'out.yaml')
                ok = b.returncode == 0 and os.path.exists(built) and open(built, 'rb').read() == open(want_file, 'rb').read()
                if not ok:
                    print(f'recipe differs: {recipe!r} (build exit {b.returncode}) {b.stderr[:300]!r}')
            if ok:
                passed += 1
            else:
                failed += 1
                print(f'differs: {args!r} (oracle exit {w.returncode}, vmt-dsl exit {g.returncode}) {g.stderr[:200]!r}')
    print(f'{recipes} of the command lines were also built as recipes')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
