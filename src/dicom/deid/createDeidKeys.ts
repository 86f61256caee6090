/**
 * The keyed, deterministic replacements of one export session: UIDs, patient pseudonyms and
 * date offsets are all HMAC-SHA-256 of the original under the session's salt. Same salt, same
 * input → same output, across files, studies and calls; without the salt nothing maps back.
 */
import { hmacSha256, toHex, utf8 } from './sha256.ts';
import type { DeidOptions, PatientDeidentity } from './types.ts';

/** UIDs of the DICOM standard itself (SOP classes, transfer syntaxes, coding schemes) stay. */
const STANDARD_UID_ROOT = '1.2.840.10008.';

// Derived offsets: 1 to 10 years back, in whole weeks so follow-up weekdays are kept too.
const MIN_OFFSET_WEEKS = 53;
const OFFSET_RANGE_WEEKS = 470;

export interface DeidKeys {
  /** A consistent replacement for a UID; standard (1.2.840.10008.…) UIDs are returned as is. */
  readonly mapUid: (uid: string) => string;
  /** Pseudonyms and date offset of the patient whose original PatientID (or name) is `key`. */
  readonly patient: (key: string) => PatientDeidentity;
}

export function createDeidKeys(options: DeidOptions): DeidKeys {
  const salt = options.salt;
  const uids = new Map<string, string>();
  const patients = new Map<string, PatientDeidentity>();
  const mac = (purpose: string, value: string) =>
    hmacSha256(salt, utf8(`${purpose}\u0000${value}`));

  const mapUid = (uid: string): string => {
    const original = uid.trim().replace(/\0+$/, '');
    if (original === '' || original.startsWith(STANDARD_UID_ROOT)) return original;
    const cached = uids.get(original);
    if (cached) return cached;
    // PS3.5 B.2: "2.25." + the decimal value of a UUID. Version 8 (custom) and RFC 9562 variant
    // bits make the 128 keyed bits a well-formed UUID.
    const bytes = mac('uid', original).slice(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x80;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const mapped = `2.25.${BigInt(`0x${toHex(bytes)}`).toString(10)}`;
    uids.set(original, mapped);
    return mapped;
  };

  const patient = (key: string): PatientDeidentity => {
    const cached = patients.get(key);
    if (cached) return cached;
    const digest = mac('patient', key);
    const code = toHex(digest.slice(0, 5)).toUpperCase();
    const weeks =
      MIN_OFFSET_WEEKS + (new DataView(digest.buffer).getUint32(8) % OFFSET_RANGE_WEEKS);
    const value: PatientDeidentity = {
      patientName: options.pseudonym?.patientName ?? `ANON^${code}`,
      patientId: options.pseudonym?.patientId ?? `ANON-${code}`,
      dateOffsetDays: options.dateOffsetDays ?? -7 * weeks,
    };
    patients.set(key, value);
    return value;
  };

  return { mapUid, patient };
}
