import { isAppUrl } from './appOrigin';

export interface SenderFrameLike {
  readonly url: string;
  readonly parent: SenderFrameLike | null;
}

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface IpcSenderLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrameLike | null;
}

/**
 * Only the top frame of one of our windows, showing our own origin, may call the backend. A
 * subframe, a foreign page the window was somehow navigated to, or a frame already gone
 * (senderFrame is null after navigation) is refused.
 */
export function isTrustedSender(event: IpcSenderLike, trustedWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (frame === null) return false;
  if (!trustedWebContentsIds.has(event.sender.id)) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
