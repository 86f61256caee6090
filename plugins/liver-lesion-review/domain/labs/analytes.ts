import type { LabAnalyte, LabUnit } from './types';

export interface AnalyteInfo {
  readonly analyte: LabAnalyte;
  readonly name: string;
  readonly unit: LabUnit;
  /** Lower-cased names and abbreviations a lab report or CSV may use. */
  readonly aliases: readonly string[];
  /** Accepted units (normalised spelling, see normaliseUnitText) → factor to the canonical unit. */
  readonly unitFactors: Readonly<Record<string, number>>;
}

// 1 µkat/L = 60 U/L (1 U = 1 µmol/min = 16.67 nkat). Bilirubin 1 mg/dL = 17.1 µmol/L
// (M = 584.7 g/mol); glucose 1 mmol/L = 18.016 mg/dL (M = 180.16 g/mol).
const ENZYME_UNITS = { 'u/l': 1, 'iu/l': 1, 'µkat/l': 60 } as const;
const BILIRUBIN_UNITS = { 'µmol/l': 1, 'mg/dl': 17.1 } as const;
const GLUCOSE_UNITS = { 'mmol/l': 1, 'mg/dl': 1 / 18.016 } as const;

export const LAB_ANALYTES: Readonly<Record<LabAnalyte, AnalyteInfo>> = {
  ALT: {
    analyte: 'ALT',
    name: 'Alanine aminotransferase',
    unit: 'U/L',
    aliases: ['alt', 'alat', 'sgpt', 'gpt', 'alanine aminotransferase'],
    unitFactors: ENZYME_UNITS,
  },
  AST: {
    analyte: 'AST',
    name: 'Aspartate aminotransferase',
    unit: 'U/L',
    aliases: ['ast', 'asat', 'sgot', 'got', 'aspartate aminotransferase'],
    unitFactors: ENZYME_UNITS,
  },
  ALP: {
    analyte: 'ALP',
    name: 'Alkaline phosphatase',
    unit: 'U/L',
    aliases: ['alp', 'akp', 'alkaline phosphatase'],
    unitFactors: ENZYME_UNITS,
  },
  GGT: {
    analyte: 'GGT',
    name: 'Gamma-glutamyl transferase',
    unit: 'U/L',
    aliases: ['ggt', 'γ-gt', 'gamma-gt', 'ggtp', 'gamma-glutamyl transferase'],
    unitFactors: ENZYME_UNITS,
  },
  TBIL: {
    analyte: 'TBIL',
    name: 'Total bilirubin',
    unit: 'µmol/L',
    aliases: ['tbil', 't-bil', 'tb', 'total bilirubin', 'bilirubin'],
    unitFactors: BILIRUBIN_UNITS,
  },
  DBIL: {
    analyte: 'DBIL',
    name: 'Direct bilirubin',
    unit: 'µmol/L',
    aliases: ['dbil', 'd-bil', 'db', 'direct bilirubin', 'conjugated bilirubin'],
    unitFactors: BILIRUBIN_UNITS,
  },
  GLU: {
    analyte: 'GLU',
    name: 'Glucose',
    unit: 'mmol/L',
    aliases: ['glu', 'glucose', 'fbg', 'fpg', 'fasting glucose', 'fasting blood glucose'],
    unitFactors: GLUCOSE_UNITS,
  },
};

/** The analyte a report's name stands for, or null. Case and surrounding spaces ignored. */
export function findAnalyte(name: string): LabAnalyte | null {
  const key = name.trim().toLowerCase();
  for (const info of Object.values(LAB_ANALYTES))
    if (info.aliases.includes(key)) return info.analyte;
  return null;
}

/** "umol/l", "μmol/L" (Greek mu), "µmol / L", "U/l" → one spelling for lookup. */
export function normaliseUnitText(unit: string): string {
  return unit
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^[uμ](?=mol|kat)/, 'µ');
}

/** Factor converting `unit` to the analyte's canonical unit, or null when not accepted. */
export function unitFactor(analyte: LabAnalyte, unit: string): number | null {
  return LAB_ANALYTES[analyte].unitFactors[normaliseUnitText(unit)] ?? null;
}
