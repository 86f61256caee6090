// Bootstrap of a fuzz worker thread: registers tsx's loader (as src/cli/liver-review.mjs does)
// so the TypeScript sources run as they are, then starts the message loop.
import { register } from 'tsx/esm/api';

register();
await import('./fuzzWorkerMain.ts');
