# The n-body simulation of the Sun and the four giant planets (float arithmetic on
# lists, tuple unpacking, nested loops over pairs): advance N steps, report the energy.
# argv: WARMUP REPS BUDGET N.
import sys
import time

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def make_system():
    # [position, velocity, mass] per body; velocities in AU per year.
    sun = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], SOLAR_MASS]
    jupiter = [[4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01],
               [1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
                -6.90460016972063023e-05 * DAYS_PER_YEAR],
               9.54791938424326609e-04 * SOLAR_MASS]
    saturn = [[8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01],
              [-2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
               2.30417297573763929e-05 * DAYS_PER_YEAR],
              2.85885980666130812e-04 * SOLAR_MASS]
    uranus = [[1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01],
              [2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
               -2.96589568540237556e-05 * DAYS_PER_YEAR],
              4.36624404335156298e-05 * SOLAR_MASS]
    neptune = [[1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01],
               [2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
                -9.51592254519715870e-05 * DAYS_PER_YEAR],
               5.15138902046611451e-05 * SOLAR_MASS]
    bodies = [sun, jupiter, saturn, uranus, neptune]
    # Give the Sun the momentum that makes the system's total zero.
    px = py = pz = 0.0
    for pos, vel, mass in bodies:
        px += vel[0] * mass
        py += vel[1] * mass
        pz += vel[2] * mass
    sun[1][0] = -px / SOLAR_MASS
    sun[1][1] = -py / SOLAR_MASS
    sun[1][2] = -pz / SOLAR_MASS
    return bodies


def pairs_of(bodies):
    out = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            out.append((bodies[i], bodies[j]))
    return out


def advance(bodies, pairs, dt, steps):
    for step in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for pos, vel, mass in bodies:
            pos[0] += dt * vel[0]
            pos[1] += dt * vel[1]
            pos[2] += dt * vel[2]


def energy(bodies, pairs):
    e = 0.0
    for (p1, v1, m1), (p2, v2, m2) in pairs:
        dx = p1[0] - p2[0]
        dy = p1[1] - p2[1]
        dz = p1[2] - p2[2]
        e -= m1 * m2 / (dx * dx + dy * dy + dz * dz) ** 0.5
    for pos, vel, mass in bodies:
        e += 0.5 * mass * (vel[0] * vel[0] + vel[1] * vel[1] + vel[2] * vel[2])
    return e


def nbody(steps):
    bodies = make_system()
    pairs = pairs_of(bodies)
    advance(bodies, pairs, 0.01, steps)
    return energy(bodies, pairs)


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = nbody(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
