import { describe, expect, it } from 'vitest';
import {
  PACS_TOKEN_KEY,
  checkBearerToken,
  PACS_URL_KEY,
  checkPacsUrl,
  clearPacsSettings,
  readPacsSettings,
  writePacsSettings,
  type SettingsStorage,
} from '../pacsSettings';

const PAGE = 'http://127.0.0.1:5173';

function memoryStorage() {
  const local = new Map<string, string>();
  const session = new Map<string, string>();
  const wrap = (map: Map<string, string>) => ({
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  });
  const storage: SettingsStorage = { local: wrap(local), session: wrap(session) };
  return { storage, local, session };
}

describe('checkPacsUrl', () => {
  it('accepts a path on this server and absolute http(s) URLs, without trailing slashes', () => {
    expect(checkPacsUrl('/dicom-web/', PAGE)).toEqual({ ok: true, baseUrl: '/dicom-web' });
    expect(checkPacsUrl(' https://pacs.example:8443/dicom-web ', PAGE)).toEqual({
      ok: true,
      baseUrl: 'https://pacs.example:8443/dicom-web',
    });
    expect(checkPacsUrl('http://127.0.0.1:8042/dicom-web//', PAGE)).toEqual({
      ok: true,
      baseUrl: 'http://127.0.0.1:8042/dicom-web',
    });
  });

  it('refuses what is not a DICOMweb root', () => {
    for (const input of [
      '',
      'pacs.example/dicom-web',
      'ftp://pacs.example/dicom-web',
      'javascript:alert(1)',
      '//evil.example/dicom-web',
    ])
      expect(checkPacsUrl(input, PAGE).ok, input).toBe(false);
  });

  it('refuses credentials, queries and fragments so no secret lands in a URL', () => {
    for (const input of [
      'https://user:secret@pacs.example/dicom-web',
      'https://pacs.example/dicom-web?access_token=secret',
      '/dicom-web?token=secret',
      'https://pacs.example/dicom-web#secret',
    ]) {
      const result = checkPacsUrl(input, PAGE);
      expect(result.ok, input).toBe(false);
    }
  });
});

describe('checkBearerToken', () => {
  it('accepts one printable ASCII word, or nothing', () => {
    expect(checkBearerToken('')).toBeNull();
    expect(checkBearerToken(' eyJhbGciOi.J9-_~+/= ')).toBeNull();
  });

  it('refuses what cannot be an HTTP header value', () => {
    for (const token of ['two words', 'tab\there', 'line\nbreak', 'café'])
      expect(checkBearerToken(token), token).not.toBeNull();
  });
});

describe('PACS settings storage', () => {
  it('keeps the URL in localStorage and the token only in sessionStorage', () => {
    const { storage, local, session } = memoryStorage();
    writePacsSettings(storage, PAGE, {
      baseUrl: 'https://pacs.example/dicom-web',
      bearerToken: 'secret-token',
    });
    expect([...local.entries()]).toEqual([[PACS_URL_KEY, 'https://pacs.example/dicom-web']]);
    expect([...local.values()].join()).not.toContain('secret-token');
    expect(JSON.parse(session.get(PACS_TOKEN_KEY)!)).toEqual({
      origin: 'https://pacs.example',
      token: 'secret-token',
    });
    expect(readPacsSettings(storage, PAGE, null)).toEqual({
      baseUrl: 'https://pacs.example/dicom-web',
      bearerToken: 'secret-token',
      from: 'user',
    });
  });

  it('does not use a token saved for another origin', () => {
    const { storage, local } = memoryStorage();
    writePacsSettings(storage, PAGE, {
      baseUrl: 'https://pacs.example/dicom-web',
      bearerToken: 'secret-token',
    });
    local.set(PACS_URL_KEY, 'https://elsewhere.example/dicom-web');
    expect(readPacsSettings(storage, PAGE, null)?.bearerToken).toBeNull();
  });

  it('falls back to the deployment configuration, and forgets the user settings', () => {
    const { storage, local, session } = memoryStorage();
    const deployment = { baseUrl: '/dicom-web' };
    expect(readPacsSettings(storage, PAGE, deployment)).toEqual({
      baseUrl: '/dicom-web',
      bearerToken: null,
      from: 'deployment',
    });
    writePacsSettings(storage, PAGE, { baseUrl: '/other', bearerToken: 't' });
    expect(readPacsSettings(storage, PAGE, deployment)?.from).toBe('user');
    clearPacsSettings(storage);
    expect(local.size + session.size).toBe(0);
    expect(readPacsSettings(storage, PAGE, deployment)?.baseUrl).toBe('/dicom-web');
    expect(readPacsSettings(storage, PAGE, null)).toBeNull();
  });

  it('ignores a damaged token entry', () => {
    const { storage, local, session } = memoryStorage();
    local.set(PACS_URL_KEY, '/dicom-web');
    session.set(PACS_TOKEN_KEY, '{not json');
    expect(readPacsSettings(storage, PAGE, null)).toEqual({
      baseUrl: '/dicom-web',
      bearerToken: null,
      from: 'user',
    });
  });
});
