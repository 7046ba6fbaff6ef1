/** What a command writes to; the real process streams in main, string buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Raw UTF-8 bytes to stdout (streamed output writes in batches through it when present). */
  outBytes?(bytes: Uint8Array): void;
  /**
   * A promise to await before writing more when stdout is backed up (a pipe read slowly), else
   * undefined: long streamed output awaits it so it never piles up in memory.
   */
  drain?(): Promise<void> | undefined;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  outBytes: (b) => void process.stdout.write(b),
  err: (t) => void process.stderr.write(t),
  drain: () => (process.stdout.writableNeedDrain ? drained(process.stdout) : undefined),
};

/** Resolves when the stream drains, or closes (a reader that went away must not hang us). */
function drained(s: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.on('drain', done);
    s.on('close', done);
  });
}

/** Collects output in memory (tests, the server's reuse of commands). */
export function bufferIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

/** Prints JSON (only JSON, on stdout). */
export function printJson(io: Io, value: unknown): void {
  io.out(
    `${JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
}
