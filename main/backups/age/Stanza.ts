/** One recipient stanza of an age header: `-> args…` then a base64 body. `args[0]` is its type. */
export interface Stanza {
  args: string[];
  body: Buffer;
}
