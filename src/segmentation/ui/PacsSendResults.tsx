import type { OutgoingObject, PacsSender, SendOutcome } from '../../datasource/dicomweb/outbox';
import type { DicomSegInterop, SegExportOptions } from '../dicomSeg/createDicomSegInterop';
import type { SegmentationSession } from '../createSegmentationSession';

/** How one "Send to PACS" ended: a sentence, and one result per object. */
export interface PacsSendReport {
  readonly text: string;
  readonly error: boolean;
  readonly outcomes: readonly SendOutcome[];
}

const STATUS_TEXT: Record<SendOutcome['status'], string> = {
  stored: 'stored',
  queued: 'waiting in the outbox',
  failed: 'failed',
};

/**
 * Writes the session's SEG (and SR) as "Export" does and sends them with STOW-RS through the
 * outbox, so an object the PACS did not confirm stays in the browser and is sent later.
 */
export async function sendExportToPacs(
  interop: DicomSegInterop,
  session: SegmentationSession,
  pacs: PacsSender,
  options: SegExportOptions,
): Promise<PacsSendReport> {
  const exported = await interop.exportSession(session, options);
  if (!exported.ok)
    return {
      text: `Export failed: ${exported.error.message} (${exported.error.code})`,
      error: true,
      outcomes: [],
    };
  const { data, fileName, sopInstanceUid, report } = exported.value;
  const objects: OutgoingObject[] = [
    {
      name: fileName,
      kind: 'SEG',
      sopInstanceUid,
      bytes: new Uint8Array(await data.arrayBuffer()),
    },
  ];
  if (report)
    objects.push({
      name: report.fileName,
      kind: 'SR',
      sopInstanceUid: report.sopInstanceUid,
      bytes: new Uint8Array(await report.data.arrayBuffer()),
    });
  let outcomes: readonly SendOutcome[];
  try {
    outcomes = await pacs.send(objects);
  } catch (error) {
    return {
      text: `Sending failed: ${error instanceof Error ? error.message : String(error)}`,
      error: true,
      outcomes: [],
    };
  }
  const count = (status: SendOutcome['status']): number =>
    outcomes.filter((o) => o.status === status).length;
  const parts: string[] = [];
  if (count('stored') > 0) parts.push(`${count('stored')} object(s) stored on ${pacs.serverUrl}.`);
  if (count('queued') > 0)
    parts.push(
      `${count('queued')} object(s) could not be sent and wait in the outbox; they are sent automatically when the PACS answers.`,
    );
  if (count('failed') > 0)
    parts.push(`${count('failed')} object(s) refused; kept in the outbox (see the reasons).`);
  return { text: parts.join(' '), error: count('stored') < outcomes.length, outcomes };
}

/** The result of a send, per object (stored / waiting in the outbox / failed: reason). */
export function PacsSendResults({ report }: { readonly report: PacsSendReport }) {
  return (
    <>
      <p role={report.error ? 'alert' : 'status'}>{report.text}</p>
      {report.outcomes.length > 0 && (
        <ul className="pacs-sent" aria-label="Sent to PACS">
          {report.outcomes.map((o) => (
            <li key={o.sopInstanceUid} className={o.status}>
              {o.kind} {o.name}: {STATUS_TEXT[o.status]}
              {o.status === 'stored' ? '' : ` (${o.message})`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
