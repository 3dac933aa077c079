#!/usr/bin/env python3
"""Differential test: random reference command lines through `vmt-dsl generate` and through
reference_oracle.py (CPython's random + PyYAML's dump); every output must be byte-identical.
Each command line is also written as the equivalent recipe and built with `vmt-dsl build`,
which must give the same bytes too (names a recipe cannot hold are skipped for that part).

About half of the command lines are "odd": they read the command line the way argparse and
Python's int(), float() and str.strip() do (white space of every kind around numbers, Unicode
digits, empty values, `--flag=value` with spaces, abbreviated flags, `--`, values that start
with `-`, names that are not UTF-8). For each, both programs must end with the same exit status
and write the same files (names and bytes); where the oracle writes a file and vmt-dsl refuses
(exit 1), the simulator's loader must reject the oracle's file (README, "Deliberate
differences"), checked with validate_scenario.py when it is found ($SHARED_DIR/tools or
../shared/tools).

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


SPACES = [' ', '\t', '\n', '\r', '\r\n', '\x0b', '\x0c', '\u00a0', '\u2003', '\u3000', '\u2028', '\u0085', '\u1680',
          '\x1c', '\u200b', '\ufeff', '']
DIGITS = {'0': ['\uff10', '\u0660', '\u06f0', '\u0966', '\U0001d7ce'], '1': ['\uff11', '\u0661', '\u0967'],
          '2': ['\uff12', '\u0662'], '3': ['\uff13', '\u0663', '\u09e9'], '5': ['\uff15', '\u0665', '\u0e55']}

def odd_number(r, text):
    """`text` (an integer or decimal) as Python still reads it, or now and then as it does not."""
    if r.random() < 0.3:
        text = ''.join(r.choice(DIGITS[c]) if c in DIGITS and r.random() < 0.5 else c for c in text)
    if r.random() < 0.2 and len(text) > 1 and text[0].isdigit() and text[1].isdigit():
        text = text[0] + '_' + text[1:]
    if r.random() < 0.6:
        text = r.choice(SPACES) + text + r.choice(SPACES)
    return text

def odd_name(r):
    """A NAME: text, or bytes that are not all UTF-8 (Python keeps those as lone surrogates)."""
    k = r.random()
    if k < 0.25:
        return bytes(r.choice([b'caf\xe9', b'x\xff\xfe y \xc3', b'\xed\xa0\x80', b'a\x80b', b'\xc0\xaf', b'n\xe9e \xe9',
                               b'plain', b'\xf0\x9f\x9a\x80ok', b'\xf0\x9f\x9a']))
    if k < 0.35:
        return r.choice(['-dash', '-5', '-.5', '- x', 'a b', ' lead', 'trail ', '', '--x'])
    return random_name(r)

def odd_args(r):
    """A command line that exercises argparse's and Python's reading rules."""
    preset = r.random() < 0.7
    flags = []
    def add(flag, value):
        form = r.random()
        short = {'--inventory-range': r.choice(['--inv', '--inventory', '--i']), '--utilities': r.choice(['--ut', '--u']),
                 '--resources': r.choice(['--res', '--r']), '--exchange-regime': r.choice(['--ex', '--e']),
                 '--agents': '--ag', '--grid': '--gr', '--seed': '--se', '--output': '--ou', '--preset': '--pre'}[flag]
        name = short if r.random() < 0.2 else flag
        if form < 0.35 or (isinstance(value, str) and value.startswith('-') and form < 0.8):
            flags.append(f'{name}={value}')
        else:
            flags.extend([name, value])
    if preset:
        add('--preset', r.choice(PRESETS))
    lo = r.randint(1, 30)
    if not preset or r.random() < 0.4:
        add('--agents', odd_number(r, str(r.choice([r.randint(1, 30), 0, -3])) if r.random() < 0.1 else str(r.randint(1, 30))))
    if not preset or r.random() < 0.3:
        add('--grid', odd_number(r, str(r.randint(1, 40))))
    if not preset or r.random() < 0.4:
        value = f'{odd_number(r, str(lo))},{odd_number(r, str(lo + r.randint(1, 50)))}'
        add('--inventory-range', '' if preset and r.random() < 0.3 else value)
    if not preset or r.random() < 0.4:
        items = [r.choice(SPACES[:10]) + r.choice(UTILS) + r.choice(SPACES[:10]) for _ in range(r.randint(1, 4))]
        add('--utilities', '' if preset and r.random() < 0.3 else ','.join(items))
    if not preset or r.random() < 0.4:
        density = odd_number(r, r.choice(['0.3', '.5', '1e-1', '0', '1', '0.35']))
        value = f'{density},{odd_number(r, str(r.randint(1, 9)))},{odd_number(r, str(r.randint(0, 3)))}'
        add('--resources', '' if preset and r.random() < 0.3 else value)
    if r.random() < 0.4:
        add('--exchange-regime', r.choice(REGIMES))
    add('--seed', odd_number(r, random_seed(r)))
    if r.random() < 0.7:
        add('--output', r.choice(['out.yaml', 'o u t.yaml', 'sub/out.yaml', '']))
    name = odd_name(r)
    args = flags[:]
    position = r.randint(0, len(args))
    while position > 0 and position < len(args) and args[position - 1] in ('--preset', '--agents', '--grid', '--inventory-range',
            '--utilities', '--resources', '--exchange-regime', '--seed', '--output', '--inv', '--inventory', '--i', '--ut',
            '--u', '--res', '--r', '--ex', '--e', '--ag', '--gr', '--se', '--ou', '--pre'):
        position -= 1
    if isinstance(name, str) and name.startswith('-') or r.random() < 0.05:
        args = args + ['--', name]
    else:
        args.insert(position, name)
    if r.random() < 0.03:
        args.append('--')
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

def tree(folder):
    """Every file under `folder` (names as bytes, relative) with its bytes."""
    found = {}
    root = os.fsencode(folder)
    for path, _, files in os.walk(root):
        for name in files:
            full = os.path.join(path, name)
            with open(full, 'rb') as f:
                found[os.path.relpath(full, root)] = f.read()
    return found

def validator():
    """validate_scenario.py from the shared folder, or None."""
    here = os.path.dirname(HERE)
    for folder in [os.environ.get('SHARED_DIR'), os.path.join(here, '..', 'shared'), os.path.join(here, '..', '..', 'shared')]:
        if folder and os.path.exists(os.path.join(folder, 'tools', 'validate_scenario.py')):
            return os.path.join(folder, 'tools', 'validate_scenario.py')
    return None

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    binary = os.path.abspath(sys.argv[1])
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    check = validator()
    passed = failed = recipes = odd_cases = refused_by_loader = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(cases):
            odd = r.random() < 0.5
            args = odd_args(r) if odd else random_args(r)
            odd_cases += odd
            want_dir, got_dir = os.path.join(tmp, f'w{i}'), os.path.join(tmp, f'g{i}')
            os.mkdir(want_dir)
            os.mkdir(got_dir)
            w = subprocess.run([sys.executable, ORACLE] + args, cwd=want_dir, capture_output=True)
            g = subprocess.run([binary, 'generate'] + args, cwd=got_dir, capture_output=True)
            want, got = tree(want_dir), tree(got_dir)
            why = ''
            if w.returncode != 0:
                # The oracle refuses: ours refuses with the same status and writes nothing.
                ok = g.returncode == w.returncode and not got
                why = 'both refuse, with the same status'
            elif g.returncode != 0:
                # Ours refuses what the oracle wrote: only right when the simulator's loader
                # rejects the oracle's file (a deliberate difference), with one error line, exit 1.
                files = [os.path.join(os.fsencode(want_dir), name) for name in want]
                if check and files:
                    v = subprocess.run([sys.executable, check] + files, capture_output=True)
                    rejected = v.returncode != 0
                else:
                    rejected = b'must be' in g.stderr or b'weights must sum' in g.stderr
                ok = g.returncode == 1 and not got and rejected and g.stderr.count(b'error:') == 1
                refused_by_loader += ok
                why = 'ours refuses a file the loader rejects'
            else:
                ok = want == got and len(want) == 1
                why = 'same files'
            recipe = recipe_for(args) if not odd and w.returncode == 0 and ok else None
            if recipe is not None:
                recipes += 1
                # The same command line as a recipe, through `build`: the same bytes.
                recipe_dir = os.path.join(tmp, f'r{i}')
                os.makedirs(os.path.join(recipe_dir, 'recipes'))
                with open(os.path.join(recipe_dir, 'recipes', 'x.vmt'), 'w', encoding='utf-8') as f:
                    f.write(recipe)
                b = subprocess.run([binary, 'build', 'recipes', '--out', 'out'], cwd=recipe_dir, capture_output=True)
                built = os.path.join(recipe_dir, 'out', 'out.yaml')
                ok = b.returncode == 0 and os.path.exists(built) and open(built, 'rb').read() == open(os.path.join(want_dir, 'out.yaml'), 'rb').read()
                if not ok:
                    print(f'recipe differs: {recipe!r} (build exit {b.returncode}) {b.stderr[:300]!r}')
            if ok:
                passed += 1
            else:
                failed += 1
                print(f'differs ({why}): {args!r} (oracle exit {w.returncode} {sorted(want)!r}, vmt-dsl exit {g.returncode} '
                      f'{sorted(got)!r}) {g.stderr[:200]!r} {w.stderr[-200:]!r}')
    print(f'{odd_cases} of the command lines were odd (white space, Unicode, empty values, = forms, --, non-UTF-8 names)')
    print(f'{recipes} of the command lines were also built as recipes')
    print(f'{refused_by_loader} were refused by vmt-dsl where the oracle wrote a file the loader rejects'
          + ('' if check else ' (validate_scenario.py not found: judged by the message)'))
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
