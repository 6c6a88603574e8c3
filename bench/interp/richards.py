# A Richards-like operating-system simulation: an idle task, a worker, two packet
# handlers and two devices exchange packets through queues under a priority
# scheduler. Records are lists indexed by global constants, tasks call each other
# through a table of functions. The idle task runs N times.
# argv: WARMUP REPS BUDGET N.
import sys
import time

# Task record fields.
T_ID, T_PRI, T_WAITING, T_HELD, T_QUEUE, T_FN, T_DATA = 0, 1, 2, 3, 4, 5, 6
# Packet fields.
P_DEST, P_KIND, P_COUNT, P_DATA = 0, 1, 2, 3
# Task ids and packet kinds.
IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = 0, 1, 2, 3, 4, 5
WORK, DEVICE = 0, 1


def make_task(ident, priority, fn, data, packets):
    return [ident, priority, False, False, packets, fn, data]


def make_packet(dest, kind):
    return [dest, kind, 0, [0, 0, 0, 0]]


def send(packet, tasks, state):
    """Queues a packet for its destination task (the tasks list is indexed by id)."""
    state["queued"] += 1
    target = tasks[packet[P_DEST]]
    target[T_QUEUE].append(packet)


def release(ident, tasks):
    tasks[ident][T_HELD] = False


def idle_fn(task, packet, tasks, state):
    data = task[T_DATA]
    data[0] -= 1
    if data[0] == 0:
        task[T_HELD] = True
        return
    seed = data[1]
    if seed & 1 == 0:
        data[1] = seed >> 1
        release(DEVICE_A, tasks)
    else:
        data[1] = (seed >> 1) ^ 0xD008
        release(DEVICE_B, tasks)


def worker_fn(task, packet, tasks, state):
    if packet is None:
        task[T_WAITING] = True
        return
    data = task[T_DATA]
    data[0] = HANDLER_B if data[0] == HANDLER_A else HANDLER_A
    packet[P_DEST] = data[0]
    packet[P_COUNT] = 0
    payload = packet[P_DATA]
    for i in range(4):
        data[1] += 1
        if data[1] > 26:
            data[1] = 1
        payload[i] = data[1]
    send(packet, tasks, state)


def handler_fn(task, packet, tasks, state):
    work, devices = task[T_DATA]
    if packet is not None:
        if packet[P_KIND] == WORK:
            work.append(packet)
        else:
            devices.append(packet)
    if not work:
        task[T_WAITING] = True
        return
    w = work[0]
    count = w[P_COUNT]
    if count >= 4:
        work.pop(0)
        w[P_DEST] = WORKER
        send(w, tasks, state)
        return
    if not devices:
        task[T_WAITING] = True
        return
    d = devices.pop(0)
    d[P_DEST] = DEVICE_A if task[T_ID] == HANDLER_A else DEVICE_B
    d[P_COUNT] = w[P_DATA][count]
    w[P_COUNT] = count + 1
    send(d, tasks, state)


def device_fn(task, packet, tasks, state):
    data = task[T_DATA]
    if packet is None:
        pending = data[1]
        if pending is None:
            task[T_WAITING] = True
            return
        data[1] = None
        pending[P_DEST] = data[0]
        state["checksum"] = (state["checksum"] * 31 + pending[P_COUNT]) % 1000003
        send(pending, tasks, state)
        return
    data[1] = packet
    task[T_HELD] = True
    state["holds"] += 1


def richards(n):
    state = {"queued": 0, "holds": 0, "checksum": 0}
    tasks = [
        make_task(IDLE, 0, idle_fn, [n, 1], []),
        make_task(WORKER, 1000, worker_fn, [HANDLER_A, 0], [make_packet(WORKER, WORK), make_packet(WORKER, WORK)]),
        make_task(HANDLER_A, 2000, handler_fn, [[], []], [make_packet(HANDLER_A, DEVICE) for i in range(3)]),
        make_task(HANDLER_B, 3000, handler_fn, [[], []], [make_packet(HANDLER_B, DEVICE) for i in range(3)]),
        make_task(DEVICE_A, 4000, device_fn, [HANDLER_A, None], []),
        make_task(DEVICE_B, 5000, device_fn, [HANDLER_B, None], []),
    ]
    by_priority = sorted(tasks, key=lambda t: -t[T_PRI])
    steps = 0
    while True:
        chosen = None
        for t in by_priority:
            if not t[T_HELD] and (t[T_QUEUE] or not t[T_WAITING]):
                chosen = t
                break
        if chosen is None:
            break
        packet = None
        if chosen[T_QUEUE]:
            packet = chosen[T_QUEUE].pop(0)
            chosen[T_WAITING] = False
        chosen[T_FN](chosen, packet, tasks, state)
        steps += 1
    return steps * 1000000 + state["queued"] * 10 + state["holds"] + state["checksum"]


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = richards(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
