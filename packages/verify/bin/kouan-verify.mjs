#!/usr/bin/env node
// Launcher: lets Node run the TypeScript sources through tsx, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
