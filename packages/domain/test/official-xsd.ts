/**
 * Test support: validates XML with the REAL libxml2 (`xmllint`, Debian package libxml2-utils) against the
 * official 2022-05 CEB XSDs committed in src/ceb/schema/official/. An independent check of what our own
 * validator (validate.ts, driven by the schema generated from the same XSDs) says.
 *
 * Spawns processes and writes temp files, so it lives outside src/ (domain code does no I/O). When
 * xmllint is missing it throws: a test that needs it fails, it never skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaNameOf } from '../src/ceb/message-types';

export const OFFICIAL_XSD_DIR = fileURLToPath(new URL('../src/ceb/schema/official/', import.meta.url));

const XSD_FILE = { import: 'ceb-import-2022.xsd', export: 'ceb-export-2022.xsd' } as const;

/** How long one xmllint run (one schema, many documents) may take before the test fails. */
const XMLLINT_TIMEOUT_MS = 20_000;

export interface XsdVerdict {
  readonly valid: boolean;
  /** xmllint's messages about this document (empty when valid). */
  readonly errors: readonly string[];
}

const MISSING = [
  'xmllint (libxml2) is not installed, so the official-XSD conformance tests cannot run.',
  'Install it: apt-get install -y libxml2-utils   (.ci/run installs it on CI).',
].join('\n');

function rootOf(xml: string): string {
  const root = /<(?:[\w.-]+:)?(CEB\d{3}Message)\b/.exec(xml)?.[1];
  if (!root) throw new Error(`not a CEB message: ${xml.slice(0, 120)}`);
  return root;
}

function run(xsd: string, files: readonly string[]): string {
  const out = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', join(OFFICIAL_XSD_DIR, xsd), ...files],
    {
      encoding: 'utf8',
      timeout: XMLLINT_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (out.error) {
    if ((out.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING);
    throw out.error;
  }
  // 0: all valid; 3: some document failed validation. Anything else (schema unreadable …) is a setup fault.
  if (out.status !== 0 && out.status !== 3) {
    throw new Error(`xmllint exited with ${out.status} on ${xsd}:\n${out.stdout}${out.stderr}`);
  }
  return `${out.stdout}\n${out.stderr}`;
}

/**
 * Validates every document against the official XSD its root element belongs to, with one xmllint run
 * per schema. Verdicts come back in the order of `xmls`.
 */
export function validateWithOfficialXsd(xmls: readonly string[]): XsdVerdict[] {
  const dir = mkdtempSync(join(tmpdir(), 'kouan-xsd-'));
  try {
    const files = xmls.map((xml, i) => {
      const file = join(dir, `doc-${i}.xml`);
      writeFileSync(file, xml);
      const schema = schemaNameOf(rootOf(xml));
      if (!schema) throw new Error(`${rootOf(xml)} is in neither official XSD`);
      return { file, schema };
    });
    const output = new Map<string, string[]>();
    for (const schema of ['import', 'export'] as const) {
      const mine = files.filter((f) => f.schema === schema).map((f) => f.file);
      if (mine.length === 0) continue;
      for (const line of run(XSD_FILE[schema], mine).split('\n')) {
        const file = /^(\S+?\.xml)\b/.exec(line)?.[1];
        if (file) output.set(file, [...(output.get(file) ?? []), line]);
      }
    }
    return files.map(({ file }) => {
      const lines = output.get(file) ?? [];
      const errors = lines.filter((l) => l !== `${file} validates` && l !== `${file} fails to validate`);
      if (lines.includes(`${file} validates`) && errors.length === 0) return { valid: true, errors: [] };
      if (lines.length === 0) throw new Error(`xmllint gave no verdict on ${file}`);
      return {
        valid: false,
        errors: (errors.length > 0 ? errors : lines).map((l) => l.slice(dir.length + 1)),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** xmllint's errors for one document against its official XSD; [] when it validates. */
export function officialXsdErrors(xml: string): readonly string[] {
  const [verdict] = validateWithOfficialXsd([xml]);
  return verdict?.errors ?? ['no verdict'];
}
