/**
 * Where a model's files are: a local Hugging Face snapshot folder, or a model id ("ORG/NAME")
 * found in the Hugging Face cache ($HF_HUB_CACHE, else $HF_HOME/hub, else
 * ~/.cache/huggingface/hub/models--ORG--NAME/snapshots/REV). Nothing is ever downloaded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CapeError } from '../core/errors.ts';

export interface ModelFiles {
  dir: string;
  config: string;
  tokenizer: string;
  weights: string[];
}

/** The HF hub cache folder this process would use. */
export function hubCache(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HF_HOME) return join(env.HF_HOME, 'hub');
  return join(homedir(), '.cache', 'huggingface', 'hub');
}

function fromCache(id: string, env: NodeJS.ProcessEnv): string | null {
  if (!/^[\w.-]+\/[\w.-]+$/.test(id)) return null;
  const base = join(hubCache(env), `models--${id.replace('/', '--')}`);
  const snaps = join(base, 'snapshots');
  if (!existsSync(snaps)) return null;
  const refMain = join(base, 'refs', 'main');
  if (existsSync(refMain)) {
    const rev = readFileSync(refMain, 'utf8').trim();
    if (existsSync(join(snaps, rev))) return join(snaps, rev);
  }
  const revs = readdirSync(snaps).sort();
  return revs.length > 0 ? join(snaps, revs[revs.length - 1]!) : null;
}

/** Resolves a folder or cached model id to its config, tokenizer and safetensors files. */
export function locateModel(dirOrId: string, env: NodeJS.ProcessEnv = process.env): ModelFiles {
  let dir = resolve(dirOrId);
  if (!existsSync(dir)) {
    const cached = fromCache(dirOrId, env);
    if (!cached) {
      throw new CapeError(
        'E_NOT_FOUND',
        `--model-dir ${JSON.stringify(dirOrId)}: no such folder, ` +
          `and no model of that id in the Hugging Face cache ${hubCache(env)} (expected a snapshot ` +
          'folder with config.json, tokenizer.json and *.safetensors)',
        'model-dir',
      );
    }
    dir = cached;
  }
  if (!statSync(dir).isDirectory()) {
    throw new CapeError(
      'E_INPUT',
      `--model-dir ${JSON.stringify(dirOrId)}: not a folder`,
      'model-dir',
    );
  }
  const config = join(dir, 'config.json');
  if (!existsSync(config)) {
    throw new CapeError(
      'E_INPUT',
      `${dir}: no config.json (expected a Hugging Face model folder)`,
      'config.json',
    );
  }
  return { dir, config, tokenizer: join(dir, 'tokenizer.json'), weights: weightFiles(dir) };
}

function weightFiles(dir: string): string[] {
  const index = join(dir, 'model.safetensors.index.json');
  if (existsSync(index)) return shardFiles(dir, index);
  const names = readdirSync(dir);
  const st = names.filter((n) => n.endsWith('.safetensors')).sort();
  if (st.length > 0) return st.map((n) => join(dir, n));
  const bins = names.filter((n) => n.endsWith('.bin') || n.endsWith('.pt') || n.endsWith('.pth'));
  if (bins.length > 0) {
    throw new CapeError(
      'E_INPUT',
      `${dir}: only pickle weights (${bins.join(', ')}); they are not ` +
        'loaded because unpickling can run arbitrary code. Convert them to safetensors, e.g. in Python: ' +
        'AutoModelForCausalLM.from_pretrained(DIR).save_pretrained(DIR, safe_serialization=True)',
      'weights',
    );
  }
  throw new CapeError(
    'E_INPUT',
    `${dir}: no *.safetensors weights (expected model.safetensors or ` +
      'a sharded model.safetensors.index.json)',
    'weights',
  );
}

function shardFiles(dir: string, index: string): string[] {
  let map: unknown;
  try {
    map = (JSON.parse(readFileSync(index, 'utf8')) as { weight_map?: unknown }).weight_map;
  } catch (e) {
    throw new CapeError(
      'E_PARSE',
      `${index}: not valid JSON (${(e as Error).message})`,
      'weight_map',
    );
  }
  if (typeof map !== 'object' || map === null) {
    throw new CapeError(
      'E_INPUT',
      `${index}: weight_map missing (expected {tensor: file})`,
      'weight_map',
    );
  }
  const files = [...new Set(Object.values(map as Record<string, string>))].sort();
  for (const f of files) {
    if (!existsSync(join(dir, f))) {
      throw new CapeError(
        'E_INPUT',
        `${index}: shard ${JSON.stringify(f)} is missing from ${dir}`,
        'weight_map',
      );
    }
  }
  return files.map((f) => join(dir, f));
}
