import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function importStatements(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import type|import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => ({
    spec: m[2]!,
    typeOnly: m[1] === 'import type',
  }));
}

function imports(file: string): string[] {
  return importStatements(file).map((i) => i.spec);
}

describe('the import graph keeps the layering', () => {
  it('packages/domain imports nothing that does I/O and never reads the environment', () => {
    const forbidden =
      /^(node:(fs|net|http|https|child_process|dgram|dns|worker_threads)|fs|pg|kysely|fastify|@electric-sql\/.*)$/;
    const offenders: string[] = [];
    for (const file of sources(path.join(root, 'packages/domain/src'))) {
      // The build-time generator that lives beside the schema it writes, not domain code.
      if (/[\\/]schema[\\/]generate\.ts$/.test(file)) continue;
      for (const spec of imports(file))
        if (forbidden.test(spec)) offenders.push(`${path.relative(root, file)} → ${spec}`);
      if (/process\.env/.test(readFileSync(file, 'utf8')))
        offenders.push(`${path.relative(root, file)} reads process.env`);
    }
    expect(offenders).toEqual([]);
  });

  it('only config/ reads process.env, and only repositories and db/ use the database driver', () => {
    const offenders: string[] = [];
    const serverSrc = path.join(root, 'apps/server/src');
    for (const file of sources(serverSrc)) {
      const rel = path.relative(serverSrc, file);
      const text = readFileSync(file, 'utf8');
      const entry = /-cli\.ts$/.test(rel) || rel === 'main.ts';
      if (/process\.env/.test(text) && !rel.startsWith('config') && !entry)
        offenders.push(`${rel} reads process.env`);
      const usesDriver = imports(file).some((s) => s === 'pg' || s.startsWith('@electric-sql/'));
      if (usesDriver && !rel.startsWith('db')) offenders.push(`${rel} uses the database driver`);
      const usesSql =
        /from 'kysely'/.test(text) && /\bsql`|\.selectFrom\(|\.insertInto\(|\.updateTable\(/.test(text);
      if (usesSql && !rel.endsWith('.repository.ts') && !rel.startsWith('db'))
        offenders.push(`${rel} contains SQL`);
    }
    expect(offenders).toEqual([]);
  });

  it('a feature uses another feature only through its index.ts, never its repository', () => {
    const offenders: string[] = [];
    const featuresDir = path.join(root, 'apps/server/src/features');
    for (const file of sources(featuresDir)) {
      const own = path.relative(featuresDir, file).split(path.sep)[0];
      for (const { spec, typeOnly } of importStatements(file)) {
        const m = /^\.\.\/([a-z-]+)(\/.*)?$/.exec(spec);
        if (!m || m[1] === own || m[1] === '..') continue;
        const sub = m[2] ?? '';
        // Another feature's index, or only the types of its repository (e.g. in a deps signature).
        const allowed = sub === '' || sub === '/index' || (sub.endsWith('.repository') && typeOnly);
        if (!allowed) offenders.push(`${path.relative(featuresDir, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
