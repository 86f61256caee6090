import type { ViewerPlugin } from '../../src/plugin-api';
import { LIVER_SEGMENT_TYPES } from './domain/segmentTypes';
import { FindingsPanel } from './ui/FindingsPanel';
import { LesionReviewPanel } from './ui/LesionReviewPanel';
import { lesionMeasurementReport } from './ui/measureForReport';
import { TimepointsPanel } from './ui/TimepointsPanel';

/** The liver lesion review plugin: its single public surface. */
export const liverLesionReviewPlugin: ViewerPlugin = {
  id: 'liver-lesion-review',
  title: 'Liver lesion review',
  panels: [
    { id: 'timepoints', title: 'Timepoints', location: 'right', component: TimepointsPanel },
    {
      id: 'lesion-review',
      title: 'Lesion review',
      location: 'bottom',
      component: LesionReviewPanel,
    },
    {
      id: 'findings',
      title: 'Findings, labs and rules',
      location: 'bottom',
      component: FindingsPanel,
    },
  ],
  segmentTypes: LIVER_SEGMENT_TYPES,
  measurementReports: [lesionMeasurementReport],
};
