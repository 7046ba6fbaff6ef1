/**
 * Storage failures of the workspace file as one line naming the path and the cause:
 * read-only, corrupt, not a database, disk full, cannot open, I/O error, locked. The result is a
 * CapeError E_STORAGE (CLI exit 1, API 503 with the same message) whose `cause` keeps the
 * original driver error for the log. Any other error passes through unchanged.
 */
import { CapeError } from '../core/errors.ts';

interface Cause {
  test: RegExp;
  cause: string;
  advice: string;
}

const CAUSES: readonly Cause[] = [
  {
    test: /READONLY|readonly|read-only|\b14\b.*open|EACCES|EROFS|PERM/,
    cause: 'read-only',
    advice: 'make the file and its folder writable, or set CAPE_DATA_DIR to a writable folder',
  },
  {
    test: /NOTADB|not a database/,
    cause: 'not a database (corrupt header)',
    advice: 'restore it from a backup, or move it aside to start an empty workspace',
  },
  {
    test: /CORRUPT|malformed/,
    cause: 'corrupt',
    advice: "run 'cape workspace check' to see which rows are readable and export them",
  },
  {
    test: /FULL|disk is full|ENOSPC/,
    cause: 'disk full',
    advice: 'free disk space and retry; nothing was saved',
  },
  {
    test: /CANTOPEN|ConnectionFailed|unable to open|Unable to open/,
    cause: 'cannot be opened',
    advice: 'check that the folder exists and is writable (CAPE_DATA_DIR)',
  },
  {
    test: /BUSY|LOCKED|locked/,
    cause: 'locked by another process',
    advice: 'retry when the other cape process has finished',
  },
  { test: /IOERR|disk I\/O/, cause: 'I/O error', advice: 'check the disk' },
];

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return `${typeof code === 'string' ? code : ''} ${err.message}`;
}

/** The E_STORAGE error for a driver error on `path`, or undefined when it is not a storage failure. */
export function storageError(err: unknown, path: string): CapeError | undefined {
  if (err instanceof CapeError) return err.code === 'E_STORAGE' ? err : undefined;
  const text = describeError(err);
  if (!/SQLITE|Sqlite|sqlite|database|ConnectionFailed|disk|ENOSPC|EACCES|EROFS/.test(text))
    return undefined;
  const hit = CAUSES.find((c) => c.test.test(text));
  if (!hit) return undefined;
  const e = new CapeError(
    'E_STORAGE',
    `workspace ${path}: ${hit.cause} (${hit.advice})`,
    'workspace',
  );
  (e as { cause?: unknown }).cause = err;
  return e;
}

/** Runs `fn`, turning a storage failure into E_STORAGE (others rethrown as they are). */
export function guardStorage<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw storageError(err, path) ?? err;
  }
}
