#!/usr/bin/env node
// Before `npm start`: build the console once (web/dist), so a fresh clone needs no extra step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');
if (!existsSync(join(web, 'vite.config.ts'))) process.exit(0);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// The console also imports shared code from src/ (rule fields, export columns): count it too.
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(web), newest(join(root, 'src')))) process.exit(0);
console.error('building the console (once)...');
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
