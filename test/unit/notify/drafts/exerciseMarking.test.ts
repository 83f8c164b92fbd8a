import JSZip from 'jszip';
import { simpleParser } from 'mailparser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISE_EXPLANATION, EXERCISE_MARKING, type Draft, type ExportFormat } from '../../../../contract';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { completeBreach } from './draftFixture';

/**
 * A notice drafted for an exercise can never pass for a real one (issue 12 §1): every format
 * carries "EXERCISE — NOT A REAL INCIDENT" where nobody misses it — top of the Markdown, HTML and
 * e-mail text, "[EXERCISE]" before the subject, the head of every PDF page, the DOCX page header —
 * and a real incident's files carry none of it. The marking follows the incident's flag.
 */
let v: TestVault;
let drill: Draft;
let real: Draft;

beforeAll(async () => {
  v = await createTestVault();
  const drillRef = await completeBreach(v.admin);
  await v.admin.call('incidents.update', { ref: drillRef, patch: { exercise: true }, reason: 'Tabletop of 14 March' });
  drill = await v.admin.call('notify.drafts.create', { ref: drillRef, regimeId: 'eu-gdpr-art33' });
  // Long enough for a second PDF page: the marking must head every page, not only the first.
  drill = await v.admin.call('notify.drafts.revise', { id: drill.id, body: `${drill.body}\n${'Further detail about the attack path. '.repeat(400)}\n` });
  real = await v.admin.call('notify.drafts.create', { ref: await completeBreach(v.admin), regimeId: 'eu-gdpr-art33' });
});
afterAll(() => v.dispose());

async function exported(draft: Draft, format: ExportFormat): Promise<{ fileName: string; data: Buffer }> {
  const e = await v.admin.call('notify.drafts.export', { id: draft.id, format });
  return { fileName: e.fileName, data: Buffer.from(e.dataBase64, 'base64') };
}

/** Each page's text as a PDF reader extracts it, and whether the marking is the topmost text on it. */
async function pdfPages(data: Buffer): Promise<{ text: string; markedAtTop: boolean }[]> {
  const doc = await getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  const pages: { text: string; markedAtTop: boolean }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const items = (await (await doc.getPage(i)).getTextContent()).items.filter((item) => 'str' in item && item.str.trim() !== '');
    // PDF y grows upwards: the header is the item with the highest baseline.
    const top = items.reduce((a, b) => ((b as { transform: number[] }).transform[5]! > (a as { transform: number[] }).transform[5]! ? b : a));
    pages.push({
      text: items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '),
      markedAtTop: 'str' in top && top.str === EXERCISE_MARKING,
    });
  }
  await doc.destroy();
  return pages;
}

async function docxParts(data: Buffer): Promise<{ headers: string; body: string }> {
  const zip = await JSZip.loadAsync(data);
  const read = (names: string[]) => Promise.all(names.map((f) => zip.file(f)!.async('string'))).then((x) => x.join(''));
  return {
    headers: await read(Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f))),
    body: await read(['word/document.xml']),
  };
}

describe('an exercise\'s notice is marked in every format', () => {
  it('the draft says it is an exercise; the file name too', async () => {
    expect(drill.exercise).toBe(true);
    expect(real.exercise).toBe(false);
    expect((await exported(drill, 'md')).fileName).toBe(`EXERCISE-${drill.ref}-eu-gdpr-art33-authority-v2.md`);
    expect((await exported(real, 'md')).fileName).toBe(`${real.ref}-eu-gdpr-art33-authority-v1.md`);
  });

  it('Markdown: the marking is the first thing in the file; the subject starts with [EXERCISE]', async () => {
    const md = (await exported(drill, 'md')).data.toString('utf8');
    expect(md.startsWith(`> **${EXERCISE_MARKING}**  \n> ${EXERCISE_EXPLANATION}\n\n`)).toBe(true);
    expect(md).toContain(`**[EXERCISE] ${drill.title}**`);
    const plain = (await exported(real, 'md')).data.toString('utf8');
    expect(plain).not.toMatch(/EXERCISE/);
    expect(plain).toContain(`**${real.title}**`);
  });

  it('HTML: a banner first in the body, [EXERCISE] in the title and heading', async () => {
    const html = (await exported(drill, 'html')).data.toString('utf8');
    const body = html.slice(html.indexOf('<body>') + '<body>'.length).trimStart();
    expect(body.startsWith(`<div class="exercise" role="note"><strong>${EXERCISE_MARKING}</strong>`)).toBe(true);
    expect(html).toContain(`<title>[EXERCISE] ${drill.title}</title>`);
    expect(html).toContain(`<h1>[EXERCISE] ${drill.title}</h1>`);
    const plain = (await exported(real, 'html')).data.toString('utf8');
    expect(plain).not.toMatch(/EXERCISE|class="exercise"|firebreak-exercise/);
  });

  it('.eml: Subject starts with [EXERCISE]; the body opens with the marking; a header for mail filters', async () => {
    const raw = (await exported(drill, 'eml')).data;
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(`[EXERCISE] ${drill.title}`);
    expect(mail.text?.startsWith(`*** ${EXERCISE_MARKING} ***\n${EXERCISE_EXPLANATION}\n`)).toBe(true);
    expect(mail.headers.get('x-firebreak-exercise')).toBe('yes (EXERCISE - NOT A REAL INCIDENT)');
    const plain = await simpleParser((await exported(real, 'eml')).data);
    expect(plain.subject).toBe(real.title);
    expect(plain.text).not.toMatch(/EXERCISE/);
    expect(plain.headers.has('x-firebreak-exercise')).toBe(false);
  });

  it('PDF: the marking is the topmost text of every page (as a reader extracts it)', async () => {
    const pages = await pdfPages((await exported(drill, 'pdf')).data);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.map((p) => p.markedAtTop)).toEqual(pages.map(() => true));
    for (const page of pages) expect(page.text).toContain(EXERCISE_EXPLANATION);
    expect(pages[0]!.text).toContain(`[EXERCISE] ${drill.title}`);
    const plain = await pdfPages((await exported(real, 'pdf')).data);
    expect(plain.map((p) => p.text).join(' ')).not.toMatch(/EXERCISE/);
  });

  it('DOCX: the page header (on every page) carries the marking; the subject starts with [EXERCISE]', async () => {
    const { headers, body } = await docxParts((await exported(drill, 'docx')).data);
    expect(headers).toContain(EXERCISE_MARKING);
    expect(headers).toContain(EXERCISE_EXPLANATION);
    expect(body).toContain(`[EXERCISE] ${drill.title}`);
    const plain = await docxParts((await exported(real, 'docx')).data);
    expect(`${plain.headers}${plain.body}`).not.toMatch(/EXERCISE/);
  });

  it('follows the incident: no longer an exercise, no longer marked', async () => {
    await v.admin.call('incidents.update', { ref: drill.ref, patch: { exercise: false }, reason: 'Declared by mistake as a drill' });
    expect((await v.admin.call('notify.drafts.get', { id: drill.id })).exercise).toBe(false);
    expect((await exported(drill, 'md')).data.toString('utf8')).not.toMatch(/EXERCISE/);
    await v.admin.call('incidents.update', { ref: drill.ref, patch: { exercise: true } });
  });
});
