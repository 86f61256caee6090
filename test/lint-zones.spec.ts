import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The architecture's import rules are enforced by ESLint; these prove the rules bite. */
const eslint = new ESLint({ cwd: process.cwd() });

async function rulesFiredOn(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('ESLint import zones', () => {
  it('keeps React out of the pure domain layer', async () => {
    const fired = await rulesFiredOn(
      'plugins/liver-lesion-review/domain/example.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
    );
    expect(fired).toContain('no-restricted-imports');
  });

  it('keeps cornerstone and the DOM out of the pure domain layer', async () => {
    const fired = await rulesFiredOn(
      'plugins/liver-lesion-review/domain/example.ts',
      "import { cache } from '@cornerstonejs/core';\nexport const y = [cache, document.title];\n",
    );
    expect(fired).toContain('no-restricted-imports');
    expect(fired).toContain('no-restricted-globals');
  });

  it('lets plugins reach the host only through src/plugin-api', async () => {
    const bad = await rulesFiredOn(
      'plugins/liver-lesion-review/ui/Example.ts',
      "import { createHost } from '../../../src/host/createHost';\nexport const z = createHost;\n",
    );
    expect(bad).toContain('no-restricted-imports');
    const good = await rulesFiredOn(
      'plugins/liver-lesion-review/ui/Example.ts',
      "import type { HostApi } from '../../../src/plugin-api';\nexport type H = HostApi;\n",
    );
    expect(good).not.toContain('no-restricted-imports');
  });

  it('keeps the segmentation engine free of cornerstone', async () => {
    const fired = await rulesFiredOn(
      'src/segmentation/engine/example.ts',
      "import { cache } from '@cornerstonejs/core';\nexport const c = cache;\n",
    );
    expect(fired).toContain('no-restricted-imports');
  });

  it('keeps the DICOM ingest layer free of the DOM', async () => {
    const fired = await rulesFiredOn('src/dicom/example.ts', 'export const w = window.location;\n');
    expect(fired).toContain('no-restricted-globals');
  });
});
