// Prints the gzipped size of the JavaScript the login page loads (the entry chunk and every chunk it
// imports statically, from Vite's manifest) and fails when it is over the budget. Lazy route chunks
// are listed too, largest first, so a heavy library that slipped into the entry is easy to spot.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 400;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const gzKb = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

const initialKb = [...initial].reduce((sum, file) => sum + gzKb(file), 0);
const lazy = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js') && !initial.has(chunk.file))
  .map((chunk) => ({ file: chunk.file, kb: gzKb(chunk.file) }))
  .sort((a, b) => b.kb - a.kb);

console.log(
  `\nLogin page JavaScript (entry + static imports, gzip -9): ${initialKb.toFixed(1)} KB (budget ${BUDGET_KB} KB)`,
);
for (const file of initial) console.log(`  ${file.padEnd(48)} ${gzKb(file).toFixed(1).padStart(8)} KB`);
console.log(
  `Loaded on demand (${lazy.length} chunks, ${lazy.reduce((s, c) => s + c.kb, 0).toFixed(1)} KB in all); largest:`,
);
for (const chunk of lazy.slice(0, 8))
  console.log(`  ${chunk.file.padEnd(48)} ${chunk.kb.toFixed(1).padStart(8)} KB`);
if (initialKb > BUDGET_KB) {
  console.error(
    `FAIL: the login page loads ${initialKb.toFixed(1)} KB of gzipped JavaScript, over ${BUDGET_KB} KB`,
  );
  process.exit(1);
}
