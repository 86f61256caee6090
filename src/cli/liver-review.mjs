#!/usr/bin/env node
// Launcher of the `liver-review` bin: registers tsx's loader so the TypeScript sources run as
// they are (no build step), then hands over to main.ts.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
process.exitCode = runCli(process.argv.slice(2));
