import JSZip from 'jszip';
import { simpleParser } from 'mailparser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_SUPPORT_NOTICE, type Draft, type ExportFormat } from '../../../../contract';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { COMPLETE_FACTS, completeBreach, LETTERHEAD } from './draftFixture';

let v: TestVault;
let authority: Draft;
let people: Draft;
const RECIPIENT = 'Bayerisches Landesamt für Datenschutzaufsicht';

beforeAll(async () => {
  v = await createTestVault();
  const ref = await completeBreach(v.admin);
  authority = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
  people = await v.admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art34' });
});
afterAll(() => v.dispose());

async function exported(draft: Draft, format: ExportFormat, recipient?: string) {
  const e = await v.admin.call('notify.drafts.export', { id: draft.id, format, ...(recipient ? { recipient } : {}) });
  const data = Buffer.from(e.dataBase64, 'base64');
  expect(e.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  expect(e.notice).toBe(DECISION_SUPPORT_NOTICE);
  return { ...e, data };
}

async function pdfText(data: Buffer): Promise<{ text: string; info: Record<string, unknown>; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    text += '\n';
  }
  const { info } = await doc.getMetadata();
  const pages = doc.numPages;
  await doc.destroy();
  return { text, info: info as Record<string, unknown>, pages };
}

describe('notification draft exports', () => {
  it('PDF: a letter that parses back with the letterhead, recipient, subject and body; "Müller" and "€" intact', async () => {
    const pdf = await exported(authority, 'pdf', RECIPIENT);
    expect(pdf).toMatchObject({ mediaType: 'application/pdf', fileName: `${authority.ref}-eu-gdpr-art33-authority-v1.pdf` });
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, info, pages } = await pdfText(pdf.data);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Müller & Söhne GmbH');
    expect(flat).toContain('Hauptstraße 5');
    expect(flat).toContain(RECIPIENT);
    expect(flat).toContain(authority.title);
    expect(flat).toContain('14 March 2026');
    expect(flat).toContain('up to €2,000 per card');
    expect(flat).toContain('The likely consequences of the personal data breach');
    expect(flat).toContain('Jana Weber, General Counsel');
    expect(flat).toMatch(/Page 1 of \d/);
    expect(pages).toBeGreaterThanOrEqual(1);
    // The note is in the file's metadata, not in the letter.
    expect(info).toMatchObject({ Title: authority.title, Author: 'Müller & Söhne GmbH', Keywords: DECISION_SUPPORT_NOTICE });
    expect(flat).not.toMatch(/legal advice/);
  });

  it('PDF: text the standard font cannot show degrades to readable Latin, never breaks the file', async () => {
    const body = `${authority.body}\nContact in Łódź: Zoë Ångström, 東京 office ≥ 2 people.\n`;
    const revised = await v.admin.call('notify.drafts.revise', { id: authority.id, body });
    const { text } = await pdfText((await exported(revised, 'pdf')).data);
    expect(text.replace(/\s+/g, ' ')).toContain('Contact in Lódz: Zoë Ångström, ?? office >= 2 people.');
  });

  it('DOCX: unzips to a Word document whose text has the letterhead, recipient, subject and body', async () => {
    const docx = await exported(people, 'docx', 'Erika Mustermann\nLindenallee 3\n50667 Köln');
    expect(docx.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(docx.data);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'docProps/core.xml']));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ').replace(/&amp;/g, '&');
    expect(text).toContain('Notice of Data Breach');
    expect(text).toContain('Erika Mustermann');
    expect(text).toContain('50667 Köln');
    expect(text).toContain('What this means for you');
    expect(text).toContain('up to €2,000 per card');
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('Müller &amp; Söhne GmbH');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('not legal advice');
    expect(xml).not.toContain('legal advice');
  });

  it('.eml: RFC 5322 with CRLF, UTF-8 quoted-printable body and encoded non-ASCII headers, as a mail client parses it', async () => {
    const eml = await exported(authority, 'eml', 'BayLDA <poststelle@lda.bayern.example>');
    expect(eml.mediaType).toBe('message/rfc822');
    const raw = eml.data.toString('utf8');
    expect(raw).toMatch(/^Date: Sat, 14 Mar 2026 09:00:00 \+0000\r\n/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    // 7-bit clean: every non-ASCII character is encoded.
    expect([...eml.data].every((byte) => byte < 0x80)).toBe(true);

    const mail = await simpleParser(eml.data);
    expect(mail.subject).toBe(authority.title);
    expect(mail.from?.value[0]).toMatchObject({ name: 'Müller & Söhne GmbH', address: LETTERHEAD.email });
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.value[0]).toMatchObject({ name: 'BayLDA', address: 'poststelle@lda.bayern.example' });
    expect(mail.date?.toISOString()).toBe('2026-03-14T09:00:00.000Z');
    expect(mail.headers.get('mime-version')).toBe('1.0');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'UTF-8' } });
    expect(mail.text).toContain(COMPLETE_FACTS.likelyConsequences);
    expect(mail.text).toContain('Müller & Söhne GmbH');
    expect(mail.text).not.toMatch(/legal advice/);

    // A non-ASCII subject is an encoded-word; a recipient that is no address leaves To: for the mail client.
    const revised = await v.admin.call('notify.drafts.revise', { id: people.id, body: people.body, title: 'Hinweis: Datenpanne bei Müller & Söhne – bitte lesen' });
    const second = await exported(revised, 'eml');
    expect(second.data.toString()).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(second.data.toString()).toMatch(/^To: undisclosed-recipients:;\r$/m);
    expect((await simpleParser(second.data)).subject).toBe('Hinweis: Datenpanne bei Müller & Söhne – bitte lesen');
  });

  it('HTML: self-contained and printable; text from the incident is escaped, never markup', async () => {
    const hostile = await v.admin.call('notify.drafts.revise', {
      id: people.id, body: `${people.body}\n## What happened <script>alert(1)</script>\n\nSee <img src=x onerror=alert(2)> & "quotes"\n`,
    });
    const html = (await exported(hostile, 'html')).data.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('See &lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toContain(`<meta name="firebreak-notice" content="${DECISION_SUPPORT_NOTICE.replace(/'/g, '&#39;')}">`);
    expect(html).toContain('<div class="org">Müller &amp; Söhne GmbH</div>');
    // Nothing to load: no element with a source or a link.
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/);
  });

  it('Markdown: text from the incident and the draft is escaped, never markup; a line break in the title cannot end its line', async () => {
    const hostile = await v.admin.call('notify.drafts.revise', {
      id: people.id,
      title: 'Breach at <b>Acme</b>\r\n# Injected heading\r<script>alert(0)</script>',
      body: [
        people.body,
        '## What happened <script>alert(1)</script>',
        'See <img src=x onerror=alert(2)> and ![pixel](https://evil.example/p.png) or [click](javascript:alert(3)) &amp; *bold* `code`',
        '- <iframe src=https://evil.example></iframe>',
        '1. not a list <!-- hidden -->',
      ].join('\n\n'),
    });
    const md = (await exported(hostile, 'md')).data.toString('utf8');
    // No raw HTML: every < and > the text carried is backslash-escaped; so are [, ], *, ` and the entity's &.
    expect(md).not.toMatch(/(^|[^\\])[<>]/m);
    expect(md).toContain('See \\<img src=x onerror=alert(2)\\> and !\\[pixel\\](https://evil.example/p.png) or \\[click\\](javascript:alert(3)) \\&amp; \\*bold\\* \\`code\\`');
    expect(md).toContain('## What happened \\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('- \\<iframe src=https://evil.example\\>\\</iframe\\>');
    expect(md).toContain('1\\. not a list \\<!-- hidden --\\>');
    // The title is one line, so its "# " starts no heading: CRLF and CR each became one space.
    const subject = md.split('\n').filter((l) => l.includes('Acme'));
    expect(subject).toEqual(['**Breach at \\<b\\>Acme\\</b\\> # Injected heading \\<script\\>alert(0)\\</script\\>**']);
    expect(md).not.toMatch(/^#+ Injected/m);
    expect(md).not.toContain('\r');
  });

  it('Markdown: the letter as text; placeholders are marked in every format', async () => {
    const md = (await exported(authority, 'md', RECIPIENT)).data.toString('utf8');
    expect(md).toMatch(/^\*\*Müller & Söhne GmbH\*\* {2}\nHauptstraße 5/);
    expect(md).toContain(`**${authority.title}**`);
    expect(md).toContain(RECIPIENT);
    const gap = await v.admin.call('notify.drafts.revise', { id: people.id, body: `${people.body}\n[[MISSING: the helpline number]]\n` });
    const withGap = await exported(gap, 'html');
    expect(withGap.placeholders).toEqual(['the helpline number']);
    expect(withGap.data.toString()).toContain('<mark class="missing">[[MISSING: the helpline number]]</mark>');
  });
});
