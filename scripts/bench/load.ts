/**
 * Closed-loop load: N workers, each sending its next request as soon as the previous answer was read
 * in full. A scenario warms up, then measures for a fixed time; throughput counts the successful
 * answers completed inside the window, latencies are those of the requests started inside it.
 */
export type Outcome = { ok: true } | { ok: false; reason: string; retryAfterMs?: number };
/** The next request of a worker, or null when there is nothing left to send (e.g. no fresh user). */
export type NextJob = () => (() => Promise<Outcome>) | null;

type Sample = { start: number; end: number; ok: boolean; reason?: string };

export type Stats = {
  /** Successful answers per second inside the window. */
  throughput: number;
  median: number;
  p95: number;
  /** Requests started inside the window, successful ones, and failures by reason. */
  requests: number;
  ok: number;
  errors: Record<string, number>;
  seconds: number;
  /** Every answer of the run, warm-up included (to share out CPU time measured over the whole run). */
  total: number;
  /** The measured window, in performance.now() milliseconds. */
  window: [number, number];
  /** Set when the scenario ran out of jobs before the window ended. */
  shortBy?: number;
};

export type Running = { stop: () => Promise<Sample[]>; samples: Sample[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `concurrency` workers that run until stop() (or until `next` has no more jobs). */
export function startWorkers(
  concurrency: number,
  next: NextJob,
): Running & { exhaustedAt: () => number | null; startedSince: (time: number) => number } {
  const samples: Sample[] = [];
  const starts: number[] = [];
  let stopping = false;
  let exhaustedAt: number | null = null;
  const worker = async () => {
    while (!stopping) {
      const job = next();
      if (!job) {
        exhaustedAt ??= performance.now();
        return;
      }
      const start = performance.now();
      starts.push(start);
      let outcome: Outcome;
      try {
        outcome = await job();
      } catch (error) {
        outcome = { ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
      }
      samples.push({ start, end: performance.now(), ok: outcome.ok, reason: outcome.ok ? undefined : outcome.reason });
      // A user told "busy, retry in N s" waits before trying again (capped, to keep the pressure on).
      if (!outcome.ok && outcome.retryAfterMs) await sleep(Math.min(outcome.retryAfterMs, 2_000));
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    samples,
    exhaustedAt: () => exhaustedAt,
    startedSince(time) {
      // Starts are pushed in time order: count back from the newest.
      let count = 0;
      while (count < starts.length && starts[starts.length - 1 - count] >= time) count++;
      return count;
    },
    async stop() {
      stopping = true;
      await done;
      return samples;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(samples: Sample[], from: number, to: number): Stats {
  const started = samples.filter((s) => s.start >= from && s.start < to);
  const latencies = started
    .filter((s) => s.ok)
    .map((s) => s.end - s.start)
    .sort((a, b) => a - b);
  const completed = samples.filter((s) => s.ok && s.end >= from && s.end < to).length;
  const errors: Record<string, number> = {};
  for (const s of started) if (!s.ok) errors[s.reason ?? '?'] = (errors[s.reason ?? '?'] ?? 0) + 1;
  const seconds = (to - from) / 1000;
  return {
    throughput: completed / seconds,
    median: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    requests: started.length,
    ok: latencies.length,
    errors,
    seconds,
    total: samples.length,
    window: [from, to],
  };
}

/**
 * Warm-up, then a measured window; stops the workers at its end and summarises the window. When
 * answers are slow the window grows (up to 3×, at least 30 s) until at least two requests per worker started in it.
 */
export async function runScenario(input: {
  concurrency: number;
  next: NextJob;
  warmupMs: number;
  measureMs: number;
}): Promise<Stats> {
  const begin = performance.now();
  const from = begin + input.warmupMs;
  const until = from + input.measureMs;
  const running = startWorkers(input.concurrency, input.next);
  let now = performance.now();
  const latest = from + Math.max(3 * input.measureMs, 30_000);
  while (running.exhaustedAt() === null && now < latest) {
    if (now >= until && running.startedSince(from) >= 2 * input.concurrency) break;
    await sleep(50);
    now = performance.now();
  }
  const to = Math.min(now, running.exhaustedAt() ?? now);
  const samples = await running.stop();
  if (to <= from) throw new Error('The scenario ran out of users during its warm-up: seed more (BENCH_USERS).');
  const stats = summarize(samples, from, to);
  return to < until ? { ...stats, shortBy: (until - to) / 1000 } : stats;
}
