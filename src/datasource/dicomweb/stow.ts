import { numberValue, sequenceItems, stringValue, type DicomJsonDataset } from './dicomJson';
import type { StoreResult } from './types';

const TAG = {
  failedSopSequence: '00081198',
  referencedSopSequence: '00081199',
  referencedSopInstanceUid: '00081155',
  failureReason: '00081197',
  warningReason: '00081196',
} as const;

/** PS3.18 Table 10.5.3-1 / PS3.4 Annex C failure reasons, for people. */
function describeFailureReason(code: number | null): string {
  if (code === null) return 'refused by the PACS (no reason given)';
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const meaning =
    code === 0x0110
      ? 'processing failure'
      : code === 0x0122
        ? 'SOP class not supported'
        : code === 0x0124
          ? 'not authorized'
          : code === 0x0111
            ? 'duplicate SOP instance'
            : code >> 8 === 0xa7
              ? 'out of resources'
              : code >> 8 === 0xa9
                ? 'data set does not match the SOP class'
                : code >> 12 === 0xc
                  ? 'the PACS cannot understand the object'
                  : 'refused by the PACS';
  return `${meaning} (FailureReason ${hex})`;
}

function describeWarningReason(code: number | null): string {
  if (code === null) return '';
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const meaning =
    code === 0xb000
      ? 'some values were coerced'
      : code === 0xb007
        ? 'the data set does not match the SOP class'
        : code === 0xb006
          ? 'some elements were discarded'
          : 'warning';
  return `${meaning} (WarningReason ${hex})`;
}

/**
 * One StoreResult per sent file from a STOW-RS response (PS3.18 §10.5.3): stored when the
 * ReferencedSOPSequence lists its SOP Instance UID, refused with the reason when the
 * FailedSOPSequence does; a file in neither is reported as not stored (the server did not
 * confirm it), with the HTTP status.
 */
export function storeResultsFromResponse(
  files: ReadonlyArray<{ readonly sopInstanceUid: string }>,
  response: DicomJsonDataset,
  status: number,
): StoreResult[] {
  const stored = new Map<string, string>();
  for (const item of sequenceItems(response, TAG.referencedSopSequence)) {
    const uid = stringValue(item, TAG.referencedSopInstanceUid);
    if (uid) stored.set(uid, describeWarningReason(numberValue(item, TAG.warningReason)));
  }
  const failed = new Map<string, string>();
  for (const item of sequenceItems(response, TAG.failedSopSequence)) {
    const uid = stringValue(item, TAG.referencedSopInstanceUid);
    if (uid) failed.set(uid, describeFailureReason(numberValue(item, TAG.failureReason)));
  }
  return files.map(({ sopInstanceUid }) => {
    const warning = stored.get(sopInstanceUid);
    if (warning !== undefined) {
      return { sopInstanceUid, ok: true, message: warning ? `stored; ${warning}` : 'stored' };
    }
    const reason = failed.get(sopInstanceUid);
    if (reason !== undefined)
      return { sopInstanceUid, ok: false, message: `not stored: ${reason}` };
    return {
      sopInstanceUid,
      ok: false,
      message: `not stored: the PACS answered HTTP ${status} and did not confirm this object`,
    };
  });
}

/** Whether a parsed body looks like a STOW-RS response (either sequence present). */
export function isStoreResponse(dataset: DicomJsonDataset): boolean {
  return TAG.referencedSopSequence in dataset || TAG.failedSopSequence in dataset;
}
