import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';
import { run } from './leaderboard.ts';

const FIXTURE = new URL('../../../test/examples/leaderboard-traps.csv', import.meta.url).pathname;
const quick = ['--resamples', '200'];

describe('cape leaderboard', () => {
  it('prints the summary, the family rows, the replication table and the verdict', async () => {
    const io = bufferIo();
    expect(await run([FIXTURE, ...quick], io)).toBe(0);
    expect(io.stdout).toContain('| rows read ');
    expect(io.stdout).toMatch(/\| params known \/ unknown\s+\| 15 \/ 1 /);
    expect(io.stdout).toMatch(/\| acme\/widget\s+\| —\s+\|\s+6 \| 125M–13B/);
    expect(io.stdout).toMatch(/\| pretrained \|\s+2 \|\s+7 \| stated 3\.5B/);
    expect(io.stdout).toContain(
      'Verdict: Pretrained models: 2 out-of-sample families, 7 usable transitions — too few',
    );
    expect(io.stdout).toContain('Left out, parameter count unknown (1): acme/widget-base');
    expect(io.stdout).toContain('Relabelled pretrained (1): acme/widget-13b (fine-tuned)');
  });

  it('--json prints only JSON with the analysis; --csv writes the per-family rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cape-lb-'));
    const csv = join(dir, 'families.csv');
    const io = bufferIo();
    expect(await run([FIXTURE, '--json', '--csv', csv, ...quick], io)).toBe(0);
    const a = JSON.parse(io.stdout);
    expect([a.counts.rowsRead, a.counts.families, a.settings.resamples, a.settings.type]).toEqual([
      23,
      3,
      200,
      'pretrained',
    ]);
    expect(typeof a.verdict).toBe('string');
    expect(io.stderr).toBe('');
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'family,reference_family,n,sizes,r,r_ci_low,r_ci_high,p,p_permutation,transitions,excluded,gamma12,nc,nc_ci_low,nc_ci_high,note',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^acme\/widget,,6,125000000;350000000;1300000000;2700000000;6700000000;13000000000,-?0\.\d+,/,
    );
    expect(lines.find((l) => l.startsWith('beta-lab/cont'))).toMatch(
      /,,,,"per-family Nc for beta-lab\/cont needs at least 3 usable transitions, got 2"$/,
    );
  });

  it('--type chat and --families overrides change the selection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cape-lb-'));
    const map = join(dir, 'families.json');
    writeFileSync(map, JSON.stringify({ '^acme/widget-1\\.3b-deduped$': 'acme/widget' }));
    const io = bufferIo();
    await run([FIXTURE, '--json', '--families', map, ...quick], io);
    expect(
      JSON.parse(io.stdout).families.find((f: { key: string }) => f.key === 'acme/widget').n,
    ).toBe(7);
    const chat = bufferIo();
    await run([FIXTURE, '--json', '--type', 'chat', ...quick], chat);
    const c = JSON.parse(chat.stdout);
    expect([
      c.counts.selected,
      c.families.map((f: { key: string }) => f.key),
      c.contrasts.map((g: { group: string }) => g.group),
    ]).toEqual([3, ['chatco/helper-chat'], ['fine-tuned', 'merge']]);
  });

  it('bad usage and bad input are CapeErrors with codes the CLI maps to exit 2', async () => {
    await expect(run([], bufferIo())).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(run([FIXTURE, '--type', 'base'], bufferIo())).rejects.toMatchObject({
      code: 'E_USAGE',
    });
    await expect(run([FIXTURE, '--resamples', '0'], bufferIo())).rejects.toMatchObject({
      code: 'E_USAGE',
    });
    await expect(run(['/nonexistent/lb.csv'], bufferIo())).rejects.toMatchObject({
      code: 'E_INPUT',
    });
    const notLb = new URL('../../../test/examples/models.csv', import.meta.url).pathname;
    await expect(run([notLb], bufferIo())).rejects.toBeInstanceOf(CapeError);
    await expect(run([notLb], bufferIo())).rejects.toMatchObject({ code: 'E_INPUT' });
  });

  it('--help prints the usage', async () => {
    const io = bufferIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/^cape leaderboard <leaderboard\.csv>/);
  });
});

describe('cape analyze --file <leaderboard.csv>', () => {
  it('still reads the leaderboard layout (auto-detected) and analyses each model of known size', async () => {
    const io = bufferIo();
    expect(await main(['analyze', '--file', FIXTURE, '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out.kind).toBe('leaderboard');
    expect(out.models.length + out.skipped.length).toBe(20);
    expect(out.skipped.map((s: { name: string }) => s.name)).toContain('acme/widget-base');
  });
});

describe('cape leaderboard on a v2 export', () => {
  const V2 = new URL('../../../test/examples/leaderboard-v2-sample.csv', import.meta.url).pathname;
  it('reports what v2 can and cannot test, its families and every pair; --json keeps families', async () => {
    const io = bufferIo();
    expect(await run([V2], io)).toBe(0);
    expect(io.stdout).toMatch(/Cannot test: the study's HS–TQA claim/);
    expect(io.stdout).toMatch(/\| BBH\s+\| MMLU-Pro\s+\|\s+4 \|/);
    const js = bufferIo();
    expect(await run([V2, '--json'], js)).toBe(0);
    const out = JSON.parse(js.stdout);
    expect(out.version).toBe('v2');
    expect(out.families.map((f: { key: string }) => f.key)).toContain('Qwen/Qwen2.5');
    expect(out.pairs).toHaveLength(15);
  });
});
