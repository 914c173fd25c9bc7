// Prints the plain closing line `N passed, N failed[, N skipped]` after Vitest's own summary,
// so any CI reader can count the tests without parsing Vitest's output.
import type { Reporter, File, Task } from 'vitest';

function count(tasks: readonly Task[], totals: { passed: number; failed: number; skipped: number }): void {
  for (const task of tasks) {
    if (task.type === 'suite') {
      count(task.tasks, totals);
      continue;
    }
    const state = task.result?.state;
    if (state === 'pass') totals.passed += 1;
    else if (state === 'fail') totals.failed += 1;
    else totals.skipped += 1;
  }
}

export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = [], errors: unknown[] = []): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for (const file of files) {
      // A file that failed to load has no tasks but a failed result: count it as a failure.
      if (file.tasks.length === 0 && file.result?.state === 'fail') totals.failed += 1;
      count(file.tasks, totals);
    }
    totals.failed += errors.length;
    const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
    process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
  }
}
