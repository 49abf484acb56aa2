/**
 * kouan-verify: checks Kouan evidence offline, with nothing but the files and the log's public key.
 *
 *   kouan-verify <package.json> [--public-key <key | file>]
 *   kouan-verify consistency <old-checkpoint.txt> <new-checkpoint.txt> --proof <proof.json> --public-key <key | file>
 *
 * Exit status: 0 every check passed; 1 not verified (a check failed, or a file's content is not
 * what it should be); 2 usage error (bad arguments, a file that cannot be read); 3 self-consistent
 * only (every check passed, but against the key the package carries, not one given independently:
 * a forger can sign with a key of their own and embed it, so this is never "verified").
 */
import { realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type EvidencePackage,
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
  kouan-verify <package.json> [--public-key <verifier key | file containing it>]
  kouan-verify consistency <old-checkpoint.txt> <new-checkpoint.txt> --proof <proof.json> --public-key <key | file>

Verifies a Kouan evidence package (leaf hash, entry metadata, document hash, inclusion proof,
checkpoint signature), or that a newer signed checkpoint extends an older one.
Obtain the log's public key (<name>+<key id>+<base64 key>) from Kouan independently of the package.

Exit status: 0 verified, 1 not verified, 2 usage error, 3 self-consistent only (no --public-key:
the checks passed against the key inside the package, which proves nothing about who signed it).`;

export type CliOutput = { write(text: string): unknown };
export type CliIo = { stdout: CliOutput; stderr: CliOutput };

class UsageError extends Error {}
class InputError extends Error {}

const KEY_SHAPE = /^[^+\s]+\+[0-9a-fA-F]{8}\+\S+$/;
const SYMBOLS = { passed: '✓', failed: '✗', skipped: '-' } as const;

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
async function resolveKey(argument: string): Promise<{ key: string; source: string }> {
  if (KEY_SHAPE.test(argument)) return { key: argument, source: '--public-key' };
  const key = (await readText(argument, MAX_SMALL_FILE_BYTES, 'public key file')).trim();
  if (key === '' || /\s/.test(key)) throw new InputError(`${argument} does not hold a single verifier key`);
  return { key, source: argument };
}

function printReport(report: VerificationReport, io: CliIo, keyIndependent = true): number {
  for (const check of report.checks) {
    const status = check.status === 'skipped' ? 'skipped: ' : '';
    io.stdout.write(`${SYMBOLS[check.status]} ${check.title}: ${status}${check.detail}\n`);
  }
  for (const warning of report.warnings) io.stdout.write(`! ${warning}\n`);
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
    io.stderr.write(`kouan-verify: ${check.title} failed: ${check.detail}\n`);
  }
  return EXIT_NOT_VERIFIED;
}

function describeEntry(pkg: unknown): string | undefined {
  const { entry } = pkg as Partial<EvidencePackage>;
  const metadata = entry?.metadata;
  if (metadata === undefined || typeof metadata !== 'object' || metadata === null) return undefined;
  return `entry #${entry?.index}: ${metadata.kind} on ${metadata.subjectType} ${metadata.subjectId} at ${metadata.time} by ${metadata.actor}`;
}

async function verifyPackageCommand(
  path: string,
  keyArgument: string | undefined,
  io: CliIo,
): Promise<number> {
  const pkg = await readJson(path, MAX_PACKAGE_FILE_BYTES, 'package');
  let key: { key: string; source: string };
  if (keyArgument !== undefined) key = await resolveKey(keyArgument);
  else {
    const embedded = (pkg as { verifierKey?: unknown } | null)?.verifierKey;
    if (typeof embedded !== 'string') {
      throw new UsageError('the package carries no verifierKey: give the log public key with --public-key');
    }
    key = { key: embedded, source: 'the package itself, NOT independently supplied' };
    io.stderr.write(
      'WARNING: no --public-key given; using the verifierKey inside the package. That key was NOT\n' +
        'independently supplied: a forger can sign a package with their own key and embed it. This run can\n' +
        "only show the package is self-consistent (exit 3). Pass the log's published key with --public-key.\n" +
        '警告：未指定 --public-key，使用证据包内自带的公钥，该公钥未经独立核实。\n',
    );
  }
  io.stdout.write(`Evidence package ${path}\n`);
  const entry = describeEntry(pkg);
  if (entry !== undefined) io.stdout.write(`Claims ${entry}\n`);
  io.stdout.write(`Public key ${key.key} (from ${key.source})\n\n`);
  return printReport(verifyEvidencePackage(pkg, key.key), io, keyArgument !== undefined);
}

async function verifyConsistencyCommand(
  oldPath: string,
  newPath: string,
  proofPath: string,
  keyArgument: string,
  io: CliIo,
): Promise<number> {
  const oldNote = await readText(oldPath, MAX_SMALL_FILE_BYTES, 'checkpoint');
  const newNote = await readText(newPath, MAX_SMALL_FILE_BYTES, 'checkpoint');
  const proof = await readJson(proofPath, MAX_SMALL_FILE_BYTES, 'proof');
  const { key, source } = await resolveKey(keyArgument);
  io.stdout.write(`Consistency of ${oldPath} -> ${newPath} with proof ${proofPath}\n`);
  io.stdout.write(`Public key ${key} (from ${source})\n\n`);
  return printReport(verifyCheckpointConsistency(oldNote, newNote, proof, key), io);
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
  const keyArgument = values['public-key'];
  if (positionals[0] === 'consistency') {
    const [, oldPath, newPath, ...extra] = positionals;
    if (oldPath === undefined || newPath === undefined || extra.length > 0) {
      throw new UsageError('consistency needs exactly two checkpoint files');
    }
    if (values.proof === undefined) throw new UsageError('consistency needs --proof <proof.json>');
    if (keyArgument === undefined) throw new UsageError('consistency needs --public-key <key | file>');
    return verifyConsistencyCommand(oldPath, newPath, values.proof, keyArgument, io);
  }
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) throw new UsageError('give exactly one evidence package file');
  if (values.proof !== undefined) throw new UsageError('--proof is only for the consistency command');
  return verifyPackageCommand(path, keyArgument, io);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      'public-key': { type: 'string' },
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
      io.stderr.write(`kouan-verify: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof InputError ? error.message : `unexpected error: ${String(error)}`;
    io.stderr.write(`kouan-verify: NOT VERIFIED / 验证未通过: ${message}\n`);
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
