import type { KeySlot } from './vaultFile';

/** The authenticated data of a slot's wrapping: its id, kind and user, so slots cannot be swapped. */
export const slotAad = (slot: Pick<KeySlot, 'id' | 'kind' | 'user'>): string => `firebreak-slot-v1|${slot.id}|${slot.kind}|${slot.user ?? ''}`;
