/**
 * Page state in the URL query string, so a shared link reproduces the analysis. Only the keys
 * below are read; values are kept as the user typed them and parsed by the engine's parsers.
 */
export const STATE_KEYS = [
  'name',
  'params',
  'hs',
  'tqa',
  'arc',
  'mmlu',
  'wg',
  'swe',
  'gpqa',
  'ifeval',
  'family',
  'previous',
  'run',
  'model',
  'y',
  'x',
  'q',
  'famf',
  'labf',
  'hswe',
  'hgpqa',
  'pa',
  'pb',
  'ps',
  'ode',
  'oh',
  'ow',
  'oc',
  'ws',
  'lbt',
  'theme',
  'panel',
] as const;
export type StateKey = (typeof STATE_KEYS)[number];

export type PageState = Partial<Record<StateKey, string>>;

export function readState(search = location.search): PageState {
  const q = new URLSearchParams(search);
  const out: PageState = {};
  for (const k of STATE_KEYS) {
    const v = q.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

let state: PageState = {};

export function getState(): PageState {
  return state;
}

export function initState(): PageState {
  state = readState();
  return state;
}

/**
 * Merges `patch` into the state (empty strings delete keys) and writes it to the URL: a new
 * history entry with `push` (an analysis, so Back returns to the previous one), else in place.
 */
export function setState(patch: PageState, opts: { push?: boolean } = {}): void {
  const next: PageState = { ...state };
  for (const [k, v] of Object.entries(patch) as [StateKey, string | undefined][]) {
    if (v === undefined || v === '') delete next[k];
    else next[k] = v;
  }
  state = next;
  const q = new URLSearchParams();
  for (const k of STATE_KEYS) if (next[k] !== undefined) q.set(k, next[k] as string);
  const s = q.toString();
  // An unchanged query needs no history call (replaceState costs milliseconds at boot).
  if (!opts.push && (s ? `?${s}` : '') === location.search) return;
  const url = `${s ? `?${s}` : location.pathname}${location.hash}`;
  if (opts.push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
