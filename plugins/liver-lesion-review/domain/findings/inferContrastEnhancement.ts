export interface ContrastEvidence {
  /** (0018,0010) ContrastBolusAgent, when the series has it. */
  readonly contrastBolusAgent?: string | null;
  /** (0008,103E) SeriesDescription. */
  readonly seriesDescription?: string | null;
}

export interface ContrastInference {
  /** null when neither the tag nor the description says. */
  readonly enhanced: boolean | null;
  readonly reason: string;
}

const ENHANCED =
  /\b(pv|portal|venous|arterial|art|delayed|equilibrium|nephrographic|post[- ]?contrast|contrast[- ]enhanced|with contrast|ce)\b|(^|[^a-z])c\+/i;
const UNENHANCED =
  /\b(nc|non[- ]?contrast|unenhanced|non[- ]?enhanced|plain|native|pre[- ]?contrast|without contrast|w\/o)\b|(^|[^a-z])c-(\s|$)/i;
const NO_AGENT = /^(none|no|n\/a|nil|-)$/i;

/**
 * Whether a CT series is contrast-enhanced: a ContrastBolusAgent value says yes; otherwise
 * the description's phase words ("PV", "arterial", "non-contrast" …). The L/S thresholds hold
 * for unenhanced CT only, so an unknown phase stays null and is warned about, not assumed.
 */
export function inferContrastEnhancement(evidence: ContrastEvidence): ContrastInference {
  const agent = evidence.contrastBolusAgent?.trim() ?? '';
  if (agent !== '' && !NO_AGENT.test(agent))
    return { enhanced: true, reason: `ContrastBolusAgent (0018,0010) is "${agent}".` };
  const description = evidence.seriesDescription?.trim() ?? '';
  const enhanced = ENHANCED.test(description);
  const unenhanced = UNENHANCED.test(description);
  if (enhanced && !unenhanced)
    return {
      enhanced: true,
      reason: `Series description "${description}" names a contrast phase.`,
    };
  if (unenhanced && !enhanced)
    return { enhanced: false, reason: `Series description "${description}" says unenhanced.` };
  if (enhanced && unenhanced)
    return { enhanced: null, reason: `Series description "${description}" is contradictory.` };
  return {
    enhanced: null,
    reason: 'No contrast agent tag and no phase in the series description.',
  };
}
