import { biliaryObstructionRule } from './biliaryObstructionRule';
import { cholestaticPatternRule } from './cholestaticPatternRule';
import { diffuseInfiltrationRule } from './diffuseInfiltrationRule';
import { hepatocellularPatternRule } from './hepatocellularPatternRule';
import { hysLawRule } from './hysLawRule';
import { recistProgressionRule, volumetricProgressionRule } from './progressionRules';
import { steatosisRangeRule } from './steatosisRangeRule';
import type { RuleDefinition } from './types';

/** The rules of liver lesion review, in the order a panel lists them. */
export const LIVER_RULES: readonly RuleDefinition[] = [
  diffuseInfiltrationRule,
  biliaryObstructionRule,
  hepatocellularPatternRule,
  cholestaticPatternRule,
  hysLawRule,
  steatosisRangeRule,
  recistProgressionRule,
  volumetricProgressionRule,
];
