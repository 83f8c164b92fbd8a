import { ApiFailure, MAX_EVIDENCE_BYTES } from '../../../contract';
import { addEvidence, listEvidence, readEvidence } from '../../evidence';
import { actorOf, type Handlers } from './Context';

export const evidenceHandlers: Pick<Handlers, 'evidence.list' | 'evidence.add' | 'evidence.get'> = {
  'evidence.list': (ctx, { ref }) => listEvidence(ctx.open().db, ref),
  'evidence.add': (ctx, { ref, name, mediaType, description, dataBase64 }) => {
    const data = Buffer.from(dataBase64, 'base64');
    if (data.length > MAX_EVIDENCE_BYTES) throw new ApiFailure('VALIDATION', `evidence is limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB per file through the API`);
    const { db, evidenceKey } = ctx.open();
    return addEvidence(db, ctx.dataDir, evidenceKey, actorOf(ctx).user, ref, { name, mediaType, description, data }, ctx.nowIso());
  },
  'evidence.get': (ctx, { ref, id, purpose }) => {
    const { db, evidenceKey } = ctx.open();
    const { evidence, data } = readEvidence(db, ctx.dataDir, evidenceKey, actorOf(ctx).user, ref, id, purpose, ctx.nowIso());
    return { evidence, dataBase64: data.toString('base64'), verified: true as const };
  },
};
