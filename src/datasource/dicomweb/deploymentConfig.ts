/**
 * The deployment's defaults, read from `liver-review.config.json` served next to the app (in
 * `public/`, copied into the build; edit it in `dist/` to deploy elsewhere). The token is never
 * in it: the user types it, and it stays in the browser session.
 */
export interface DeploymentConfig {
  readonly dicomWeb: {
    /** The DICOMweb root the viewer starts with; `/dicom-web` is the dev/preview proxy. */
    readonly baseUrl: string;
    readonly timeoutMs: number | null;
  };
}

export const DEPLOYMENT_CONFIG_URL = 'liver-review.config.json';

export const DEFAULT_DEPLOYMENT_CONFIG: DeploymentConfig = {
  dicomWeb: { baseUrl: '/dicom-web', timeoutMs: null },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the parsed JSON; anything missing or of the wrong type falls back to the default. */
export function parseDeploymentConfig(json: unknown): DeploymentConfig {
  const dicomWeb = isObject(json) && isObject(json['dicomWeb']) ? json['dicomWeb'] : {};
  const baseUrl = dicomWeb['baseUrl'];
  const timeoutMs = dicomWeb['timeoutMs'];
  return {
    dicomWeb: {
      baseUrl:
        typeof baseUrl === 'string' && baseUrl.trim()
          ? baseUrl.trim()
          : DEFAULT_DEPLOYMENT_CONFIG.dicomWeb.baseUrl,
      timeoutMs:
        typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0
          ? timeoutMs
          : null,
    },
  };
}

/**
 * Fetches the deployment config (relative to the page); a missing or unreadable file gives the
 * defaults, so a plain build still works behind the dev proxy.
 */
export async function loadDeploymentConfig(
  fetchImpl: (input: string, init?: RequestInit) => Promise<Response> = (input, init) =>
    fetch(input, init),
  url: string = DEPLOYMENT_CONFIG_URL,
): Promise<DeploymentConfig> {
  try {
    const response = await fetchImpl(url, { cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) return DEFAULT_DEPLOYMENT_CONFIG;
    return parseDeploymentConfig(await response.json());
  } catch {
    return DEFAULT_DEPLOYMENT_CONFIG;
  }
}
