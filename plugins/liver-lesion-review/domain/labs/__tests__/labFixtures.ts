import type { LabAnalyte, LabUnit, LabValue } from '../types';

const UNITS: Record<LabAnalyte, LabUnit> = {
  ALT: 'U/L',
  AST: 'U/L',
  ALP: 'U/L',
  GGT: 'U/L',
  TBIL: 'µmol/L',
  DBIL: 'µmol/L',
  GLU: 'mmol/L',
};

/** A lab value with an upper limit of normal (lower limit 0 unless given). */
export function lab(
  analyte: LabAnalyte,
  value: number,
  uln: number | null,
  date = '2024-01-01',
  extra: Partial<LabValue> = {},
): LabValue {
  return {
    analyte,
    date,
    value,
    unit: UNITS[analyte],
    referenceRange: { lower: uln === null ? null : 0, upper: uln },
    ...extra,
  };
}
