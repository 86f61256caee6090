/**
 * Measurements a plugin adds to the DICOM SR (TID 1500) the host writes with a SEG export. The
 * host owns DICOM (identities, references to the SEG it has just written, evidence); the plugin
 * owns what the numbers and findings mean. Plain data keyed by labelmap segment index.
 */
import type { HostApi } from './host-api';
import type { Vec3 } from './segmentations';

/** One lesion segment's measurements (TID 1411); null where not measurable. */
export interface ReportedLesion {
  /** Label value in the series' labelmap (the host maps it to the SEG segment number). */
  readonly segmentIndex: number;
  readonly volumeMl: number;
  /** RECIST-style longest axial diameter and its perpendicular short axis, mm. */
  readonly longAxisMm: number | null;
  readonly shortAxisMm: number | null;
  /** Mean and SD in modality units (HU on CT). */
  readonly meanIntensity: number | null;
  readonly intensitySd: number | null;
}

export interface ReportedRoiIntensity {
  readonly meanHu: number;
  readonly sdHu: number | null;
}

/** Findings recorded for the series' date, as the SR writes them. */
export type ReportedFinding =
  | {
      readonly kind: 'pattern';
      readonly pattern: 'nodular' | 'diffuse' | 'mixed' | 'none';
    }
  | {
      readonly kind: 'liver-spleen';
      readonly liver: ReportedRoiIntensity;
      readonly spleen: ReportedRoiIntensity;
      /** Liver mean ÷ spleen mean. */
      readonly ratio: number | null;
    }
  | {
      readonly kind: 'biliary-interruption';
      readonly trackingId: string | null;
      /** The marked point, patient LPS mm, in the frame of reference of the image it was on. */
      readonly pointMm: Vec3;
      readonly frameOfReferenceUid: string;
      readonly level:
        | {
            readonly scheme: 'bismuth-corlette';
            readonly type: 'I' | 'II' | 'IIIa' | 'IIIb' | 'IV';
          }
        | { readonly scheme: 'intrahepatic-segment'; readonly segment: string }
        | null;
      readonly upstreamDilatation: boolean | null;
    };

export interface ReportMeasurements {
  readonly lesions: readonly ReportedLesion[];
  readonly findings: readonly ReportedFinding[];
}

/** Supplies the measurements of a segmented series for the SR written next to its SEG. */
export interface MeasurementReportContribution {
  readonly id: string;
  measure(host: HostApi, seriesId: string): Promise<ReportMeasurements>;
}
