import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../src/ceb/schema/generate';
import { CEB_EXPORT_SCHEMA, CEB_IMPORT_SCHEMA } from '../src/ceb/schema/generated';

const official = join(dirname(fileURLToPath(import.meta.url)), '../src/ceb/schema/official');

describe('the committed CEB schema model', () => {
  it.each([
    ['ceb-import-2022.xsd', CEB_IMPORT_SCHEMA],
    ['ceb-export-2022.xsd', CEB_EXPORT_SCHEMA],
  ])('is what the official %s gives (regenerate with generate.ts after changing an XSD)', (file, model) => {
    const rebuilt = buildSchema(readFileSync(join(official, file), 'utf8'), file);
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('notices a changed facet (the comparison bites)', () => {
    const text = readFileSync(join(official, 'ceb-import-2022.xsd'), 'utf8');
    const altered = text.replace('<xs:length value="36"/>', '<xs:length value="35"/>');
    expect(altered).not.toBe(text);
    const rebuilt = buildSchema(altered, 'ceb-import-2022.xsd');
    expect(JSON.parse(JSON.stringify(rebuilt))).not.toEqual(JSON.parse(JSON.stringify(CEB_IMPORT_SCHEMA)));
  });
});
