/**
 * The inference worker: loads the model once, then serves requests one at a time so the
 * thread that opened it (CLI, server) stays responsive. Protocol in protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CapeError } from '../core/errors.ts';
import { Engine } from './engine.ts';
import { loadModel } from './load.ts';
import type { Reply, Request, WorkerInit } from './protocol.ts';

const port = parentPort!;
const init = workerData as WorkerInit;

function errorOf(e: unknown): Reply['error'] {
  if (e instanceof CapeError) return { code: e.code, message: e.message, field: e.field };
  return { code: 'E_INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

function handle(eng: Engine, r: Request): unknown {
  switch (r.op) {
    case 'calibrate':
      return eng.calibrate(r.statements, r.layer);
    case 'useCalibration':
      return eng.useCalibration(r.calibration);
    case 'tokenLogProbs':
      return eng.logProbs(r.ids, r.steer);
    case 'continuationLogProb':
      return eng.continuationLogProb(r.context, r.continuation, r.steer);
    case 'steer': {
      const flag = new Int32Array(r.cancel);
      return eng.steer(
        r.prompt,
        r.opts,
        (event) => port.postMessage({ id: r.id, event } satisfies Reply),
        () => Atomics.load(flag, 0) !== 0,
      );
    }
  }
}

let engine: Engine;
try {
  engine = new Engine(loadModel(init.dirOrId, init.maxBytes, init.kernel, init.threads));
  port.postMessage({ id: 0, ok: true, value: engine.info } satisfies Reply);
  port.on('message', (r: Request) => {
    try {
      port.postMessage({ id: r.id, ok: true, value: handle(engine, r) } satisfies Reply);
    } catch (e) {
      port.postMessage({ id: r.id, ok: false, error: errorOf(e) } satisfies Reply);
    }
  });
} catch (e) {
  port.postMessage({ id: 0, ok: false, error: errorOf(e) } satisfies Reply);
}
