// `npm run bench`: runs every benchmark in bench/ (bench/*.ts, through tsx) one after another.
// Each prints its own figures beside a baseline measured in the same run; none fails on timing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
let files = [];
try {
  files = readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.ts') && (!only || f.startsWith(only))).sort();
} catch { /* no bench folder yet */ }
if (files.length === 0) {
  console.log('No benchmarks yet.');
  process.exit(0);
}
let failed = 0;
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const { status } = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join('bench', file)], { cwd: root, stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
