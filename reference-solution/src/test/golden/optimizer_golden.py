#!/usr/bin/env python3
"""Regenerates the golden numbers of ReferenceOptimizerTests from the Keras 3 update formulas.

Written from the formulas in the optimizers' javadoc, not from the Java code; plain Python floats, one parameter at
a time, printing every intermediate state so the test comments can show the arithmetic. Run: python3 optimizer_golden.py
"""
import math

THETA0 = [1.0, -2.0]
GRADS = [[0.5, -1.0], [0.2, 0.0], [-0.3, 1.5]]


def sgd(lr, mu=0.0, nesterov=False):
    v = 0.0
    def step(theta, g):
        nonlocal v
        if mu == 0:
            return theta - lr * g, ""
        v = mu * v - lr * g
        return (theta + mu * v - lr * g if nesterov else theta + v), f"v={v!r}"
    return step


def rmsprop(lr, rho, mu, eps):
    s, m = 0.0, 0.0
    def step(theta, g):
        nonlocal s, m
        s = rho * s + (1 - rho) * g * g
        delta = lr * g / math.sqrt(s + eps)
        if mu > 0:
            m = mu * m + delta
            return theta - m, f"s={s!r} delta={delta!r} m={m!r}"
        return theta - delta, f"s={s!r} delta={delta!r}"
    return step


def adagrad(lr, a0, eps):
    a = a0
    def step(theta, g):
        nonlocal a
        a = a + g * g
        return theta - lr * g / math.sqrt(a + eps), f"a={a!r}"
    return step


def adadelta(lr, rho, eps):
    eg, ed = 0.0, 0.0
    def step(theta, g):
        nonlocal eg, ed
        eg = rho * eg + (1 - rho) * g * g
        delta = -math.sqrt(ed + eps) / math.sqrt(eg + eps) * g
        ed = rho * ed + (1 - rho) * delta * delta
        return theta + lr * delta, f"Eg2={eg!r} delta={delta!r} Ed2={ed!r}"
    return step


def adam(lr, b1, b2, eps):
    m, v, t = 0.0, 0.0, 0
    def step(theta, g):
        nonlocal m, v, t
        t += 1
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat = m / (1 - b1 ** t)
        vhat = v / (1 - b2 ** t)
        # Keras folds the bias corrections into the step size and keeps eps outside the root:
        # alpha*m/(sqrt(v)+eps) with alpha = lr*sqrt(1-b2^t)/(1-b1^t).
        alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return theta - alpha * m / (math.sqrt(v) + eps), f"t={t} m={m!r} v={v!r} mhat={mhat!r} vhat={vhat!r}"
    return step


CONFIGS = {
    "Sgd(0.1)": lambda: sgd(0.1),
    "Sgd(0.1, 0.9, false)": lambda: sgd(0.1, 0.9),
    "Sgd(0.1, 0.9, true)": lambda: sgd(0.1, 0.9, True),
    "RmsProp(0.01, 0.9, 0.0, 1e-7)": lambda: rmsprop(0.01, 0.9, 0.0, 1e-7),
    "RmsProp(0.01, 0.9, 0.5, 1e-7)": lambda: rmsprop(0.01, 0.9, 0.5, 1e-7),
    "Adagrad(0.1, 0.1, 1e-7)": lambda: adagrad(0.1, 0.1, 1e-7),
    "Adadelta(1.0, 0.95, 1e-7)": lambda: adadelta(1.0, 0.95, 1e-7),
    "Adam(0.01, 0.9, 0.999, 1e-7)": lambda: adam(0.01, 0.9, 0.999, 1e-7),
    # Keras 3 defaults
    "Sgd()": lambda: sgd(0.01),
    "RmsProp()": lambda: rmsprop(0.001, 0.9, 0.0, 1e-7),
    "Adagrad()": lambda: adagrad(0.001, 0.1, 1e-7),
    "Adadelta()": lambda: adadelta(0.001, 0.95, 1e-7),
    "Adam()": lambda: adam(0.001, 0.9, 0.999, 1e-7),
}

for name, make in CONFIGS.items():
    print(name)
    steps = [make() for _ in THETA0]
    theta = list(THETA0)
    for k, g in enumerate(GRADS, 1):
        notes = []
        for i in range(len(theta)):
            theta[i], note = steps[i](theta[i], g[i])
            notes.append(note)
        print(f"  after step {k}: {theta!r}")
        for i, note in enumerate(notes):
            if note:
                print(f"      [{i}] {note}")
