import type { Db } from './openDatabase';

export interface Migration {
  /** Stored in PRAGMA user_version after the step; strictly increasing. */
  version: number;
  name: string;
  up(db: Db): void;
}
