/** The v1 version line, stanza prefix and MAC prefix, shared by the writer and the reader. */
export const VERSION_PREFIX = 'age-encryption.org/';
export const VERSION_LINE = `${VERSION_PREFIX}v1`;
export const STANZA_PREFIX = '-> ';
export const MAC_PREFIX = '---';
/** Stanza bodies are wrapped at 64 columns; a shorter (possibly empty) line ends the body. */
export const BODY_COLUMNS = 64;
