/**
 * Tissue classes of the phantom and the value each contrast gives them: Hounsfield units for CT
 * (per examination date: the liver and spleen change), arbitrary 12-bit signal for MR. These
 * tables are written verbatim into truth.json.
 */

export const TISSUES = [
  'air',
  'lung',
  'fat',
  'muscle',
  'bowel',
  'liver',
  'spleen',
  'kidneyCortex',
  'kidneyMedulla',
  'boneCortical',
  'boneCancellous',
  'disc',
  'csf',
  'aorta',
  'ivc',
  'portalVein',
  'hepaticVein',
  'heartBlood',
  'myocardium',
  'stomachWall',
  'stomachFluid',
  'gallbladder',
  'bileDuct',
  'pancreas',
  'lesion',
] as const;

export type Tissue = (typeof TISSUES)[number];
export type TissueTable = Record<Tissue, number>;

/** Portal-venous-phase CT, HU. Liver/spleen/lesion are overridden per date (see CT_DATES). */
export const CT_BASE_HU: TissueTable = {
  air: -1000,
  lung: -850,
  fat: -100,
  muscle: 50,
  bowel: 30,
  liver: 110,
  spleen: 110,
  kidneyCortex: 180,
  kidneyMedulla: 135,
  boneCortical: 650,
  boneCancellous: 220,
  disc: 85,
  csf: 12,
  aorta: 170,
  ivc: 150,
  portalVein: 175,
  hepaticVein: 165,
  heartBlood: 165,
  myocardium: 105,
  stomachWall: 65,
  stomachFluid: 12,
  gallbladder: 8,
  bileDuct: 14,
  pancreas: 100,
  lesion: 50,
};

/** Axial 2D spoiled gradient echo, in phase (T1-weighted): metastases hypointense. */
export const MR_T1_SIGNAL: TissueTable = {
  air: 0,
  lung: 25,
  fat: 1150,
  muscle: 380,
  bowel: 420,
  liver: 620,
  spleen: 430,
  kidneyCortex: 470,
  kidneyMedulla: 360,
  boneCortical: 40,
  boneCancellous: 720,
  disc: 330,
  csf: 150,
  aorta: 240,
  ivc: 260,
  portalVein: 300,
  hepaticVein: 280,
  heartBlood: 220,
  myocardium: 400,
  stomachWall: 420,
  stomachFluid: 140,
  gallbladder: 180,
  bileDuct: 160,
  pancreas: 520,
  lesion: 290,
};

/**
 * Axial fat-saturated T2 turbo spin echo: metastases hyperintense; liver parenchyma mildly bright
 * (oedema, seed 004) — 300 where a normal liver would be about 200.
 */
export const MR_T2_SIGNAL: TissueTable = {
  air: 0,
  lung: 30,
  fat: 130,
  muscle: 150,
  bowel: 380,
  liver: 300,
  spleen: 560,
  kidneyCortex: 620,
  kidneyMedulla: 720,
  boneCortical: 30,
  boneCancellous: 160,
  disc: 600,
  csf: 1800,
  aorta: 40,
  ivc: 50,
  portalVein: 60,
  hepaticVein: 55,
  heartBlood: 60,
  myocardium: 180,
  stomachWall: 260,
  stomachFluid: 1500,
  gallbladder: 1900,
  bileDuct: 1700,
  pancreas: 260,
  lesion: 780,
};

/** Heavily T2-weighted 3D MRCP: only static fluid is bright. */
export const MRCP_SIGNAL: TissueTable = {
  air: 0,
  lung: 5,
  fat: 15,
  muscle: 20,
  bowel: 140,
  liver: 35,
  spleen: 70,
  kidneyCortex: 90,
  kidneyMedulla: 140,
  boneCortical: 5,
  boneCancellous: 20,
  disc: 120,
  csf: 2100,
  aorta: 10,
  ivc: 10,
  portalVein: 12,
  hepaticVein: 12,
  heartBlood: 15,
  myocardium: 25,
  stomachWall: 40,
  stomachFluid: 180,
  gallbladder: 2400,
  bileDuct: 2200,
  pancreas: 45,
  lesion: 260,
};

export function tableLookup(table: TissueTable): (t: Tissue) => number {
  return (t) => table[t];
}
