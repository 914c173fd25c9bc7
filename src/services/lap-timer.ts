// Seconds spent in each named step of a long command, for `--json` summaries and benchmarks.
export interface LapTimer {
  /** Closes the current step under `name` and starts the next one. */
  lap(name: string): void;
  readonly timings: Readonly<Record<string, number>>;
}

export function lapTimer(): LapTimer {
  const timings: Record<string, number> = {};
  let t = performance.now();
  return {
    lap(name) {
      const now = performance.now();
      timings[name] = Math.round(now - t) / 1000 + (timings[name] ?? 0);
      t = now;
    },
    timings,
  };
}
