#!/usr/bin/env python3
"""A second opinion for differential tests: the reference generator's behaviour written out
from spec/reference-generator.md on top of CPython's real `random` and PyYAML's real `dump`.

usage: reference_oracle.py NAME [reference flags...]   (writes --output, like the reference)

It is not the reference itself (that program is not public here); it exists so that
scripts/differential.sh can compare `vmt-dsl generate` with CPython's random numbers and
PyYAML's emitter on many more flag combinations, names and seeds than the golden corpus holds.
"""
import argparse, os, random, sys
import yaml

PRESETS = {
    'minimal': (10, 20, (10, 50), ['ces', 'linear'], (0.3, 5, 1), 'barter_only'),
    'standard': (30, 40, (15, 60), ['ces', 'linear', 'quadratic', 'translog', 'stone_geary'], (0.35, 6, 2), 'barter_only'),
    'large': (80, 80, (10, 100), ['ces', 'linear'], (0.4, 8, 3), 'barter_only'),
    'money_demo': (20, 30, (10, 50), ['linear'], (0.2, 5, 1), 'money_only'),
    'mixed_economy': (40, 50, (20, 80), ['ces', 'linear', 'quadratic'], (0.3, 6, 2), 'mixed'),
}
MONEY = {'money_only', 'mixed', 'mixed_liquidity_gated'}

def params_for(kind, lo, hi):
    if kind == 'ces':
        wA = random.uniform(0.3, 0.7)
        rho = random.uniform(-1, 1)
        while 0.8 <= rho <= 1.2:
            rho = random.uniform(-1, 1)
        p = {'rho': rho, 'wA': wA, 'wB': 1 - wA}
    elif kind == 'linear':
        p = {'vA': random.uniform(0.5, 3.0), 'vB': random.uniform(0.5, 3.0)}
    elif kind == 'quadratic':
        a = random.uniform(1.2 * lo, 0.8 * hi)
        b = random.uniform(1.2 * lo, 0.8 * hi)
        p = {'A_star': a, 'B_star': b, 'sigma_A': random.uniform(0.4 * a, 0.8 * a),
             'sigma_B': random.uniform(0.4 * b, 0.8 * b), 'gamma': random.uniform(0, 0.2)}
    elif kind == 'translog':
        p = {'alpha_0': 0.0, 'alpha_A': random.uniform(0.4, 0.6), 'alpha_B': random.uniform(0.4, 0.6),
             'beta_AA': random.uniform(-0.10, -0.02), 'beta_BB': random.uniform(-0.10, -0.02),
             'beta_AB': random.uniform(-0.03, 0.03)}
    else:
        a = random.uniform(0.4, 0.6)
        p = {'alpha_A': a, 'alpha_B': 1 - a, 'gamma_A': 0.0, 'gamma_B': 0.0}
    return {k: round(v, 2) for k, v in p.items()}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('name')
    ap.add_argument('--preset', choices=list(PRESETS))
    ap.add_argument('--agents', type=int)
    ap.add_argument('--grid', type=int)
    ap.add_argument('--inventory-range')
    ap.add_argument('--utilities')
    ap.add_argument('--resources')
    ap.add_argument('--exchange-regime', choices=['barter_only'] + sorted(MONEY))
    ap.add_argument('--seed', type=int)
    ap.add_argument('--output')
    a = ap.parse_args()
    p = PRESETS[a.preset] if a.preset else (None,) * 6
    # The reference tests integers against None (`--agents 0` writes agents: 0) and strings for
    # truth (an empty --utilities, --inventory-range, --resources or --output is "not given").
    agents = a.agents if a.agents is not None else p[0]
    grid = a.grid if a.grid is not None else p[1]
    lo, hi = map(int, a.inventory_range.split(',')) if a.inventory_range else p[2]
    utils = [u.strip() for u in a.utilities.split(',')] if a.utilities else p[3]
    if a.resources:
        d, m, r = a.resources.split(',')
        res = (float(d), int(m), int(r))
    else:
        res = p[4]
    regime = a.exchange_regime or p[5] or 'barter_only'
    random.seed(a.seed)
    inv = {'A': [random.randint(lo, hi) for _ in range(agents)],
           'B': [random.randint(lo, hi) for _ in range(agents)]}
    if regime in MONEY:
        inv['M'] = [random.randint(lo, hi) for _ in range(agents)]
    k = len(utils)
    weights = [round(1 / k, 2)] * (k - 1)
    weights.append(round(1.0 - sum(weights), 2))
    mix = [{'type': u, 'weight': w, 'params': params_for(u, lo, hi)} for u, w in zip(utils, weights)]
    params = {'spread': 0.0, 'vision_radius': 8, 'interaction_radius': 1, 'move_budget_per_tick': 1,
              'dA_max': 5, 'forage_rate': 1, 'trade_cooldown_ticks': 3, 'beta': 0.95, 'epsilon': 1e-12,
              'exchange_regime': regime, 'enable_resource_claiming': True, 'enforce_single_harvester': True,
              'resource_growth_rate': res[2], 'resource_max_amount': res[1], 'resource_regen_cooldown': 5}
    if regime in MONEY:
        params.update({'money_mode': 'quasilinear', 'money_scale': 1, 'lambda_money': 1.0})
    doc = {'schema_version': 1, 'name': a.name, 'N': grid, 'agents': agents, 'initial_inventories': inv,
           'utilities': {'mix': mix}, 'params': params, 'resource_seed': {'density': res[0], 'amount': res[1]}}
    out = a.output or os.path.join('scenarios', a.name + '.yaml')
    if os.path.dirname(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w', encoding='utf-8') as f:
        yaml.dump(doc, f, sort_keys=False, allow_unicode=True, default_flow_style=False)

if __name__ == '__main__':
    main()
