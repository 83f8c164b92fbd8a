import { TLP_MEANING, type TlpLevel } from '../../../contract';

/**
 * TLP 2.0 label and colours as FIRST specifies them (https://www.first.org/tlp/, "How to use TLP
 * in email and documents"): the label in capitals, coloured text on a black background.
 */
export interface TlpMarking {
  label: string;
  meaning: string;
  /** Text colour, hex without '#'. */
  color: string;
  background: string;
}

const COLOR: Record<TlpLevel, string> = { clear: 'FFFFFF', green: '33FF00', amber: 'FFC000', red: 'FF2B2B' };

export function tlpMarking(level: TlpLevel): TlpMarking {
  return { label: `TLP:${level.toUpperCase()}`, meaning: TLP_MEANING[level], color: COLOR[level], background: '000000' };
}
