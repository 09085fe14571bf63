"""The sleepers workload in Python asyncio: n tasks that each await asyncio.sleep(seconds), gathered.

Usage: python3 sleepers.py <n> <millis>. Prints the same RESULT line as the JVM peers. Python has no
heap figure comparable to a JVM's live heap after GC, so bytes_per_task is the growth of the resident
set while all tasks sleep (after gc.collect()), divided by n.
"""
import asyncio
import gc
import sys
import time


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return -1


async def sleeper(seconds):
    await asyncio.sleep(seconds)


async def main(n, seconds):
    gc.collect()
    before = status_kib("VmRSS:")
    tasks = [asyncio.create_task(sleeper(seconds)) for _ in range(n)]
    everyone = asyncio.gather(*tasks)
    await asyncio.sleep(0)  # every task runs up to its sleep; none can wake before we are back
    gc.collect()
    during = status_kib("VmRSS:")
    sleeping = sum(1 for t in tasks if not t.done())
    await everyone
    return (during - before) * 1024 / n, sleeping


def run():
    n = int(sys.argv[1])
    millis = int(sys.argv[2])
    start = time.perf_counter()
    per_task, sleeping = asyncio.run(main(n, millis / 1000))
    wall_ms = int((time.perf_counter() - start) * 1000)
    print(f"RESULT tasks={n} wall_ms={wall_ms} bytes_per_task={per_task:.1f} "
          f"peak_rss_kib={status_kib('VmHWM:')} sleeping_at_measure={sleeping}")


if __name__ == "__main__":
    run()
