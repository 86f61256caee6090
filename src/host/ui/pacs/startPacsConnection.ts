import { createDicomWebClient, loadDeploymentConfig } from '../../../datasource/dicomweb';
import { createIdbOutboxStore } from '../../../datasource/dicomweb/outboxStore';
import { describeDicomWebFailure } from '../../../datasource/dicomweb/outboxRetry';
import { createPacsConnection, type PacsConnection } from './createPacsConnection';

/**
 * The app's PACS connection: the real DICOMweb client, the IndexedDB outbox, the settings in
 * the browser's storage, and the deployment's defaults (liver-review.config.json) once read.
 * The outbox starts after that, so objects left by an earlier session are sent at start.
 */
export function startPacsConnection(notify: (message: string) => void): PacsConnection {
  const pacs = createPacsConnection({
    createClient: (config) => createDicomWebClient(config),
    outboxStore: createIdbOutboxStore(),
    storage: { local: window.localStorage, session: window.sessionStorage },
    pageOrigin: window.location.origin,
  });
  void loadDeploymentConfig()
    .then((config) => {
      pacs.setDeployment({
        baseUrl: config.dicomWeb.baseUrl,
        ...(config.dicomWeb.timeoutMs ? { timeoutMs: config.dicomWeb.timeoutMs } : {}),
      });
    })
    .finally(() => pacs.outbox.start())
    .catch((error: unknown) =>
      notify(`The PACS outbox could not start: ${describeDicomWebFailure(error)}`),
    );
  return pacs;
}
