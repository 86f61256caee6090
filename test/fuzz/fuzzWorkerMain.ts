/**
 * Message loop of a fuzz worker thread: `init` (controls and the measure fixture) → `ready`;
 * then one `case` at a time → `result`. The parent's watchdog terminates this thread when a
 * case runs past the time limit.
 */
import { parentPort } from 'node:worker_threads';
import type { InputFile } from '../../src/dicom/index.ts';
import {
  prepareCaseContext,
  processFuzzCase,
  type CaseContext,
  type CaseInput,
  type CaseResult,
} from './processFuzzCase.ts';

export type WorkerRequest =
  | { type: 'init'; controls: InputFile[]; cliFixture: InputFile[]; root: string }
  | ({ type: 'case'; id: number } & CaseInput);

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'result'; id: number; result: CaseResult };

const port = parentPort;
if (!port) throw new Error('fuzzWorkerMain runs in a worker thread');
let context: CaseContext | null = null;

port.on('message', (request: WorkerRequest) => void handle(request));

async function handle(request: WorkerRequest): Promise<void> {
  if (!port) return;
  if (request.type === 'init') {
    try {
      context = await prepareCaseContext(request.controls, request.cliFixture, request.root);
      port.postMessage({ type: 'ready' } satisfies WorkerReply);
    } catch (e) {
      port.postMessage({ type: 'init-failed', message: String(e) } satisfies WorkerReply);
    }
    return;
  }
  if (!context) throw new Error('case before init');
  const input: CaseInput = { name: request.name, bytes: request.bytes };
  if (request.cliIndex !== undefined) input.cliIndex = request.cliIndex;
  const result = await processFuzzCase(context, input);
  port.postMessage({ type: 'result', id: request.id, result } satisfies WorkerReply);
}
