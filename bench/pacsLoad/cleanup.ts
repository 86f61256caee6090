/**
 * What the PACS load bench started (temp folders, Orthanc, the page server, Chromium), undone
 * in reverse order at the end, on failure, and on Ctrl-C. Playwright answers SIGINT itself by
 * killing its browsers and calling process.exit, which cuts any asynchronous clean-up short:
 * so every step also has a synchronous fallback that runs on 'exit' when the step has not run.
 */
export interface Cleanup {
  /** `run` undoes the step; `onExit` (synchronous) does what it can when the process exits first. */
  add(label: string, run: () => Promise<void> | void, onExit: () => void): void;
  run(): Promise<void>;
  /** Removes the process listeners; call after `run()`. */
  detach(): void;
}

export function createCleanup(name: string): Cleanup {
  const steps: Array<{ label: string; run: () => Promise<void> | void; onExit: () => void }> = [];
  const done = new Set<string>();
  let running: Promise<void> | null = null;
  const run = (): Promise<void> => {
    running ??= (async () => {
      for (const step of [...steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.warn(`${name}: clean-up "${step.label}" failed: ${String(error)}`);
        }
        done.add(step.label);
      }
    })();
    return running;
  };
  const onExit = (): void => {
    for (const step of [...steps].reverse()) {
      if (done.has(step.label)) continue;
      try {
        step.onExit();
      } catch {
        // Exiting: nothing more can be done.
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    console.warn(`${name}: ${signal}, cleaning up`);
    void run().finally(() => process.exit(130));
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    add(label, runStep, onExitStep) {
      steps.push({ label, run: runStep, onExit: onExitStep });
    },
    run,
    detach() {
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
