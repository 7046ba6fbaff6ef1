/**
 * Steering-engine speed and memory on a Pythia-160M-shape checkpoint (not a test; run by hand):
 *
 *   python3 bench/steer-checkpoint.py /tmp/cape-bench/pythia-160m-shape   # numpy, ~650 MB
 *   npx tsx bench/steer.ts [/tmp/cape-bench/pythia-160m-shape]
 *
 * One pass each (the machine is shared): load, prefill ms/token (the 8-token prompt), greedy decode
 * ms/token with the KV cache (32 new tokens, decode steps only), calibration (16 statements),
 * a 50-token completion, and peak RSS next to the weights' size. torch's figures come from the
 * recorded run test/fixtures/steering/torch-timing.json (torch is not installable here), and the
 * greedy tokens are compared with the tokens recorded there (same seeded weights).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../src/steer/engine.ts';
import { loadModel } from '../src/steer/load.ts';

const dir = process.argv[2] ?? '/tmp/cape-bench/pythia-160m-shape';
const torch = JSON.parse(
  readFileSync(join(import.meta.dirname, '../test/fixtures/steering/torch-timing.json'), 'utf8'),
);

const ms = (t: number): number => performance.now() - t;
let t = performance.now();
const eng = new Engine(loadModel(dir));
const loadMs = ms(t);
const weightsMiB = (eng.info.parameters * 4) / 2 ** 20;

const ids = eng.encode(torch.greedy.prompt);
const cache = eng.m.net.newCache();
t = performance.now();
let logits = eng.m.net.forward(ids, cache);
const prefill = ms(t) / ids.length;
const tokens: number[] = [];
t = performance.now();
for (let i = 0; i < 32; i++) {
  let best = 0;
  for (let j = 1; j < logits.length; j++) if (logits[j]! > logits[best]!) best = j;
  tokens.push(best);
  if (i < 31) logits = eng.m.net.forward([best], cache);
}
const decode = ms(t) / 31;

t = performance.now();
eng.calibrate();
const calibrationMs = ms(t);

t = performance.now();
eng.steer(torch.greedy.prompt, { maxTokens: 50, greedy: true, strength: 0, adapt: 'prompt' });
const completion50Ms = ms(t);

const peakMiB = process.resourceUsage().maxRSS / 1024;
const same = tokens.join() === torch.greedy.tokens.join();
console.log(
  JSON.stringify(
    {
      model: { ...eng.info, weightsMiB: Math.round(weightsMiB) },
      engine: {
        loadMs: Math.round(loadMs),
        prefillMsPerToken: +prefill.toFixed(1),
        decodeMsPerToken: +decode.toFixed(1),
        calibrationMs: Math.round(calibrationMs),
        completion50Ms: Math.round(completion50Ms),
        peakRssMiB: Math.round(peakMiB),
        peakOverWeights: +(peakMiB / weightsMiB).toFixed(2),
      },
      torchRecorded: {
        loadMs: Math.round(torch.loadMs),
        prefillMsPerToken: +torch.prefill.msPerToken.toFixed(1),
        decodeMsPerToken: +torch.decode.msPerToken.toFixed(1),
        calibrationMs: Math.round(torch.calibrationMs),
        note: 'recorded run (torch-timing.json), not this machine at this time',
      },
      greedyTokensMatchTorch: same,
      promptTokensMatchTorch: ids.join() === torch.greedy.promptTokens.join(),
    },
    null,
    2,
  ),
);
