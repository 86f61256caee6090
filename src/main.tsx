import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { liverLesionReviewPlugin } from '../plugins/liver-lesion-review';
import { createIngestClient } from './datasource/createIngestClient';
import { createSampleDataSource } from './datasource/sampleDataSource';
import { createHost } from './host/createHost';
import type { OpenedMeasurementReport } from './plugin-api';
import { createSegmentEditor } from './segmentation/createSegmentEditor';
import { createEditorProbe } from './segmentation/createEditorProbe';
import { createSegmentationAccess } from './segmentation/createSegmentationAccess';
import { createDicomSegInterop } from './segmentation/dicomSeg/createDicomSegInterop';
import { App } from './host/ui/App';
import { startPacsConnection } from './host/ui/pacs/startPacsConnection';
import { initCornerstone } from './viewport/initCornerstone';
import { createViewportController } from './viewport/createViewportController';
import { volumeTextureBytes } from './viewport/createCornerstoneVolume';
import './styles.css';

const { cpuFallback } = initCornerstone();
// A crashed ingest worker is replaced on the next request, which reads the opened files again.
const client = createIngestClient({
  onRestart: ({ resentFiles }) =>
    host.api.notify(
      `The file reader stopped and was restarted; ${resentFiles} opened files were read again.`,
      'warning',
    ),
});
const host = createHost(client);
host.plugins.register(liverLesionReviewPlugin);
const controller = createViewportController();
const editor = createSegmentEditor({
  controller,
  segmentTypes: host.plugins.segmentTypes(),
  notify: host.api.notify,
});
host.connect({
  segmentations: createSegmentationAccess(editor, host.plugins.segmentTypes()),
  navigation: {
    jumpTo: (points) => controller.jumpToWorldIn(points),
    pickWorldPoint: () => controller.pickWorldPoint(),
    cancelPick: () => controller.cancelPick(),
  },
});

const reportContributions = host.plugins.measurementReports();
const dicomSeg = createDicomSegInterop({
  client,
  // De-identified SEG/SR and the plugin's CSV/JSON share the host's salt (same date shift).
  deidSalt: () => host.deidSalt,
  segmentTypes: host.plugins.segmentTypes(),
  ...(reportContributions.length > 0
    ? {
        measureForReport: async (seriesId: string) => {
          const parts = await Promise.all(
            reportContributions.map((c) => c.measure(host.api, seriesId)),
          );
          return {
            lesions: parts.flatMap((p) => p.lesions),
            findings: parts.flatMap((p) => p.findings),
          };
        },
      }
    : {}),
  ...(reportContributions.some((c) => c.open)
    ? {
        openReport: async (report: OpenedMeasurementReport) => {
          const outcomes = await Promise.all(
            reportContributions.flatMap((c) => (c.open ? [c.open(host.api, report)] : [])),
          );
          return outcomes.map((o) => o.message).join(' ');
        },
      }
    : {}),
  onFilesChanged: (listener) => {
    const subscription = host.api.on('patients-changed', listener);
    return () => subscription.dispose();
  },
});

const pacs = startPacsConnection((message) => host.api.notify(message, 'error'));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App
      host={host}
      controller={controller}
      editor={editor}
      dicomSeg={dicomSeg}
      cpuFallback={cpuFallback}
      pacs={pacs}
    />
  </StrictMode>,
);

// The viewer opens on the bundled sample patient unless ?autoload=0 (used by tests that
// load it from the UI).
if (new URLSearchParams(window.location.search).get('autoload') !== '0') {
  void host.loadSource(createSampleDataSource());
}

// Browser tests read these; they carry no patient data.
Object.assign(window, {
  __llr: { cpuFallback, editor: createEditorProbe(editor, controller), volumeTextureBytes },
});
