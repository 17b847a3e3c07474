#!/usr/bin/python3
"""Generate the synthetic IV panel used by the golden tests (ivpanel.csv).

60 units x 10 years; unit and year fixed effects; two exogenous regressors,
three excluded instruments and two endogenous regressors whose first-stage
errors are correlated with the structural error; heteroskedastic errors with
a unit-level random effect (so clustering matters). Units belong to 12
regions (unit nested in region); `cl` is a cluster variable drawn per row,
not nested in any fixed effect. Run: /usr/bin/python3 gen_data.py
"""
import numpy as np

rng = np.random.default_rng(20261201)
G, T = 60, 10
n = G * T
unit = np.repeat(np.arange(1, G + 1), T)
year = np.tile(np.arange(2001, 2001 + T), G)
region = (unit - 1) // 5 + 1
cl = rng.integers(1, 26, size=n)

a_i = rng.normal(0, 1, G)[unit - 1]
g_t = rng.normal(0, 0.5, T)[year - 2001]
x1 = rng.normal(0, 1, n) + 0.3 * a_i
x2 = rng.normal(0, 1, n) + 0.2 * g_t
z1 = rng.normal(0, 1, n) + 0.2 * a_i
z2 = rng.normal(0, 1, n)
z3 = rng.uniform(-1, 1, n) + 0.1 * g_t
common = rng.normal(0, 1, n)
v1 = 0.6 * common + rng.normal(0, 0.8, n)
v2 = 0.5 * common + rng.normal(0, 0.8, n)
d1 = 0.7 * z1 + 0.4 * z2 + 0.2 * z3 + 0.3 * x1 + a_i + g_t + v1
d2 = 0.2 * z1 - 0.5 * z2 + 0.6 * z3 + 0.2 * x2 + 0.5 * a_i + v2
u_re = rng.normal(0, 0.7, G)[unit - 1]
u = (0.8 * common + u_re + rng.normal(0, 1, n)) * (1 + 0.5 * np.abs(x1))
y = 1.0 + 0.5 * d1 - 0.8 * d2 + 0.7 * x1 - 0.3 * x2 + 2 * a_i + g_t + u

with open("ivpanel.csv", "w") as f:
    f.write("unit,year,region,cl,y,d1,d2,x1,x2,z1,z2,z3\n")
    for i in range(n):
        f.write("%d,%d,%d,%d,%s\n" % (unit[i], year[i], region[i], cl[i], ",".join(
            repr(float(v)) for v in (y[i], d1[i], d2[i], x1[i], x2[i], z1[i], z2[i], z3[i]))))
