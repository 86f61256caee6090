/** A fresh lesion identity: the next free "Ln" label and a DICOM TrackingUID (PS3.5 §B.2). */
export function newLesionIdentity(taken: ReadonlySet<string | null>): {
  trackingId: string;
  trackingUid: string;
} {
  let n = 1;
  while (taken.has(`L${n}`)) n++;
  const hex = crypto.randomUUID().replace(/-/g, '');
  return { trackingId: `L${n}`, trackingUid: `2.25.${BigInt(`0x${hex}`).toString()}` };
}
