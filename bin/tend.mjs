#!/usr/bin/env node
// Starts the TypeScript CLI with no build step, so `npx tend` works right after `npm install`.
// In order of preference: a built copy in dist/; a bundle of src/ cached under
// node_modules/.cache (made by esbuild in a fraction of a second whenever a source file is
// newer, and half a second faster to start than compiling module by module); tsx, when the
// bundle cannot be made or TEND_FROM_SOURCE is set.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
const source = join(root, 'src', 'cli', 'main.ts');

/** Newest modification time and number of the TypeScript files under dir. */
function sourceStamp(dir) {
  let newest = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = sourceStamp(path);
      newest = Math.max(newest, sub.newest);
      files += sub.files;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
      files++;
    }
  }
  return { newest, files };
}

/** The cached bundle for the current sources, built if missing; null when it cannot be made. */
async function bundle() {
  const cache = join(root, 'node_modules', '.cache', 'tend-cli');
  const { newest, files } = sourceStamp(join(root, 'src'));
  const stamp = `${Math.floor(newest)}-${files}`;
  const main = join(cache, stamp, 'main.mjs');
  if (existsSync(main)) return main;
  try {
    const { build } = await import('esbuild');
    const tmp = join(cache, `${stamp}.tmp-${process.pid}`);
    await build({
      entryPoints: [source], outdir: tmp, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
      packages: 'external', outExtension: { '.js': '.mjs' }, sourcemap: 'inline', logLevel: 'silent',
    });
    try {
      renameSync(tmp, join(cache, stamp));
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process built the same sources first
    }
    for (const old of readdirSync(cache)) {
      if (old !== stamp && !old.includes('.tmp-')) rmSync(join(cache, old), { recursive: true, force: true });
    }
    return existsSync(main) ? main : null;
  } catch {
    return null;
  }
}

if (existsSync(built) && !process.env.TEND_FROM_SOURCE) {
  await import(pathToFileURL(built).href);
} else {
  const bundled = process.env.TEND_FROM_SOURCE ? null : await bundle();
  if (bundled) {
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(bundled).href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(source).href);
  }
}
