// Minimal typing for the parts of dcmjs this project uses (dcmjs ships no declarations).
declare module 'dcmjs' {
  export type NaturalDataset = Record<string, unknown>;
  export interface DenaturalizedElement {
    vr: string;
    Value?: unknown[];
    InlineBinary?: string;
    BulkDataURI?: string;
  }
  export type DenaturalizedDataset = Record<string, DenaturalizedElement>;
  export interface WriteOptions {
    allowInvalidVRLength?: boolean;
    fragmentMultiframe?: boolean;
  }
  export class DicomDict {
    constructor(meta: DenaturalizedDataset);
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: WriteOptions): ArrayBuffer;
  }
  export interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }
  export const DicomMessage: {
    readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDict;
  };
  export const DicomMetaDictionary: {
    naturalizeDataset(dataset: DenaturalizedDataset): NaturalDataset;
    denaturalizeDataset(dataset: NaturalDataset): DenaturalizedDataset;
    uid(): string;
    date(): string;
    time(): string;
  };
  export const data: {
    DicomDict: typeof DicomDict;
    DicomMessage: typeof DicomMessage;
    DicomMetaDictionary: typeof DicomMetaDictionary;
  };
  const dcmjs: { data: typeof data };
  export default dcmjs;
}
