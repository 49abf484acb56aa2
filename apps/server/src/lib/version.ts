import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The software version recorded with every evidence entry. */
export const SOFTWARE_VERSION = `kouan-server/${pkg.version}`;
