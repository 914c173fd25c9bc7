// Once per test run, before any worker starts: build the console if its sources are newer than
// web/dist, so browser test files running in parallel never build it concurrently.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, [join(root, 'bin', 'build-web-if-needed.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('building the console failed (see above)');
}
