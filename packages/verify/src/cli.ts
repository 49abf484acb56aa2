/**
 * kouan-verify: checks Kouan evidence offline, with nothing but the files and the log's public key.
 *
 *   kouan-verify <package.json> [--public-key <key | file>]...
 *   kouan-verify consistency <old-checkpoint.txt> <new-checkpoint.txt> --proof <proof.json> --public-key <key | file>...
 *
 * --public-key may be given more than once (the current key and retired ones, after a key
 * rotation): each checkpoint verifies if signed by any of them, and the report names which.
 *
 * Exit status: 0 every check passed; 1 not verified (a check failed, or a file's content is not
 * what it should be); 2 usage error (bad arguments, a file that cannot be read); 3 self-consistent
 * only (every check passed, but against the key the package carries, not one given independently:
 * a forger can sign with a key of their own and embed it, so this is never "verified").
 *
 * Everything the files say is hostile until verified, and is printed through escapeForTerminal so
 * that no value can add a line, move the cursor or hide what follows.
 */
import { realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type VerificationReport,
  verifyCheckpointConsistency,
  verifyEvidencePackage,
} from '@kouan/domain/evidence';

export const EXIT_VERIFIED = 0;
export const EXIT_NOT_VERIFIED = 1;
export const EXIT_USAGE = 2;
export const EXIT_SELF_CONSISTENT_ONLY = 3;
/** Packages may carry the document itself. */
export const MAX_PACKAGE_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;

export const USAGE = `Usage:
  kouan-verify <package.json> [--public-key <verifier key | file containing it>]...
  kouan-verify consistency <old-checkpoint.txt> <new-checkpoint.txt> --proof <proof.json> --public-key <key | file>...

Verifies a Kouan evidence package (leaf hash, entry metadata, document hash, inclusion proof,
checkpoint signature), or that a newer signed checkpoint extends an older one.
Obtain the log's public key (<name>+<key id>+<base64 key>) from Kouan independently of the package.
Give --public-key more than once to accept any of several keys (the current key and retired ones
after a key rotation); the output names the key that signed each checkpoint.

Exit status: 0 verified, 1 not verified, 2 usage error, 3 self-consistent only (no --public-key:
the checks passed against the key inside the package, which proves nothing about who signed it).`;

export type CliOutput = { write(text: string): unknown };
export type CliIo = { stdout: CliOutput; stderr: CliOutput };
/** A verifier key and where it came from. */
type GivenKey = { key: string; source: string };

class UsageError extends Error {}
class InputError extends Error {}

const KEY_SHAPE = /^[^+\s]+\+[0-9a-fA-F]{8}\+\S+$/;
const SYMBOLS = { passed: '✓', failed: '✗', skipped: '-' } as const;
const SHORT_ESCAPES: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' };

/**
 * Characters a terminal acts on rather than shows: C0 controls (newline, ESC), DEL, C1 controls
 * (U+009B is a one-character CSI), line and paragraph separators, and the bidirectional formatting
 * characters that reorder what is shown (CVE-2021-42574).
 */
function actsOnTerminal(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function isLoneSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = i > 0 ? text.charCodeAt(i - 1) : Number.NaN;
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/**
 * Text from outside (a package, a file, an argument) made safe to print on one line: every
 * character of actsOnTerminal, and lone surrogates, written as a JSON escape (\n, \u001b).
 */
export function escapeForTerminal(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (actsOnTerminal(code) || isLoneSurrogate(text, i)) {
      out += SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += text[i];
  }
  return out;
}

/** Writes one line whose text may hold values from outside, escaped. */
function writeLine(output: CliOutput, text: string): void {
  output.write(`${escapeForTerminal(text)}\n`);
}

async function readText(path: string, limitBytes: number, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${what} ${path} is not a file`);
    if (info.size > limitBytes) throw new UsageError(`${what} ${path} is larger than ${limitBytes} bytes`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  // Invalid UTF-8 is refused, as Go's note.Open does, rather than read as U+FFFD.
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${what} ${path} is not valid UTF-8`);
  }
}

async function readJson(path: string, limitBytes: number, what: string): Promise<unknown> {
  const text = await readText(path, limitBytes, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The argument is a verifier key if it has a key's shape (a malformed key is then reported by the
 * signature check), otherwise the path of a file holding one.
 */
async function resolveKey(argument: string): Promise<GivenKey> {
  if (KEY_SHAPE.test(argument)) return { key: argument, source: '--public-key' };
  const key = (await readText(argument, MAX_SMALL_FILE_BYTES, 'public key file')).trim();
  if (key === '' || /\s/.test(key)) throw new InputError(`${argument} does not hold a single verifier key`);
  return { key, source: argument };
}

function printKeys(keys: readonly GivenKey[], io: CliIo): void {
  for (const { key, source } of keys) writeLine(io.stdout, `Public key ${key} (from ${source})`);
  io.stdout.write('\n');
}

function printReport(report: VerificationReport, io: CliIo, keyIndependent = true): number {
  for (const check of report.checks) {
    const status = check.status === 'skipped' ? 'skipped: ' : '';
    writeLine(io.stdout, `${SYMBOLS[check.status]} ${check.title}: ${status}${check.detail}`);
  }
  for (const warning of report.warnings) writeLine(io.stdout, `! ${warning}`);
  if (report.ok && !keyIndependent) {
    io.stdout.write(
      '\nNOT VERIFIED: SELF-CONSISTENT ONLY / 未验证：仅自洽（公钥取自证据包本身）\n' +
        "Every check passed against the key the package carries. Run again with the log's published key\n" +
        '(--public-key) to verify who signed it.\n',
    );
    return EXIT_SELF_CONSISTENT_ONLY;
  }
  if (report.ok) {
    io.stdout.write('\nVERIFIED / 验证通过\n');
    return EXIT_VERIFIED;
  }
  io.stdout.write('\nNOT VERIFIED / 验证未通过\n');
  for (const check of report.checks.filter((c) => c.status === 'failed')) {
    writeLine(io.stderr, `kouan-verify: ${check.title} failed: ${check.detail}`);
  }
  return EXIT_NOT_VERIFIED;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** What the package says it is, unverified: only string values, each escaped when printed. */
function describeEntry(pkg: Record<string, unknown>): string | undefined {
  const { entry } = pkg;
  if (!isRecord(entry) || !isRecord(entry.metadata)) return undefined;
  const said = (value: unknown) => (typeof value === 'string' ? value : '?');
  const { kind, subjectType, subjectId, time, actor } = entry.metadata;
  const index = typeof entry.index === 'number' ? String(entry.index) : '?';
  return `entry #${index}: ${said(kind)} on ${said(subjectType)} ${said(subjectId)} at ${said(time)} by ${said(actor)}`;
}

async function verifyPackageCommand(
  path: string,
  keyArguments: readonly string[],
  io: CliIo,
): Promise<number> {
  const pkg = await readJson(path, MAX_PACKAGE_FILE_BYTES, 'package');
  const keys: GivenKey[] = [];
  for (const argument of keyArguments) keys.push(await resolveKey(argument));
  if (!isRecord(pkg)) {
    throw new InputError(`package ${path} is ${jsonKind(pkg)}, not a JSON object (an evidence package)`);
  }
  if (keys.length === 0) {
    const embedded = pkg.verifierKey;
    if (embedded === undefined) {
      throw new UsageError('the package carries no verifierKey: give the log public key with --public-key');
    }
    if (typeof embedded !== 'string')
      throw new InputError(`the verifierKey in package ${path} is not a string`);
    keys.push({ key: embedded, source: 'the package itself, NOT independently supplied' });
    io.stderr.write(
      'WARNING: no --public-key given; using the verifierKey inside the package. That key was NOT\n' +
        'independently supplied: a forger can sign a package with their own key and embed it. This run can\n' +
        "only show the package is self-consistent (exit 3). Pass the log's published key with --public-key.\n" +
        '警告：未指定 --public-key，使用证据包内自带的公钥，该公钥未经独立核实。\n',
    );
  }
  writeLine(io.stdout, `Evidence package ${path}`);
  const entry = describeEntry(pkg);
  if (entry !== undefined) writeLine(io.stdout, `Claims ${entry}`);
  printKeys(keys, io);
  const report = verifyEvidencePackage(
    pkg,
    keys.map((k) => k.key),
  );
  return printReport(report, io, keyArguments.length > 0);
}

type ConsistencyFiles = { oldPath: string; newPath: string; proofPath: string };

async function verifyConsistencyCommand(
  files: ConsistencyFiles,
  keyArguments: readonly string[],
  io: CliIo,
): Promise<number> {
  const { oldPath, newPath, proofPath } = files;
  const oldNote = await readText(oldPath, MAX_SMALL_FILE_BYTES, 'checkpoint');
  const newNote = await readText(newPath, MAX_SMALL_FILE_BYTES, 'checkpoint');
  const proof = await readJson(proofPath, MAX_SMALL_FILE_BYTES, 'proof');
  const keys: GivenKey[] = [];
  for (const argument of keyArguments) keys.push(await resolveKey(argument));
  writeLine(io.stdout, `Consistency of ${oldPath} -> ${newPath} with proof ${proofPath}`);
  printKeys(keys, io);
  const report = verifyCheckpointConsistency(
    oldNote,
    newNote,
    proof,
    keys.map((k) => k.key),
  );
  return printReport(report, io);
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_VERIFIED;
  }
  const keyArguments = values['public-key'] ?? [];
  if (positionals[0] === 'consistency') {
    const [, oldPath, newPath, ...extra] = positionals;
    if (oldPath === undefined || newPath === undefined || extra.length > 0) {
      throw new UsageError('consistency needs exactly two checkpoint files');
    }
    if (values.proof === undefined) throw new UsageError('consistency needs --proof <proof.json>');
    if (keyArguments.length === 0) throw new UsageError('consistency needs --public-key <key | file>');
    return verifyConsistencyCommand({ oldPath, newPath, proofPath: values.proof }, keyArguments, io);
  }
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) throw new UsageError('give exactly one evidence package file');
  if (values.proof !== undefined) throw new UsageError('--proof is only for the consistency command');
  return verifyPackageCommand(path, keyArguments, io);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      'public-key': { type: 'string', multiple: true },
      proof: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** Runs the CLI; returns the exit status. Never throws. */
export async function main(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(io.stderr, `kouan-verify: ${error.message}`);
      io.stderr.write(`\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof InputError ? error.message : `unexpected error: ${String(error)}`;
    writeLine(io.stderr, `kouan-verify: NOT VERIFIED / 验证未通过: ${message}`);
    return EXIT_NOT_VERIFIED;
  }
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) process.exitCode = await main(process.argv.slice(2));
