#!/usr/bin/env python3
"""Exact results for the NIST StRD data sets Manyi generates from their published construction.

NumAcc2-4 and SmLs01-09 are not copied into the repository: the tests build them from NIST's
definition (see SOURCES). Their certified values are exact decimals, but the data themselves are not
exactly representable in binary64 (e.g. 1000000000000.4), which bounds the digits any double-precision
program can reach. This script computes, in exact rational arithmetic, the statistics of the data *as
parsed into binary64*; the tests compare with these to 1e-12 (algorithm accuracy) and with the
certified values to the digits the input representation allows. Run: python3 constructed_exact.py
"""
from fractions import Fraction as F


def numacc(prefix):
    vals = [prefix + ".2"] + [prefix + d for _ in range(500) for d in (".1", ".3")]
    return [F(float(v)) for v in vals]


def smls(prefix, reps):
    groups = []
    for g in range(1, 10):
        c = 4 if g == 1 else (3 if g % 2 == 0 else 5)
        vals = [f"{prefix}.{c}"] + [f"{prefix}.{d}" for _ in range((reps - 1) // 2) for d in (c - 1, c + 1)]
        groups.append([F(float(v)) for v in vals])
    return groups


def sd(x):
    n = len(x)
    m = sum(x) / n
    return m, sum((v - m) ** 2 for v in x) / (n - 1)


def anova(groups):
    allv = [v for g in groups for v in g]
    n = len(allv)
    m = sum(allv) / n
    ssb = sum(len(g) * (sum(g) / len(g) - m) ** 2 for g in groups)
    ssw = sum((v - sum(g) / len(g)) ** 2 for g in groups for v in g)
    k = len(groups)
    msb = ssb / (k - 1)
    msw = ssw / (n - k)
    return ssb, ssw, msb / msw, ssb / (ssb + ssw), msw


for name, prefix in (("NumAcc2", "1"), ("NumAcc3", "1000000"), ("NumAcc4", "10000000")):
    m, var = sd(numacc(prefix))
    print(f"{name}: mean {float(m)!r} var {float(var)!r}")
for i, (prefix, reps) in enumerate([(p, r) for p in ("1", "1000000", "1000000000000") for r in (21, 201, 2001)], 1):
    ssb, ssw, f, r2, msw = anova(smls(prefix, reps))
    print(f"SmLs{i:02d}: ssb {float(ssb)!r} ssw {float(ssw)!r} F {float(f)!r} R2 {float(r2)!r} msw {float(msw)!r}")
