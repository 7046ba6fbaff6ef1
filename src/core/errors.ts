/**
 * The one error class of CAPE Studio. Every failure a user can cause or meet carries a code;
 * the CLI maps codes to exit status (E_INPUT/E_USAGE/E_SCHEMA -> 2, the rest -> 1) and the
 * server maps input codes to 4xx and hides the detail of everything else.
 */
export type CapeErrorCode =
  | 'E_INPUT' // a value the user gave is invalid (field, value and expectation named)
  | 'E_USAGE' // wrong command-line usage
  | 'E_SCHEMA' // a data file does not match its schema
  | 'E_PARSE' // malformed JSON / CSV (with line where known)
  | 'E_NOT_FOUND' // unknown model, family, lab or benchmark
  | 'E_INSUFFICIENT_DATA' // an analysis needs more data than it got
  | 'E_NOT_CONVERGED' // an iterative fit did not converge
  | 'E_GATE' // the release gate found a tax excursion
  | 'E_STORAGE' // the workspace file cannot be read or written (path and cause named)
  | 'E_BUSY' // the server's upload queue is full; retry later
  | 'E_TOO_LARGE' // an upload over its stated size limit
  | 'E_CONFLICT' // the resource is not in a state that allows this (a job's result before it ends)
  | 'E_FORBIDDEN'; // a cross-site or wrong-Host request to the server

export class CapeError extends Error {
  readonly code: CapeErrorCode;
  /** The input field the error is about, when there is one (e.g. "truthfulqa", "params"). */
  readonly field: string | undefined;

  constructor(code: CapeErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'CapeError';
    this.code = code;
    this.field = field;
  }
}

/** True for the codes that mean "the caller gave bad input" (exit 2, HTTP 4xx). */
export function isInputError(code: CapeErrorCode): boolean {
  return (
    code === 'E_INPUT' ||
    code === 'E_USAGE' ||
    code === 'E_SCHEMA' ||
    code === 'E_PARSE' ||
    code === 'E_NOT_FOUND'
  );
}
