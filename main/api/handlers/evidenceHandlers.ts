import { ApiFailure, MAX_EVIDENCE_BYTES } from '../../../contract';
import { addEvidence, listEvidence, readEvidence } from '../../evidence';
import type { Evidence } from '../../../contract';
import { actorOf, type Context, type Handlers } from './Context';
import { piiViewOf } from './piiView';

/** A file's name and description are free text: a name typed there is masked for a role without pii:read (the file's bytes are evidence and stay as they are). */
const view = (ctx: Context, e: Evidence): Evidence => {
  const pii = piiViewOf(ctx);
  return pii ? { ...e, name: pii.text(e.incidentRef, e.name), description: pii.text(e.incidentRef, e.description) } : e;
};

export const evidenceHandlers: Pick<Handlers, 'evidence.list' | 'evidence.add' | 'evidence.get'> = {
  'evidence.list': (ctx, { ref }) => listEvidence(ctx.open().db, ref).map((e) => view(ctx, e)),
  'evidence.add': (ctx, { ref, name, mediaType, description, dataBase64 }) => {
    const data = Buffer.from(dataBase64, 'base64');
    if (data.length > MAX_EVIDENCE_BYTES) throw new ApiFailure('VALIDATION', `evidence is limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB per file through the API`);
    const { db, evidenceKey } = ctx.open();
    return view(ctx, addEvidence(db, ctx.dataDir, evidenceKey, actorOf(ctx).user, ref, { name, mediaType, description, data }, ctx.nowIso()));
  },
  'evidence.get': (ctx, { ref, id, purpose }) => {
    const { db, evidenceKey } = ctx.open();
    const { evidence, data } = readEvidence(db, ctx.dataDir, evidenceKey, actorOf(ctx).user, ref, id, purpose, ctx.nowIso());
    return { evidence: view(ctx, evidence), dataBase64: data.toString('base64'), verified: true as const };
  },
};
