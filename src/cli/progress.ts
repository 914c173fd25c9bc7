// A progress bar on a terminal (stderr), silent otherwise, so piped output stays clean.
import cliProgress from 'cli-progress';

export interface Progress {
  update(label: string, percent: number): void;
  stop(): void;
}

export function progressBar(enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: '{label} [{bar}] {percentage}%', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(label, percent) {
      if (!started) {
        bar.start(100, 0, { label: label.padEnd(10) });
        started = true;
      }
      bar.update(Math.round(percent), { label: label.padEnd(10) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
