/**
 * Timepoints of a patient: one per imaging date, the axis along which lesions are compared
 * (July / August / October in the seed case). Pure: takes plain study records.
 */
export interface StudyRecord {
  readonly studyInstanceUid: string;
  /** ISO date YYYY-MM-DD, or null when the study has no valid date. */
  readonly date: string | null;
  readonly modalities: readonly string[];
  readonly seriesDescriptions: readonly string[];
}

export interface Timepoint {
  readonly date: string;
  /** Whole days since the first dated timepoint (0 for the baseline). */
  readonly dayOffset: number;
  readonly studyInstanceUids: readonly string[];
  readonly modalities: readonly string[];
  /** True when any series of the date is an MRCP (by description), as the biliary findings need. */
  readonly hasMrcp: boolean;
}

export interface TimepointSummary {
  readonly timepoints: readonly Timepoint[];
  /** Studies without a usable date cannot be placed on the timeline; they are listed apart. */
  readonly undated: readonly string[];
}

const MS_PER_DAY = 86_400_000;

function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

export function buildTimepoints(studies: readonly StudyRecord[]): TimepointSummary {
  const byDate = new Map<string, StudyRecord[]>();
  const undated: string[] = [];
  for (const study of studies) {
    if (!study.date || Number.isNaN(Date.parse(`${study.date}T00:00:00Z`))) {
      undated.push(study.studyInstanceUid);
      continue;
    }
    const list = byDate.get(study.date) ?? [];
    list.push(study);
    byDate.set(study.date, list);
  }
  const dates = [...byDate.keys()].sort();
  const baseline = dates[0] ? dayNumber(dates[0]) : 0;
  const timepoints = dates.map((date): Timepoint => {
    const group = byDate.get(date) ?? [];
    return {
      date,
      dayOffset: dayNumber(date) - baseline,
      studyInstanceUids: group.map((s) => s.studyInstanceUid),
      modalities: [...new Set(group.flatMap((s) => s.modalities))].sort(),
      hasMrcp: group.some((s) => s.seriesDescriptions.some((d) => /mrcp|cholangio/i.test(d))),
    };
  });
  return { timepoints, undated };
}
