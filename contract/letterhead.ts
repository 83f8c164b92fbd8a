import './zodConfig';
/**
 * The organisation's letterhead: who a notice is from, printed at the top of every exported
 * letter (PDF, DOCX, HTML) and used as the sender of an .eml. Stored as one setting
 * (`settings.letterhead.*`); every field may be left empty until an administrator fills it, and a
 * notice that needs the organisation's name then carries a placeholder instead.
 */
import { z } from 'zod';

const line = (max: number) => z.string().trim().max(max).default('');

export const letterheadSchema = z.strictObject({
  /** The organisation's legal name ("Example GmbH"). */
  organisation: line(200),
  /** Postal address, one line per line of the letter. */
  address: z.string().max(1_000).default('').transform((s) => s.replace(/\r\n?/g, '\n').trim()),
  /** The sender address of .eml exports and the contact shown on letters. */
  email: z.email().or(z.literal('')).default(''),
  phone: z.string().trim().regex(/^[+0-9 ()./-]*$/, 'digits, spaces, + ( ) . / -').max(40).default(''),
  website: line(200),
  /** The data protection officer (or other contact point): name and how to reach them (GDPR Art. 33(3)(b)). */
  dpo: line(500),
  /** Who signs the letters ("Jane Doe, General Counsel"). */
  signatory: line(200),
});
export type Letterhead = z.output<typeof letterheadSchema>;
export const EMPTY_LETTERHEAD: Letterhead = { organisation: '', address: '', email: '', phone: '', website: '', dpo: '', signatory: '' };
