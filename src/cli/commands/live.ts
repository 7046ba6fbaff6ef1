/**
 * `cape live`: one prompt to a hosted chat model twice — plain, and with the CAPE-guided system
 * prompt — printed side by side. The token comes from HF_TOKEN only (never an argument, never
 * printed). Prompt-level guidance, not activation steering.
 */
import { readFileSync } from 'node:fs';
import { guidanceFor } from '../../cape/guidance.ts';
import { createContext } from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import {
  DEFAULT_LIVE_BASE_URL,
  parseBaseUrl,
  runPair,
  type ChatResult,
} from '../../live/client.ts';
import { LiveError } from '../../live/errors.ts';
import { formatTable } from '../../report/table.ts';
import { LEVERS } from '../../cape/levers.ts';
import { need, parse } from '../args.ts';
import { printJson, type Io } from '../io.ts';

export const help = `cape live --model ID --prompt TEXT [--system-prompt FILE] [--base-url URL]
          [--max-tokens N] [--json]
  Sends PROMPT to a hosted chat model twice, concurrently: plain, and with the CAPE-guided
  system prompt (built from the engine's analysis of the model where the dataset holds it, else
  a truthfulness-first default; --system-prompt FILE replaces it). Prints both side by side with
  latency, tokens and finish reason. Prompt-level guidance, not activation steering.
  The token is read from HF_TOKEN (needs "Make calls to Inference Providers"). The server is
  --base-url, else CAPE_LIVE_BASE_URL, else ${DEFAULT_LIVE_BASE_URL} (any OpenAI-compatible
  server: llama.cpp, vLLM, Ollama). Exit 2 without HF_TOKEN, 1 on an API error.`;

const OPTIONS = {
  model: { type: 'string' },
  prompt: { type: 'string' },
  'system-prompt': { type: 'string' },
  'base-url': { type: 'string' },
  'max-tokens': { type: 'string' },
} as const;

type Side =
  | { text: string; latencyMs: number; finishReason: string | null; tokens: number | null }
  | { error: { kind: string; status: number | null; message: string } };

function usageError(e: unknown): never {
  if (e instanceof LiveError && e.kind === 'input') throw new CapeError('E_USAGE', e.message);
  throw e;
}

function token(env: NodeJS.ProcessEnv): string {
  const t = env.HF_TOKEN?.trim();
  if (!t)
    throw new CapeError(
      'E_USAGE',
      'HF_TOKEN is not set: create a token with "Make calls to Inference Providers" at ' +
        'https://huggingface.co/settings/tokens, then run HF_TOKEN=hf_… cape live …',
      'HF_TOKEN',
    );
  return t;
}

function systemPrompt(file: unknown, model: string): { text: string; source: string } {
  if (typeof file === 'string') {
    try {
      return { text: readFileSync(file, 'utf8'), source: `from ${file}` };
    } catch (e) {
      throw new CapeError(
        'E_INPUT',
        `cannot read --system-prompt ${JSON.stringify(file)}: ${(e as Error).message} ` +
          `(expected a text file)`,
        'system-prompt',
      );
    }
  }
  const g = guidanceFor(createContext(), model, LEVERS);
  return { text: g.systemPrompt, source: `CAPE-guided: ${g.analysis}` };
}

function maxTokens(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new CapeError(
      'E_USAGE',
      `invalid --max-tokens: ${JSON.stringify(v)} (expected a whole number from 1 to 100000)`,
      'max-tokens',
    );
  return n;
}

const side = (r: ChatResult | LiveError): Side =>
  r instanceof LiveError
    ? { error: { kind: r.kind, status: r.status, message: r.message } }
    : {
        text: r.text,
        latencyMs: Math.round(r.latencyMs),
        finishReason: r.finishReason,
        tokens: r.usage?.completionTokens ?? null,
      };

/** Word-wraps `text` to lines of at most `width` characters (long words are cut). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((w) => w.match(new RegExp(`.{1,${width}}`, 'gu')) ?? [])) {
      if (line && line.length + 1 + word.length > width) out.push(line), (line = '');
      line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

function sideBySide(plain: Side, guided: Side): string {
  const col = (s: Side) =>
    'error' in s ? wrap(`error: ${s.error.message}`, 40) : wrap(s.text, 40);
  const [a, b] = [col(plain), col(guided)];
  const rows: (string | number)[][] = Array.from(
    { length: Math.max(a.length, b.length) },
    (_, i) => ['', a[i] ?? '', b[i] ?? ''],
  );
  const stat = (f: (s: Exclude<Side, { error: unknown }>) => string | number | null) =>
    [plain, guided].map((s) => ('error' in s ? '—' : (f(s) ?? 'not reported')));
  rows.push(
    ['latency', ...stat((s) => `${s.latencyMs} ms`)],
    ['tokens', ...stat((s) => s.tokens)],
    ['finish', ...stat((s) => s.finishReason)],
  );
  return formatTable({ headers: ['', 'plain', 'CAPE-guided'], rows });
}

export async function run(
  argv: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parse(argv, OPTIONS);
  if (values.help) return (io.out(`${help}\n`), 0);
  const model = need(values, 'model', 'a chat model id such as meta-llama/Llama-3.1-8B-Instruct');
  const prompt = need(values, 'prompt', 'the text to send');
  const hfToken = token(env);
  let baseUrl: string;
  try {
    baseUrl = parseBaseUrl(
      String(values['base-url'] ?? (env.CAPE_LIVE_BASE_URL || DEFAULT_LIVE_BASE_URL)),
      values['base-url'] ? '--base-url' : 'base URL',
    );
  } catch (e) {
    usageError(e);
  }
  const sp = systemPrompt(values['system-prompt'], model);
  const r = await runPair({
    baseUrl,
    token: hfToken,
    model,
    prompt,
    systemPrompt: sp.text,
    stream: false,
    maxTokens: maxTokens(values['max-tokens']),
  });
  const inputErr = [r.plain, r.guided].find((x) => x instanceof LiveError && x.kind === 'input');
  if (inputErr) usageError(inputErr);
  const [plain, guided] = [side(r.plain), side(r.guided)];
  const failed = [r.plain, r.guided].filter((x): x is LiveError => x instanceof LiveError);
  if (values.json)
    printJson(io, {
      model,
      baseUrl,
      systemPrompt: sp.text,
      systemPromptSource: sp.source,
      plain,
      guided,
    });
  else
    io.out(
      `System prompt ` +
        `(${sp.source}):\n${sp.text}\n\n${sideBySide(plain, guided)}\nPrompt-level guidance on ` +
        `a hosted chat model, not activation steering.\n`,
    );
  for (const [which, e] of [
    ['plain', r.plain],
    ['guided', r.guided],
  ] as const) {
    if (e instanceof LiveError)
      io.err(`cape live: ${which}: ${e.status !== null ? `HTTP ${e.status}: ` : ''}${e.message}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
