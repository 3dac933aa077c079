#!/usr/bin/env python3
"""Records how CPython reads a command line, for the table tests of `generate`'s reader
(Tests/VMTCommandLineTests/PythonRulesTests.swift): int(), float(), str.strip(), which
characters are white space and decimal digits, and argparse's reading of whole command lines
with the reference generator's parser.

usage: record_python_rules.py > Tests/VMTCommandLineTests/Fixtures/python-rules/python-rules.json

The output is deterministic (a fixed seed for the random command lines). Re-record with the
Python the reference ran on (3.11); the file names the version it was recorded with.
"""
import argparse, json, random, sys, unicodedata

WHITESPACE = [c for c in range(0x110000) if chr(c).isspace()]
DECIMALS = [c for c in range(0x110000) if unicodedata.decimal(chr(c), None) is not None]

INT_CASES = ['42', ' 42 ', '42\r\n', '10\r', '10\n', '\t42\x0b', '\x0c42', '\x1c42\x1f', '\u00a042\u3000', '\u200942\u2028',
             '\u1680-5\u205f', '+7', '-0', '+0', '007', '000', '1_000', '1__000', '_1', '1_', '-_1', '+_1', '1_0_0',
             '\u0663', '\uff15', '1\u0663', '\u0661\u0662\u0663', '\U0001d7ce\U0001d7cf', '\u0be6', '\U00011f50', '\U0001e4f0',
             '4\u200b2', '\u200b42', '\ufeff42', '0x10', '0o7', '0b1', '1e3', '1.0', '', ' ', '\n', '-', '+', '- 5', '1 2',
             '99999999999999999999', '-9223372036854775808', '9223372036854775807', '9223372036854775808',
             '-9223372036854775809', '\u00b2', '\u00bd', '\u216b', '\u0664\u0665_\u0666', '\uff11_\uff12', '12\u00a0',
             '\u0085' + '3', '3\u0085', '\u180e5', '5\u200a', '٫5', '5\x00'[:1], 'Infinity', 'nan', '--5', '+-5', '5-']
INT_CASES += [chr(c) + '12' + chr(c) for c in WHITESPACE]

FLOAT_CASES = ['0.3', '.5', '5.', '1e-1', '1E5', '1e+5', '1e-05', '1_0.5', '1_.5', '1._5', '1e1_0', '1e_10', '1_e10',
               '1__0.5', '_1.5', '1.5_', 'inf', '-Infinity', 'INF', 'iNfInItY', 'nan', '+NaN', '-nan', 'infinit',
               'infinityy', 'nana', ' 0.5\n', '\u00a00.5\u3000', '\uff10.\uff15', '\u0661.\u0665', '1\u066b5', '1e',
               'e5', '.', '', ' ', '0x1p3', '0x10', '1e999', '-1e999', '1.5e-400', '0.1234567890123', '1,5', '+.5',
               '-.5e-3', '+', '-', '1.2.3', '1e5.5', '1ee5', '0.35', '0.000123', '1e-323', '2.5e-324', '007.5',
               '1_000.000_1', '\u0663e\u0662', '1e\u0662', 'in f', '5\u200b', '1d5', '1.0f', '１e１']
FLOAT_CASES += [chr(c) + '0.25' + chr(c) for c in WHITESPACE]

STRIP_CASES = ['ces', ' ces ', '\tlinear\n', '\u00a0ces\u3000', '\u200bces', 'ces\ufeff', '\x1cces\x1f', '\u0085ces\u2028',
               'c e s', '', ' ', '\u2000\u200a', '\u180ex\u180e'] + [chr(c) + 'x' + chr(c) for c in WHITESPACE]


def parser():
    """The reference generator's argparse parser (as reference_oracle.py builds it)."""
    ap = argparse.ArgumentParser(prog='generate')
    ap.add_argument('name')
    ap.add_argument('--preset', choices=['minimal', 'standard', 'large', 'money_demo', 'mixed_economy'])
    ap.add_argument('--agents', type=int)
    ap.add_argument('--grid', type=int)
    ap.add_argument('--inventory-range')
    ap.add_argument('--utilities')
    ap.add_argument('--resources')
    ap.add_argument('--exchange-regime', choices=['barter_only', 'money_only', 'mixed', 'mixed_liquidity_gated'])
    ap.add_argument('--seed', type=int)
    ap.add_argument('--output')
    return ap


P = ['--preset', 'minimal', '--seed', '1', '--output', 'out.yaml']
ARGV_CASES = [
    ['t'] + P, ['t', '--utilities=ces, linear'] + P, ['t', '--agents=5 '] + P, ['t', '--output=a b.yaml', '--preset', 'minimal'],
    ['t', '--utilities', ''] + P, ['t', '--inventory-range', ''] + P, ['t', '--resources', ''] + P, ['t', '--preset', 'minimal', '--output', ''],
    ['t', '--seed', '42\r\n', '--preset', 'minimal'], ['t', '--agents', '10\r\n'] + P, ['t', '--agents', '10\r'] + P,
    ['t'] + P + ['--'], ['--'] + ['t'], ['--', '-dash'] + [], P + ['--', '-dash'], P + ['t', '--'], ['t', '--'] + P,
    ['t', '--', '--'], ['--', 't', '--'], ['t'] + P + ['--', '--output', 'x'], ['t', 'u'] + P, P, [],
    ['t', '--agents', '-3'] + P, ['t', '--agents', '-x'] + P, ['t', '--inventory-range', '-5,10'] + P,
    ['t', '--inventory-range=-5,10'] + P, ['t', '--resources', '-0.1,5,1'] + P, ['t', '--agents', '-3 '] + P,
    ['t', '--agents', '- 3'] + P, ['t', '--agents', '-.5'] + P, ['t', '--agents', '-\u0663'] + P, ['t', '--agents', '-\uff15'] + P,
    ['t', '--inv', '1,5'] + P, ['t', '--in=1,5'] + P, ['t', '--e', 'mixed'] + P, ['t', '--ex=mixed'] + P, ['t', '--s', '5'] + P,
    ['t', '--se', '5'] + P, ['t', '--g', '5'] + P, ['t', '--a', '5'] + P, ['t', '--=x'] + P, ['t', '---x'] + P,
    ['t', '-x'] + P, ['t', '-'] + P, ['-', '--preset', 'minimal'], ['t', '-h'] + P, ['t', '-hx'] + P, ['t', '-hh'] + P,
    ['t', '--help=x'] + P, ['t', '--he'] + P, ['t', '--h'] + P, ['t', '--bogus', '--help'] + P, ['t', '--agents', 'x', '--help'],
    ['t', '--help', '--agents', 'x'], ['t', '--agents', '--help'], ['t', '--agents=--'] + P, ['t', '--utilities=--'] + P,
    ['t', '--output=--', '--preset', 'minimal'], ['t', '--preset=--', '--agents', '5'], ['t', '--exchange-regime=--'] + P,
    ['t', '--preset', 'minimal', '--preset', 'large'], ['t', '--agents', 'x', '--agents', '5'] + P,
    ['t', '--agents', '5', '--agents', 'x'] + P, ['t', '--preset', ''] + P, ['t', '--exchange-regime', ''] + P,
    ['t', '--seed', ''] + P, ['t', '--agents', ''] + P, ['t', '--preset', 'MINIMAL'], ['t', '--agents', '\uff15'] + P,
    ['t', '--seed', '1_000'] + P, ['t', '--seed', '\u0661\u0662'] + P, ['t', '--seed', ' -7 '] + P, ['', '--preset', 'minimal'],
    [' ', '--preset', 'minimal'], ['a b', '--preset', 'minimal'], ['-a b', '--preset', 'minimal'], ['-5', '--preset', 'minimal'],
    ['-5.5', '--preset', 'minimal'], ['-.5', '--preset', 'minimal'], ['-5,5', '--preset', 'minimal'], ['--5', '--preset', 'minimal'],
    ['t', '--output', '-'] + [], ['t', '--output', '-o'], ['t', '--output', '- o'], ['t', '--utilities', 'ces', 'linear'] + P,
    ['t', '--agents', '5', '6'] + P, ['t', '--preset', 'minimal', 'u', '--seed', '1'], ['t', '--preset=minimal=x'],
    ['t', '--utilities=a=b'] + P, ['t', '--output=x=y'], ['t', '--prese', 'minimal'], ['t', '--preset'],
    ['t', '--preset', '--seed', '1'], ['t', '--', '--preset', 'minimal'], ['--preset', 'minimal', 't', '--', 'u'],
    ['--preset', 'minimal', '--', 't'], ['--preset', 'minimal', '--', '--', 't'], ['--preset', 'minimal', '--', 't', '--'],
]


def random_argv(r):
    """A command line from pieces that exercise every rule: prefixes, '=', '--', '-' values, spaces."""
    flags = ['--preset', '--agents', '--grid', '--inventory-range', '--utilities', '--resources', '--exchange-regime',
             '--seed', '--output', '--pre', '--ag', '--in', '--u', '--r', '--ex', '--se', '--o', '--g', '-h', '--bogus', '-x']
    values = ['minimal', 'large', '5', ' 5 ', '5\r\n', '-5', '-5,5', '-x', '- x', '', ' ', '--', '-', 'a b', 'ces, linear',
              '0.3,5,1', '10,50', 'mixed', '\uff15', '\u0663', '1_0', 'out.yaml', '-.5', '-1e3', 'x=y', '=', 't']
    argv = ['t'] if r.random() < 0.6 else []
    for _ in range(r.randint(0, 7)):
        k = r.random()
        if k < 0.45:
            flag = r.choice(flags)
            if r.random() < 0.35:
                argv.append(flag + '=' + r.choice(values))
            else:
                argv.append(flag)
                if r.random() < 0.85:
                    argv.append(r.choice(values))
        elif k < 0.55:
            argv.append('--')
        else:
            argv.append(r.choice(values))
    return argv


def namespace(argv):
    try:
        ns = parser().parse_args(argv)
    except SystemExit as e:
        return {'exit': e.code}
    out = {}
    for key, value in vars(ns).items():
        if value is None:
            continue
        out[key] = '[]' if value == [] else str(value)
    return {'exit': 0, 'values': out}


class Quiet:
    def write(self, _): pass
    def flush(self): pass


def main():
    r = random.Random(17)
    argv_cases = ARGV_CASES + [random_argv(r) for _ in range(1500)]
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = Quiet()
    try:
        argparse_table = [{'argv': argv, **namespace(argv)} for argv in argv_cases]
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr

    def call(f, text):
        try:
            return f(text)
        except ValueError:
            return None
    table = {
        'python': sys.version.split()[0],
        'unicode': unicodedata.unidata_version,
        'whitespace': WHITESPACE,
        'decimals': DECIMALS,
        'int': [{'text': t, 'value': None if call(int, t) is None else str(call(int, t))} for t in INT_CASES],
        'float': [{'text': t, 'repr': None if call(float, t) is None else repr(call(float, t))} for t in FLOAT_CASES],
        'strip': [{'text': t, 'stripped': t.strip()} for t in STRIP_CASES],
        'argparse': argparse_table,
    }
    json.dump(table, sys.stdout, ensure_ascii=True, indent=0)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
