import type { ViewerPlugin } from '../../src/plugin-api';
import { LIVER_SEGMENT_TYPES } from './domain/segmentTypes';
import { TimepointsPanel } from './ui/TimepointsPanel';

/** The liver lesion review plugin: its single public surface. */
export const liverLesionReviewPlugin: ViewerPlugin = {
  id: 'liver-lesion-review',
  title: 'Liver lesion review',
  panels: [
    { id: 'timepoints', title: 'Timepoints', location: 'right', component: TimepointsPanel },
  ],
  segmentTypes: LIVER_SEGMENT_TYPES,
};
