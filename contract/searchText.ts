import { z } from 'zod';

/**
 * Free text for a search or a filter. A NUL character is refused (issue 13, Low 11): FTS5 failed
 * on it with an internal error and a stack trace in the log, and SQLite's LIKE reads a pattern
 * only up to it, so a NUL alone matched every incident. It is never what someone meant to find.
 */
export const filterTextSchema = (max: number) =>
  z.string().max(max).refine((s) => !s.includes('\u0000'), {
    message: 'contains a NUL character (U+0000), which cannot be searched for: remove it and search again',
  });

/**
 * The audit log's full-text search (main/timeline listEvents): words, each searched as a whole
 * word, or as the start of one when it ends in `*`. A `*` with nothing before it would be the
 * start of every word, i.e. no search at all: refused rather than silently ignored.
 */
export const eventSearchTextSchema = filterTextSchema(200).refine((s) => !s.split(/\s+/).some((w) => /^\*+$/.test(w)), {
  message: '* stands for the rest of a word and needs its start before it: write lapt* to find laptop and laptops',
});
