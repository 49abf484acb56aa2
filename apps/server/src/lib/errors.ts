/** A bilingual message. */
export interface Message {
  readonly zh: string;
  readonly en: string;
}

export interface ErrorDetails {
  /** The request field the error is about, as a JSON pointer-like path (`/usci`, `/lines/2/qty`). */
  readonly field?: string;
  readonly [key: string]: unknown;
}

/**
 * The one error type for expected operating errors. Codes are closed unions per feature; the HTTP
 * edge maps each code to a status (http/error-status.ts). Domain code never picks a status.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly messages: Message,
    readonly details: ErrorDetails = {},
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'DomainError';
  }
}

/** Builds a typed error factory from a feature's catalogue of codes and message templates. */
export function errorCatalogue<Code extends string, Params = Record<string, string | number>>(
  catalogue: Record<Code, (params: Params) => Message>,
) {
  return (code: Code, params: Params = {} as Params, details: ErrorDetails = {}) =>
    new DomainError<Code>(code, catalogue[code](params), details);
}
