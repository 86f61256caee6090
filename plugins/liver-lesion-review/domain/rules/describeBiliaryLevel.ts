import type { BiliaryLevel } from '../findings/types';

const BISMUTH_CORLETTE: Readonly<Record<string, string>> = {
  I: 'common hepatic duct below the confluence',
  II: 'confluence of the hepatic ducts',
  IIIa: 'right hepatic duct',
  IIIb: 'left hepatic duct',
  IV: 'right and left hepatic ducts',
};

/** "Bismuth–Corlette II (confluence of the hepatic ducts)" or "intrahepatic, segment VI". */
export function describeBiliaryLevel(level: BiliaryLevel): string {
  return level.scheme === 'bismuth-corlette'
    ? `Bismuth–Corlette ${level.type} (${BISMUTH_CORLETTE[level.type]})`
    : `intrahepatic duct, Couinaud segment ${level.segment}`;
}
